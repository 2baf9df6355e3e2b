// `npm run bench`: the HTTP variants under autocannon, then the resolve micro-benchmark, the
// memory soak and the rule-cache memory case, each in processes of their own; prints the results and writes
// bench/results/latest.json. BENCH_ROUNDS and BENCH_DURATION (seconds) shorten a trial run.
// BENCH_VARIANTS=a,b runs those HTTP variants only (a partial run): no scripts, and its figures go
// to `partialRuns` in latest.json, beside the last full run's, which they leave untouched.
import autocannon from 'autocannon';
import { execFileSync, spawn } from 'node:child_process';
import type { ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { cpus, platform, release, totalmem } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  evaluateHttpTargets,
  evaluateTargets,
  formatHttp,
  formatMicro,
  formatRoutesMemory,
  formatSoak,
  formatTargets,
  httpRows,
} from './report.js';
import type { HttpRow, HttpSample, Target } from './report.js';
import type { MicroResult } from './resolve-micro.js';
import type { RoutesMemoryResult } from './resolve-routes-memory.js';
import type { SoakResult } from './resolve-soak.js';
import { secondsSince } from './stats.js';
import { ADAPTERS, VARIANTS, selectedVariants } from './variants.js';
import type { AdapterName, Variant } from './variants.js';

/** The HTTP variants of this run: all of them, or those of BENCH_VARIANTS. */
const RUN_VARIANTS = selectedVariants();
const PARTIAL = RUN_VARIANTS.length < VARIANTS.length;

const HERE = dirname(fileURLToPath(import.meta.url)); // bench/dist/bench/src
const RESULTS_FILE = join(HERE, '../../../results/latest.json');

const SETTINGS = {
  rounds: positiveInt('BENCH_ROUNDS', 6),
  /** Once per app after start-up, for the JIT. */
  initialWarmupSeconds: 2,
  /** Before each measurement, so that the app is hot again after the others ran. */
  warmupSeconds: 0.5,
  durationSeconds: positiveInt('BENCH_DURATION', 2),
  connections: 10,
  pipelining: 1,
};

function positiveInt(name: string, fallback: number): number {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value < 1) throw new Error(`${name} must be a whole number ≥ 1`);
  return value;
}

// Every child (servers, scripts) dies with the runner, whichever way the runner ends.
const children = new Set<ChildProcess>();
process.on('exit', () => children.forEach((child) => child.kill()));
process.on('SIGINT', () => process.exit(130));
process.on('SIGTERM', () => process.exit(143));

/** Runs `node …args`; a `timeoutMs` kills it when it runs longer. */
function spawnNode(args: readonly string[], stdin: 'pipe' | 'ignore', timeoutMs?: number) {
  const child = spawn(process.execPath, args, {
    stdio: [stdin, 'pipe', 'inherit'],
    ...(timeoutMs !== undefined && { timeout: timeoutMs }),
  });
  children.add(child);
  child.on('exit', () => children.delete(child));
  return child;
}

interface Server {
  readonly variant: Variant;
  readonly adapter: AdapterName;
  readonly url: string;
  readonly pid: number | undefined;
}

/** CPU time (user + system) of a process in µs, from /proc; undefined where there is none. */
function cpuMicros(pid: number | undefined): number | undefined {
  try {
    // Fields after the command name: utime and stime are the 12th and 13th, in clock ticks.
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLOCK_TICKS_PER_SECOND;
  } catch {
    return undefined;
  }
}
/** Linux's USER_HZ, the unit of /proc/<pid>/stat times. */
const CLOCK_TICKS_PER_SECOND = 100;

/** Starts `server.js <variant> <adapter>` and waits for the port it prints. */
function startServer(variant: Variant, adapter: AdapterName): Promise<Server> {
  const child = spawnNode([join(HERE, 'server.js'), variant.name, adapter], 'pipe');
  return new Promise((resolve, reject) => {
    let output = '';
    const fail = (why: string) => reject(new Error(`${adapter} ${variant.name} server ${why}`));
    const timer = setTimeout(() => fail('printed no port within 30 s'), 30_000);
    child.on('exit', (code) => fail(`exited (code ${code}) before printing its port`));
    child.stdout!.setEncoding('utf8').on('data', (chunk: string) => {
      output += chunk;
      const [port, ...rest] = output.split('\n');
      if (rest.length === 0) return;
      clearTimeout(timer);
      if (!/^\d+$/.test(port!)) return fail(`printed ${JSON.stringify(port)}, not a port`);
      resolve({ variant, adapter, url: `http://127.0.0.1:${port}${variant.path}`, pid: child.pid });
    });
  });
}

