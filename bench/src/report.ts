import type { HeapCheck, MicroResult } from './resolve-micro.js';
import type { RoutesMemoryResult } from './resolve-routes-memory.js';
import type { SoakResult } from './resolve-soak.js';
import { median } from './stats.js';
import { HTTP_TARGETS } from './variants.js';
import type { AdapterName } from './variants.js';

/** One autocannon measurement. */
export interface HttpSample {
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /**
   * CPU time (user + system) the server process spent per request, in µs; undefined where
   * /proc is missing. Steadier than req/s on a shared machine, where the load generator and
   * other tenants take turns with the server.
   */
  readonly cpuMicrosPerRequest?: number;
}

/** Medians over the rounds of one variant on one adapter. */
export interface HttpRow {
  readonly adapter: AdapterName;
  readonly variant: string;
  readonly requestsPerSecond: number;
  readonly p50Ms: number;
  readonly p99Ms: number;
  /**
   * Median over the rounds of req/s over the baseline's req/s in the same round (measured next
   * to each other), same adapter. The targets are judged on it.
   */
  readonly ratio?: number;
  /** Median req/s over the baseline's median req/s. */
  readonly ratioOfMedians?: number;
  readonly baseline?: string;
  /** Smallest and largest ratio of one round's pair, to show the noise. */
  readonly roundRatioRange?: readonly [number, number];
  /** Median server CPU µs per request. */
  readonly cpuMicrosPerRequest?: number;
  /** Median over the rounds of the baseline's CPU per request over the variant's (≥ 1: cheaper). */
  readonly cpuRatio?: number;
  /**
   * Every baseline of the variant measured in this run, the first one also in the fields above
   * (`ratio`, `ratioOfMedians`, `baseline`, `roundRatioRange`, `cpuRatio`).
   */
  readonly comparisons?: readonly Comparison[];
  readonly rounds: readonly HttpSample[];
}

/** A variant against one of its baselines, paired by round. */
export interface Comparison {
  readonly baseline: string;
  readonly ratio: number;
  readonly ratioOfMedians: number;
  readonly roundRatioRange: readonly [number, number];
  readonly cpuRatio?: number;
}

export interface Target {
  readonly name: string;
  readonly value: number;
  readonly goal: string;
  readonly met: boolean;
}

/** One row per variant measured (the keys of `samples`, in their order). */
export function httpRows(
  adapter: AdapterName,
  samples: ReadonlyMap<string, readonly HttpSample[]>,
): HttpRow[] {
  const rps = (variant: string) => samples.get(variant)!.map((s) => s.requestsPerSecond);
  const cpu = (variant: string) => samples.get(variant)!.map((s) => s.cpuMicrosPerRequest ?? NaN);
  return [...samples.keys()].map((name) => {
    const rounds = samples.get(name)!;
    const cpuMedian = median(cpu(name));
    const row: HttpRow = {
      adapter,
      variant: name,
      requestsPerSecond: median(rps(name)),
      p50Ms: median(rounds.map((s) => s.p50Ms)),
      p99Ms: median(rounds.map((s) => s.p99Ms)),
      ...(Number.isFinite(cpuMedian) && { cpuMicrosPerRequest: cpuMedian }),
      rounds,
    };
    // A partial run (BENCH_VARIANTS) may leave a baseline out: no ratio then.
    const comparisons = HTTP_TARGETS.filter(
      (t) => t.variant === name && samples.has(t.baseline),
    ).map((target): Comparison => {
      const baseline = rps(target.baseline);
      const paired = rps(name).map((value, i) => value / baseline[i]!);
      const baselineCpu = cpu(target.baseline);
      const cpuRatio = median(cpu(name).map((value, i) => baselineCpu[i]! / value));
      return {
        baseline: target.baseline,
        ratio: median(paired),
        ratioOfMedians: row.requestsPerSecond / median(baseline),
        roundRatioRange: [Math.min(...paired), Math.max(...paired)],
        ...(Number.isFinite(cpuRatio) && { cpuRatio }),
      };
    });
    const [first] = comparisons;
    if (first === undefined) return row;
    return { ...row, ...first, comparisons };
  });
}

/** The HTTP targets of the rows that have a ratio. */
export function evaluateHttpTargets(http: readonly HttpRow[]): Target[] {
  const targets: Target[] = [];
  for (const row of http) {
    for (const comparison of row.comparisons ?? []) {
      const goal = HTTP_TARGETS.find(
        (t) => t.variant === row.variant && t.baseline === comparison.baseline,
      );
      if (!goal) continue;
      targets.push({
        name: `${row.adapter} ${row.variant} / ${comparison.baseline}`,
        value: comparison.ratio,
        goal: `>= ${goal.min.toFixed(2)}`,
        met: comparison.ratio >= goal.min,
      });
    }
  }
  return targets;
}

