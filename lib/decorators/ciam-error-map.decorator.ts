import { GUARDS_METADATA } from '@nestjs/common/constants.js';
import { CIAM_ERROR_MAP_METADATA } from '../ciam-errors.constants.js';
import type {
  CiamErrorOverrideMap,
  CiamUncataloguedOverrideMap,
} from '../interfaces/ciam-error-override.interface.js';
import { normalizeOverrideMap } from '../mapper/ciam-errors-options.util.js';
import { CIAM_ROUTE_CONTEXT_GUARD } from './route-context.guard.js';

/**
 * Second argument of {@link CiamErrorMap}.
 * @publicApi
 */
export interface CiamErrorMapOptions {
  /** Overrides for codes outside the catalog (escape hatch: keys are not type-checked). */
  uncatalogued?: CiamUncataloguedOverrideMap;
}

/**
 * Per-route overrides for a controller class or a handler method; GraphQL resolvers, message
 * handlers (TCP, gRPC…) and WebSocket gateways too. A handler's map beats its controller's,
 * which beats the `overrides` option, which beats the catalog; each field (status, code,
 * expose, message, retryAfter) is decided on its own.
 *
 * The map is validated when the class is defined: an unknown code, a bad status or a
 * malformed override throws then, naming the key.
 *
 * Exception filters are not told which route failed, so this decorator also puts a tiny guard
 * first among the controller's guards, to record the route of each call. Overrides thus apply
 * to errors from the handler, services, pipes, interceptors and the controller's and handler's
 * guards; errors thrown by global guards (which run earlier) get the app-wide rules.
 *
 * @example
 * @Controller('sessions')
 * @CiamErrorMap({ 'FailedOperation.UserNotFound': 401 })
 * export class SessionsController {
 *   @Post()
 *   @CiamErrorMap({ 'FailedOperation.UserIsFreeze': { status: 423, code: 'AccountLocked', expose: true } })
 *   signIn() {}
 * }
 * @publicApi
 */
export function CiamErrorMap(
  map: CiamErrorOverrideMap,
  options: CiamErrorMapOptions = {},
): ClassDecorator & MethodDecorator {
  const table = normalizeOverrideMap('@CiamErrorMap', map, true);
  normalizeOverrideMap('@CiamErrorMap uncatalogued', options.uncatalogued, false, table);
  return ((target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
    const isMethod = descriptor !== undefined;
    Reflect.defineMetadata(
      CIAM_ERROR_MAP_METADATA,
      table,
      isMethod ? (descriptor.value as object) : target,
    );
    installRouteContextGuard(isMethod ? (target as { constructor: object }).constructor : target);
  }) as ClassDecorator & MethodDecorator;
}

/**
 * Puts the route-context guard first among a controller's guards, once. Method decorators run
 * before class decorators, and `@UseGuards` appends, so guards declared anywhere on the class or
 * its methods run after it.
 */
function installRouteContextGuard(controller: object): void {
  const guards = (Reflect.getOwnMetadata(GUARDS_METADATA, controller) as unknown[]) ?? [];
  if (guards.includes(CIAM_ROUTE_CONTEXT_GUARD)) return;
  Reflect.defineMetadata(GUARDS_METADATA, [CIAM_ROUTE_CONTEXT_GUARD, ...guards], controller);
}
