// Usage: node --expose-gc bench/dist/bench/src/resolve-soak.js
// One million CIAM errors resolved by one mapper, a new error object each time (SDK exceptions
// and CiamExceptions, a few codes, locales and routes): the heap must not grow with them.
// Progress goes to stderr, the result as JSON to stdout.
import 'reflect-metadata';
import { CiamErrorMapper, CiamException } from '../../lib/index.js';
import type { CiamResolveContext } from '../../lib/index.js';
import { SignInController, sdkException } from './fixtures.js';
import { heapUsedMbAfterGc, secondsSince } from './stats.js';
import { ACCEPT_LANGUAGE } from './variants.js';

const TOTAL = 1_000_000;
const CHECKPOINTS = 4;

export interface SoakResult {
  readonly resolves: number;
  readonly seconds: number;
  readonly heapBeforeMb: number;
  /** Heap after gc at each quarter of the run. */
  readonly checkpointsMb: readonly number[];
  readonly growthMb: number;
}

const CODES = [
  'FailedOperation.UserNotFound',
  'FailedOperation.UserNameAlreadyExists',
  'RequestLimitExceeded.UinLimitExceeded',
  'AuthFailure.SignatureFailure',
  'ResourceNotFound.SomethingNew',
];
const LANGUAGES = [undefined, 'en-US,en;q=0.9', 'zh-CN,zh;q=0.9', ACCEPT_LANGUAGE];
const route = { controller: SignInController, handler: SignInController.prototype.signIn };

const mapper = new CiamErrorMapper({ logger: false });
const heapBeforeMb = heapUsedMbAfterGc();
const checkpointsMb: number[] = [];
const start = process.hrtime.bigint();
for (let i = 1; i <= TOTAL; i++) {
  const code = CODES[i % CODES.length]!;
  const error =
    i % 2 === 0
      ? sdkException(code)
      : CiamException.uncatalogued(code, { requestId: `request-${i}` });
  const context: CiamResolveContext = { acceptLanguage: LANGUAGES[i % LANGUAGES.length] };
  if (i % 3 === 0) Object.assign(context, route);
  if (mapper.resolve(error, context) === undefined) throw new Error(`${code} was not resolved`);
  if (i % (TOTAL / CHECKPOINTS) === 0) {
    checkpointsMb.push(heapUsedMbAfterGc());
    console.error(
      `  soak ${i.toLocaleString('en-US')} resolved, heap ${checkpointsMb.at(-1)!.toFixed(2)} MB`,
    );
  }
}
const seconds = secondsSince(start);
const result: SoakResult = {
  resolves: TOTAL,
  seconds,
  heapBeforeMb,
  checkpointsMb,
  growthMb: checkpointsMb.at(-1)! - heapBeforeMb,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
