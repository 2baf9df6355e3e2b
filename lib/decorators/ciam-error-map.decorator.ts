import { GUARDS_METADATA } from '@nestjs/common/constants.js';
import { CIAM_ERROR_MAP_METADATA } from '../ciam-errors.constants.js';
import type {
  CiamErrorOverrideMap,
  CiamUncataloguedOverrideMap,
} from '../interfaces/ciam-error-override.interface.js';
import { normalizeOverrideMap } from '../options/override-map.util.js';
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
 * Puts the route-context guard first among a controller's guards, once, keeping every guard Nest
 * would run without it, in the same order.
 *
 * Nest reads a class's guards through its prototype chain (`Reflect.getMetadata`): the nearest
 * class with a list of its own decides, so a subclass without `@UseGuards` runs its base class's.
 * The list written here therefore starts from that same inherited list, not from the class's own
 * one (which would hide the base class's guards). `@UseGuards` does the same (it extends the
 * inherited list and writes it on the class), so decorators applied later, above this one, add to
 * a list that already holds the base class's guards; decorators applied earlier are in the list
 * read here. Method decorators run before class decorators, so a method's `@CiamErrorMap` sees the
 * base class's guards too. Like a subclass's own `@UseGuards`, the list is taken when the class is
 * defined.
 */
function installRouteContextGuard(controller: object): void {
  const guards = (Reflect.getMetadata(GUARDS_METADATA, controller) as unknown[] | undefined) ?? [];
  // Already first, here or on a base class whose list this class inherits.
  if (guards[0] === CIAM_ROUTE_CONTEXT_GUARD) return;
  const others = guards.filter((guard) => guard !== CIAM_ROUTE_CONTEXT_GUARD);
  Reflect.defineMetadata(GUARDS_METADATA, [CIAM_ROUTE_CONTEXT_GUARD, ...others], controller);
}