/** One request: the answer must be the variant's, or the run stops. */
async function verify({ variant, adapter, url }: Server): Promise<void> {
  const response = await fetch(url, {
    headers: variant.headers,
    signal: AbortSignal.timeout(10_000),
  });
  const body = await response.text();
  const { status, contentType, bodyIncludes, contentLanguage } = variant.expect;
  const problems = [
    response.status !== status && `status ${response.status} instead of ${status}`,
    !response.headers.get('content-type')?.startsWith(contentType) &&
      `Content-Type ${response.headers.get('content-type')} instead of ${contentType}`,
    contentLanguage !== undefined &&
      response.headers.get('content-language') !== contentLanguage &&
      `Content-Language ${response.headers.get('content-language')} instead of ${contentLanguage}`,
    !body.includes(bodyIncludes) && `a body without ${bodyIncludes}: ${body.slice(0, 300)}`,
  ].filter(Boolean);
  if (problems.length > 0) {
    throw new Error(`${adapter} ${variant.name} (GET ${url}) answered ${problems.join('; ')}`);
  }
}

/** Loads the server for `seconds`; every answer must carry the expected status. */
async function load({ variant, adapter, url, pid }: Server, seconds: number): Promise<HttpSample> {
  const cpuBefore = cpuMicros(pid);
  const result = await autocannon({
    url,
    headers: { ...variant.headers },
    connections: SETTINGS.connections,
    pipelining: SETTINGS.pipelining,
    duration: seconds,
  });
  const statuses = Object.keys(result.statusCodeStats ?? {});
  if (result.errors > 0 || statuses.length !== 1 || statuses[0] !== String(variant.expect.status)) {
    throw new Error(
      `${adapter} ${variant.name}: ${result.errors} errors, statuses ${JSON.stringify(result.statusCodeStats)} under load`,
    );
  }
  const cpuAfter = cpuMicros(pid);
  return {
    requestsPerSecond: result.requests.total / result.duration,
    p50Ms: result.latency.p50,
    p99Ms: result.latency.p99,
    ...(cpuBefore !== undefined &&
      cpuAfter !== undefined && {
        cpuMicrosPerRequest: (cpuAfter - cpuBefore) / result.requests.total,
      }),
  };
}

async function runHttp(): Promise<HttpRow[]> {
  const { rounds, initialWarmupSeconds, warmupSeconds, durationSeconds } = SETTINGS;
  const count = ADAPTERS.length * RUN_VARIANTS.length;
  const seconds = count * (initialWarmupSeconds + rounds * (warmupSeconds + durationSeconds));
  console.log(
    `HTTP: ${count} apps, ${initialWarmupSeconds} s warm-up each, then ${rounds} rounds of ` +
      `${warmupSeconds} s warm-up + ${durationSeconds} s measured, ${SETTINGS.connections} ` +
      `connections, pipelining ${SETTINGS.pipelining}: about ${Math.round(seconds)} s`,
  );
  const servers: Server[] = [];
  for (const adapter of ADAPTERS) {
    for (const variant of RUN_VARIANTS) servers.push(await startServer(variant, adapter));
  }
  for (const server of servers) await verify(server);
  for (const server of servers) await load(server, initialWarmupSeconds);

  const samples = new Map(
    ADAPTERS.map((a) => [a, new Map(RUN_VARIANTS.map((v) => [v.name, [] as HttpSample[]]))]),
  );
  for (let round = 0; round < rounds; round++) {
    for (const adapter of ADAPTERS) {
      const order = round % 2 === 0 ? RUN_VARIANTS : [...RUN_VARIANTS].reverse();
      for (const variant of order) {
        const server = servers.find((s) => s.adapter === adapter && s.variant === variant)!;
        await load(server, warmupSeconds);
        const sample = await load(server, durationSeconds);
        samples.get(adapter)!.get(variant.name)!.push(sample);
        console.log(
          `  round ${round + 1}/${rounds} ${adapter.padEnd(7)} ${variant.name.padEnd(23)} ` +
            `${Math.round(sample.requestsPerSecond).toLocaleString('en-US').padStart(7)} req/s`,
        );
      }
    }
  }
  for (const child of children) child.stdin?.end(); // the servers stop when stdin closes
  return ADAPTERS.flatMap((adapter) => httpRows(adapter, samples.get(adapter)!));
}

/** Runs a script with `node --expose-gc` (for at most 2 minutes) and parses the JSON it prints. */
async function runScript<T>(script: string): Promise<T> {
  const child = spawnNode(['--expose-gc', join(HERE, script)], 'ignore', 120_000);
  let output = '';
  child.stdout!.setEncoding('utf8').on('data', (chunk: string) => (output += chunk));
  const [code, signal] = await new Promise<[number | null, string | null]>((resolve) =>
    child.on('exit', (...end) => resolve(end)),
  );
  if (code !== 0) throw new Error(`${script} ended with ${signal ?? `exit code ${code}`}`);
  return JSON.parse(output) as T;
}

