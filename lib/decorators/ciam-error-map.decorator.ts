import { UseGuards, applyDecorators } from '@nestjs/common';
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
 * Per-route overrides for a controller class or a handler method. A handler's map beats its
 * controller's, which beats the `overrides` option, which beats the catalog; each field
 * (status, code, expose, message, retryAfter) is decided on its own.
 *
 * The map is validated when the class is defined: an unknown code, a bad status or a
 * malformed override throws then, naming the key.
 *
 * It also installs a tiny guard that records the route of each request, because exception
 * filters are not told which handler failed. Overrides therefore apply to errors thrown after
 * that guard: in the handler, pipes, interceptors and guards declared after `@CiamErrorMap`;
 * errors from global guards get the app-wide rules.
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
  const setMetadata = (target: object) => {
    Reflect.defineMetadata(CIAM_ERROR_MAP_METADATA, table, target);
  };
  const guard = UseGuards(CIAM_ROUTE_CONTEXT_GUARD);
  return applyDecorators(
    ((target: object, _key?: string | symbol, descriptor?: PropertyDescriptor) => {
      setMetadata(descriptor ? (descriptor.value as object) : target);
    }) as ClassDecorator & MethodDecorator,
    guard,
  );
}
