import type { CanActivate, ExecutionContext } from '@nestjs/common';

/**
 * Route identity of in-flight requests. Nest hands an exception filter an `ArgumentsHost` of
 * `[req, res, next]` only, without the handler or the controller, so the guard that
 * `@CiamErrorMap` installs records them here, keyed by the request object.
 */
const routeContexts = new WeakMap<object, RouteIdentity>();

/** The controller and handler that a request reached. */
export interface RouteIdentity {
  readonly controller: Function;
  readonly handler: Function;
}

/** The route a `@CiamErrorMap` route guard recorded for the request, if any. */
export function routeOf(request: unknown): RouteIdentity | undefined {
  return typeof request === 'object' && request !== null ? routeContexts.get(request) : undefined;
}

/**
 * Remembers which route a request reached; never blocks it. Installed by `@CiamErrorMap` on
 * the routes it decorates only, so undecorated routes pay nothing.
 */
export class CiamRouteContextGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    if (context.getType() === 'http') {
      const request: unknown = context.switchToHttp().getRequest();
      // Not the context itself: it holds the request, and a WeakMap value that refers back to
      // its key makes every garbage collection of the young generation far dearer.
      if (typeof request === 'object' && request !== null) {
        routeContexts.set(request, {
          controller: context.getClass(),
          handler: context.getHandler(),
        });
      }
    }
    return true;
  }
}

/** One shared instance: it holds no state of its own and needs no injection. */
export const CIAM_ROUTE_CONTEXT_GUARD = new CiamRouteContextGuard();