/** The commit measured, and whether lib/ had uncommitted changes; undefined outside a checkout. */
function sourceVersion(): { commit: string; libChanged: boolean } | undefined {
  try {
    const git = (...args: string[]) =>
      execFileSync('git', args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return {
      commit: git('rev-parse', 'HEAD'),
      libChanged: git('--no-optional-locks', 'status', '--porcelain', 'lib') !== '',
    };
  } catch {
    return undefined;
  }
}

/** What the scripts measure; a partial run skips them. */
interface ScriptResults {
  readonly micro: MicroResult;
  readonly soak: SoakResult;
  readonly routes: RoutesMemoryResult;
}

async function runScripts(): Promise<ScriptResults> {
  console.log('\nresolve micro-benchmark (warm caches, median of alternating rounds)');
  const micro = await runScript<MicroResult>('resolve-micro.js');
  console.log('\nmemory soak');
  const soak = await runScript<SoakResult>('resolve-soak.js');
  console.log('\nrule cache memory: decorated routes × unknown codes');
  const routes = await runScript<RoutesMemoryResult>('resolve-routes-memory.js');
  return { micro, soak, routes };
}

async function main(): Promise<void> {
  const start = process.hrtime.bigint();
  const http = await runHttp();
  const scripts = PARTIAL ? undefined : await runScripts();
  const wallSeconds = secondsSince(start);
  const targets: Target[] = scripts
    ? evaluateTargets(http, scripts.micro, scripts.soak, scripts.routes)
    : evaluateHttpTargets(http);

  const machine = {
    cpu: cpus()[0]?.model.trim() ?? 'unknown',
    cores: cpus().length,
    memoryGb: Math.round(totalmem() / 2 ** 30),
    os: `${platform()} ${release()}`,
    node: process.version,
    date: new Date().toISOString(),
  };
  const source = sourceVersion();
  const measured = source
    ? `commit ${source.commit.slice(0, 7)}${source.libChanged ? ' with uncommitted lib/ changes' : ''}`
    : 'not a git checkout';
  const { rounds, durationSeconds, warmupSeconds, connections, pipelining } = SETTINGS;
  console.log(
    `\n${machine.cpu}, ${machine.cores} cores, Node.js ${machine.node}, ${machine.date}, ${measured}` +
      (PARTIAL ? `\npartial run: ${RUN_VARIANTS.map((v) => v.name).join(', ')}\n` : '\n') +
      `\nHTTP: median of ${rounds} alternating rounds, ${durationSeconds} s each after ` +
      `${warmupSeconds} s warm-up, ${connections} connections, pipelining ${pipelining}\n` +
      `${formatHttp(http)}\n` +
      (scripts
        ? `\nCiamErrorMapper.resolve\n${formatMicro(scripts.micro)}\n` +
          `\nsoak: ${formatSoak(scripts.soak)}\n\nrule cache: ${formatRoutesMemory(scripts.routes)}\n`
        : '') +
      `\ntargets\n${formatTargets(targets)}\n` +
      `\nwall time ${wallSeconds.toFixed(0)} s`,
  );
  if (rounds < 5) console.log('(fewer than 5 rounds: the targets are judged on 5 or more)');

  await mkdir(dirname(RESULTS_FILE), { recursive: true });
  const variants = RUN_VARIANTS.map(({ name, description }) => ({ name, description }));
  const settings = SETTINGS;
  const run = { machine, source, settings, wallSeconds, variants, http, targets };
  const json = scripts ? { ...run, ...scripts } : await withPartialRun(run);
  await writeFile(RESULTS_FILE, `${JSON.stringify(json, null, 2)}\n`);
  console.log(`written to ${relative(process.cwd(), RESULTS_FILE)}`);
}

/**
 * The results file with a partial run added to its `partialRuns` (replacing an earlier one of
 * the same variants); the full run's figures stay as they were. A full run drops them all.
 */
async function withPartialRun(run: { variants: readonly { name: string }[] }): Promise<object> {
  let previous: { partialRuns?: { variants: { name: string }[] }[] } = {};
  try {
    previous = JSON.parse(await readFile(RESULTS_FILE, 'utf8')) as typeof previous;
  } catch {
    // No earlier results: the partial run alone.
  }
  const key = (r: { variants: readonly { name: string }[] }) =>
    r.variants.map((v) => v.name).join(',');
  const others = (previous.partialRuns ?? []).filter((r) => key(r) !== key(run));
  return { ...previous, partialRuns: [...others, run] };
}

main().catch((error: unknown) => {
  console.error(`\nbench failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
