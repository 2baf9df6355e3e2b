// Usage: node bench/dist/bench/src/server.js <variant> <adapter>
// Starts the variant's app on 127.0.0.1 (a free port), prints the port on one line, and stops
// when its standard input closes, so that it never outlives the runner, even a killed one.
import type { AddressInfo } from 'node:net';
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

// The SDK before the app, as an app's tracing.ts: Nest and its platform are imported only now.
// Other variants load no OpenTelemetry package at all.
const telemetry = variant.telemetry ? await import('./bench-telemetry.js') : undefined;
telemetry?.startBenchTelemetry();
const { createBenchApp } = await import('./bench-app.js');
const app = await createBenchApp(variant, adapterName as AdapterName);
telemetry?.assertHttpInstrumented();
await app.listen(0, '127.0.0.1');
const { port } = app.getHttpServer().address() as AddressInfo;
process.stdout.write(`${port}\n`);

process.stdin.on('close', () => {
  void app.close().finally(() => process.exit(0));
});
process.stdin.resume();
