// Usage: node --expose-gc bench/dist/bench/src/resolve-micro.js
// Operations per second of CiamErrorMapper.resolve on warm caches, and how they scale with the
// catalog, the locales, the override table and the number of distinct Accept-Language values.
// Progress goes to stderr, the result as JSON to stdout.
import 'reflect-metadata';
import { CIAM_CODE_DEFAULTS } from '../../lib/catalog/ciam-code-defaults.js';
import type { CiamCodeDefaults } from '../../lib/catalog/ciam-error-catalog.interface.js';
import { CiamErrorMapper } from '../../lib/index.js';
import type { CiamErrorsModuleOptions, CiamResolveContext } from '../../lib/index.js';
import { SignInController, sdkException } from './fixtures.js';
import { heapUsedMbAfterGc, median, secondsSince } from './stats.js';
import { ACCEPT_LANGUAGE } from './variants.js';

const ROUNDS = 15;
const ROUND_MS = 150;
const BATCH = 1000;
/** Passes of the memory check over the 10,000 contexts. */
const MEMORY_PASSES = 20;

export interface MicroCaseResult {
  readonly name: string;
  readonly description: string;
  /** Median over the rounds. */
  readonly opsPerSecond: number;
  /** `opsPerSecond` over the baseline's, same run. */
  readonly ratio: number;
  readonly roundsOpsPerSecond: readonly number[];
}

export interface HeapCheck {
  readonly distinctAcceptLanguages: number;
  readonly resolves: number;
  readonly heapBeforeMb: number;
  readonly heapAfterMb: number;
  readonly growthMb: number;
}

export interface MicroResult {
  readonly rounds: number;
  readonly roundMs: number;
  readonly cases: readonly MicroCaseResult[];
  readonly heap: readonly HeapCheck[];
}

interface Case {
  readonly name: string;
  readonly description: string;
  readonly mapper: CiamErrorMapper;
  readonly contexts: readonly CiamResolveContext[];
  cursor: number;
  readonly samples: number[];
}

// What a sign-in route sees: a real SDK exception, zh-TW and two levels of @CiamErrorMap.
const error = sdkException('FailedOperation.UserNotFound');
const route = { controller: SignInController, handler: SignInController.prototype.signIn };

/** Accept-Language value number `i` of the 10,000 distinct ones; all negotiate to zh-TW. */
const distinctLanguage = (i: number) => `${ACCEPT_LANGUAGE},en-${i.toString(36)};q=0.5`;
const sameLanguage = () => ACCEPT_LANGUAGE;

// Every case cycles through 10,000 context objects, so that they differ only in what they vary.
const CONTEXTS = 10_000;
const contexts = (language: (i: number) => string): CiamResolveContext[] =>
  Array.from({ length: CONTEXTS }, (_, i) => ({ acceptLanguage: language(i), ...route }));
const typical = contexts(sameLanguage);

/** 47 locales added through `messages`, next to the 3 built-in ones. */
// prettier-ignore
const EXTRA_LOCALES = [
  'de', 'fr', 'es', 'it', 'pt', 'ru', 'ja', 'ko', 'ar', 'hi', 'tr', 'pl', 'nl', 'sv', 'da', 'fi',
  'nb', 'cs', 'sk', 'hu', 'ro', 'bg', 'el', 'he', 'th', 'vi', 'id', 'ms', 'uk', 'hr', 'sr', 'sl',
  'lt', 'lv', 'et', 'fa', 'ur', 'bn', 'ta', 'te', 'mr', 'gu', 'kn', 'ml', 'sw', 'af', 'ca',
];

/** The 93 catalog codes plus generated ones, up to `size`. */
function largeCatalog(size: number): ReadonlyMap<string, CiamCodeDefaults> {
  const catalog = new Map<string, CiamCodeDefaults>(Object.entries(CIAM_CODE_DEFAULTS));
  for (let i = 0; catalog.size < size; i++) {
    catalog.set(`FailedOperation.Generated${i}`, { status: 409, expose: true, retryable: false });
  }
  return catalog;
}

function mapper(
  options: CiamErrorsModuleOptions = {},
  catalog?: ReadonlyMap<string, CiamCodeDefaults>,
) {
  return catalog === undefined
    ? new CiamErrorMapper({ logger: false, ...options })
    : CiamErrorMapper.withCatalog({ logger: false, ...options }, catalog);
}

