// Usage: node bench/dist/bench/src/server.js <variant> <adapter>
// Starts the variant's app on 127.0.0.1 (a free port), prints the port on one line, and stops
// when its standard input closes, so that it never outlives the runner, even a killed one.
import type { AddressInfo } from 'node:net';
import { createBenchApp } from './bench-app.js';
import { ADAPTERS, VARIANTS } from './variants.js';
import type { AdapterName } from './variants.js';

const [variantName, adapterName] = process.argv.slice(2);
const variant = VARIANTS.find((v) => v.name === variantName);
if (!variant || !ADAPTERS.includes(adapterName as AdapterName)) {
  console.error(
    `usage: server.js <${VARIANTS.map((v) => v.name).join('|')}> <${ADAPTERS.join('|')}>`,
  );
  process.exit(2);
}

const app = await createBenchApp(variant.withModule, adapterName as AdapterName);
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address() as AddressInfo;
process.stdout.write(`${port}\n`);

process.stdin.on('close', () => {
  void app.close().finally(() => process.exit(0));
});
process.stdin.resume();