export function evaluateTargets(
  http: readonly HttpRow[],
  micro: MicroResult,
  soak: SoakResult,
  routes: RoutesMemoryResult,
): Target[] {
  const targets = evaluateHttpTargets(http);
  const [baseline, ...scaling] = micro.cases;
  targets.push({
    name: 'resolve ops/s (baseline)',
    value: baseline!.opsPerSecond,
    goal: '>= 1,000,000',
    met: baseline!.opsPerSecond >= 1_000_000,
  });
  for (const c of scaling) {
    targets.push({
      name: `resolve ${c.name} / baseline`,
      value: c.ratio,
      goal: '0.85 to 1.15',
      met: c.ratio >= 0.85 && c.ratio <= 1.15,
    });
  }
  targets.push({
    name: 'soak heap growth, 1,000,000 resolves (MB)',
    value: soak.growthMb,
    goal: '< 5',
    met: soak.growthMb < 5,
  });
  const languages = micro.heap.find((h) => h.distinctAcceptLanguages > 1)!;
  targets.push({
    name: `heap growth, ${fmt(languages.distinctAcceptLanguages)} Accept-Language values (MB)`,
    value: languages.growthMb,
    goal: '< 5',
    met: languages.growthMb < 5,
  });
  targets.push({
    name: `heap growth, ${fmt(routes.routes)} decorated routes × ${fmt(routes.codesPerRoute)} unknown codes (MB)`,
    value: routes.growthMb,
    goal: '< 10',
    met: routes.growthMb < 10,
  });
  return targets;
}

const fmt = (value: number, digits = 0) =>
  value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

/** A plain-text table: the first column left-aligned, the others right-aligned. */
function table(header: readonly string[], rows: readonly (readonly string[])[]): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i]!.length)));
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (i < 2 ? cell.padEnd(widths[i]!) : cell.padStart(widths[i]!)))
      .join('  ')
      .trimEnd();
  return [line(header), line(widths.map((w) => '-'.repeat(w))), ...rows.map(line)].join('\n');
}

export function formatHttp(rows: readonly HttpRow[]): string {
  return table(
    [
      'adapter',
      'variant',
      'req/s',
      'p50 ms',
      'p99 ms',
      'ratio',
      'of medians',
      'rounds',
      'CPU µs/req',
      'CPU ratio',
      'vs',
    ],
    rows.flatMap((r) => {
      const own = [
        r.adapter,
        r.variant,
        fmt(r.requestsPerSecond),
        fmt(r.p50Ms, 2),
        fmt(r.p99Ms, 2),
      ];
      const cpu = r.cpuMicrosPerRequest === undefined ? '' : fmt(r.cpuMicrosPerRequest, 1);
      const comparisons = r.comparisons ?? [];
      if (comparisons.length === 0) return [[...own, '', '', '', cpu, '', '']];
      // A second baseline of the same variant on a line of its own, below the first.
      return comparisons.map((c, i) => [
        ...(i === 0 ? own : ['', '', '', '', '']),
        fmt(c.ratio, 3),
        fmt(c.ratioOfMedians, 3),
        c.roundRatioRange.map((v) => fmt(v, 2)).join('-'),
        i === 0 ? cpu : '',
        c.cpuRatio === undefined ? '' : fmt(c.cpuRatio, 3),
        c.baseline,
      ]);
    }),
  );
}

export function formatMicro(micro: MicroResult): string {
  const cases = table(
    ['case', 'description', 'ops/s', 'ratio'],
    micro.cases.map((c) => [c.name, c.description, fmt(c.opsPerSecond), fmt(c.ratio, 3)]),
  );
  const heap = (h: HeapCheck) =>
    `heap with ${fmt(h.distinctAcceptLanguages)} Accept-Language value(s), ${fmt(h.resolves)} resolves: ` +
    `${fmt(h.heapBeforeMb, 2)} MB before, ${fmt(h.heapAfterMb, 2)} MB after gc (${sign(h.growthMb)} MB)`;
  return [cases, ...micro.heap.map(heap)].join('\n');
}

export function formatSoak(soak: SoakResult): string {
  return (
    `${fmt(soak.resolves)} errors resolved in ${fmt(soak.seconds, 1)} s; heap after gc ` +
    `${fmt(soak.heapBeforeMb, 2)} MB before, ${soak.checkpointsMb.map((v) => fmt(v, 2)).join(' / ')} MB ` +
    `at each quarter: growth ${sign(soak.growthMb)} MB`
  );
}

export function formatRoutesMemory(routes: RoutesMemoryResult): string {
  return (
    `${fmt(routes.routes)} decorated routes × ${fmt(routes.codesPerRoute)} unknown codes ` +
    `(${fmt(routes.resolves)} resolves in ${fmt(routes.seconds, 1)} s): heap after gc ` +
    `${fmt(routes.heapBeforeMb, 2)} MB before, ${fmt(routes.heapAfterMb, 2)} MB after ` +
    `(${sign(routes.growthMb)} MB), ${fmt(routes.cachedRules)} cached rules`
  );
}

export function formatTargets(targets: readonly Target[]): string {
  return table(
    ['', 'target', 'value', 'goal'],
    targets.map((t) => [
      t.met ? 'met' : 'MISSED',
      t.name,
      fmt(t.value, t.value > 100 ? 0 : 3),
      t.goal,
    ]),
  );
}

function sign(value: number): string {
  return `${value >= 0 ? '+' : ''}${fmt(value, 2)}`;
}