function makeCases(): Case[] {
  const messages = Object.fromEntries(
    EXTRA_LOCALES.map((locale) => [
      locale,
      { 'FailedOperation.UserNotFound': `[${locale}] user not found`, BadGateway: `[${locale}] …` },
    ]),
  );
  const overrides = Object.fromEntries(
    Array.from({ length: 1000 }, (_, i) => [`FailedOperation.Custom${i}.Sub${i % 7}`, 409]),
  );
  const defs: [string, string, CiamErrorMapper, CiamResolveContext[]][] = [
    ['baseline', '93 codes, 3 locales, 0 overrides, 1 Accept-Language', mapper(), typical],
    ['catalog-10k', '10,000 catalog codes', mapper({}, largeCatalog(10_000)), typical],
    ['locales-50', '50 locales (47 added through messages)', mapper({ messages }), typical],
    [
      'overrides-1k',
      '1,000 uncataloguedOverrides entries',
      mapper({ uncataloguedOverrides: overrides }),
      typical,
    ],
    [
      'accept-language-10k',
      '10,000 distinct Accept-Language values',
      mapper(),
      contexts(distinctLanguage),
    ],
  ];
  if (EXTRA_LOCALES.length !== 47) throw new Error('expected 47 extra locales');
  return defs.map(([name, description, m, contexts]) => ({
    name,
    description,
    mapper: m,
    contexts,
    cursor: 0,
    samples: [],
  }));
}

/** Every context of the case resolves to the expected answer (and warms the caches). */
function check(c: Case): void {
  for (const context of c.contexts) {
    const problem = c.mapper.resolve(error, context);
    if (problem?.status !== 401 || problem.code !== 'UnknownUser' || problem.locale !== 'zh-TW') {
      throw new Error(`${c.name}: unexpected answer ${JSON.stringify(problem)}`);
    }
  }
}

/** Resolves in batches for `ms` milliseconds, cycling through the contexts; returns ops/s. */
function measure(c: Case, ms: number): number {
  const { mapper: m, contexts } = c;
  let cursor = c.cursor;
  let ops = 0;
  let statusSum = 0;
  const start = process.hrtime.bigint();
  do {
    for (let i = 0; i < BATCH; i++) {
      statusSum += m.resolve(error, contexts[cursor])!.status;
      cursor = cursor + 1 === contexts.length ? 0 : cursor + 1;
    }
    ops += BATCH;
  } while (secondsSince(start) * 1000 < ms);
  const seconds = secondsSince(start);
  c.cursor = cursor;
  if (statusSum !== ops * 401) throw new Error(`${c.name}: an answer changed while measured`);
  return ops / seconds;
}

/**
 * Heap before and after 200,000 resolves on a fresh mapper, each with a new Accept-Language
 * string as a request brings (so that whatever the mapper keeps of them shows).
 */
function heapCheck(distinct: number, language: (i: number) => string): HeapCheck {
  const fresh = mapper();
  const heapBeforeMb = heapUsedMbAfterGc();
  for (let pass = 0; pass < MEMORY_PASSES; pass++) {
    for (let i = 0; i < CONTEXTS; i++) {
      fresh.resolve(error, { acceptLanguage: language(i % distinct), ...route });
    }
  }
  const heapAfterMb = heapUsedMbAfterGc();
  // Used after the measurement, so that the mapper and its caches are still alive during it.
  if (fresh.resolve(error, typical[0])?.status !== 401) throw new Error('heap check: bad answer');
  return {
    distinctAcceptLanguages: distinct,
    resolves: CONTEXTS * MEMORY_PASSES,
    heapBeforeMb,
    heapAfterMb,
    growthMb: heapAfterMb - heapBeforeMb,
  };
}

const cases = makeCases();
for (const c of cases) {
  check(c);
  measure(c, ROUND_MS); // warm-up
}
// Rounds alternate the cases, so that drift in the machine's speed hits them all alike.
for (let round = 1; round <= ROUNDS; round++) {
  for (const c of cases) {
    const ops = measure(c, ROUND_MS);
    c.samples.push(ops);
    console.error(
      `  resolve round ${round}/${ROUNDS} ${c.name}: ${Math.round(ops).toLocaleString('en-US')} ops/s`,
    );
  }
}
const baseline = median(cases[0]!.samples);
const result: MicroResult = {
  rounds: ROUNDS,
  roundMs: ROUND_MS,
  cases: cases.map((c) => ({
    name: c.name,
    description: c.description,
    opsPerSecond: median(c.samples),
    ratio: median(c.samples) / baseline,
    roundsOpsPerSecond: c.samples,
  })),
  heap: [heapCheck(1, sameLanguage), heapCheck(CONTEXTS, distinctLanguage)],
};
process.stdout.write(`${JSON.stringify(result)}\n`);
