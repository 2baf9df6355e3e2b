// Usage: node --expose-gc bench/dist/bench/src/resolve-routes-memory.js
// 200 controllers with a @CiamErrorMap handler each, every handler fed 2,100 distinct codes the
// catalog does not know, under a prefix the route's own maps cover: what the mapper keeps of them
// must not grow with routes × codes. Progress goes to stderr, the result as JSON to stdout.
import 'reflect-metadata';
import { CiamErrorMap, CiamErrorMapper } from '../../lib/index.js';
import { sdkException } from './fixtures.js';
import { heapUsedMbAfterGc, secondsSince } from './stats.js';

const ROUTES = 200;
const CODES_PER_ROUTE = 2100;

export interface RoutesMemoryResult {
  readonly routes: number;
  readonly codesPerRoute: number;
  readonly resolves: number;
  readonly seconds: number;
  readonly heapBeforeMb: number;
  readonly heapAfterMb: number;
  readonly growthMb: number;
  /** Rule cache entries the mapper holds at the end. */
  readonly cachedRules: number;
}

type Route = { readonly controller: Function; readonly handler: Function };

/** A controller and its handler, both with a map covering `FailedOperation`, as an app has them. */
function decoratedRoute(): Route {
  class Controller {
    handle() {}
  }
  CiamErrorMap({ FailedOperation: 400 })(Controller);
  CiamErrorMap({
    'FailedOperation.UserNotFound': { status: 401, code: 'UnknownUser', expose: true },
  })(
    Controller.prototype,
    'handle',
    Object.getOwnPropertyDescriptor(Controller.prototype, 'handle')!,
  );
  return { controller: Controller, handler: Controller.prototype.handle };
}

const mapper = new CiamErrorMapper({ logger: false });
const routes = Array.from({ length: ROUTES }, decoratedRoute);
// The route tables themselves are built before the first reading, so that only the rules show.
for (const route of routes) mapper.resolve(sdkException('FailedOperation.UserNotFound'), route);
const heapBeforeMb = heapUsedMbAfterGc();
const start = process.hrtime.bigint();
for (const [index, route] of routes.entries()) {
  for (let i = 0; i < CODES_PER_ROUTE; i++) {
    const code = `FailedOperation.Unknown${i}`;
    const problem = mapper.resolve(sdkException(code), { ...route, acceptLanguage: 'zh-CN' });
    if (problem?.status !== 400 || problem.upstreamCode !== code) {
      throw new Error(`${code}: unexpected answer ${JSON.stringify(problem)}`);
    }
  }
  if ((index + 1) % 50 === 0) console.error(`  routes memory: ${index + 1}/${ROUTES} routes fed`);
}
const seconds = secondsSince(start);
const heapAfterMb = heapUsedMbAfterGc();
const cachedRules = (mapper as unknown as { cachedRuleCount: number }).cachedRuleCount;
// Used after the measurement, so that the mapper and its caches are still alive during it.
if (mapper.resolve(sdkException('FailedOperation.Unknown0'), routes[0])?.status !== 400) {
  throw new Error('routes memory: bad answer');
}
const result: RoutesMemoryResult = {
  routes: ROUTES,
  codesPerRoute: CODES_PER_ROUTE,
  resolves: ROUTES * CODES_PER_ROUTE,
  seconds,
  heapBeforeMb,
  heapAfterMb,
  growthMb: heapAfterMb - heapBeforeMb,
  cachedRules,
};
process.stdout.write(`${JSON.stringify(result)}\n`);
