import type { CanActivate, ExecutionContext } from '@nestjs/common';

/**
 * Route identity of in-flight requests. Nest hands an exception filter an `ArgumentsHost` of
 * `[req, res, next]` only, without the handler or the controller, so the guard that
 * `@CiamErrorMap` installs records them here, keyed by the request object.
 */
const routeContexts = new WeakMap<object, ExecutionContext>();

/** The execution context a `@CiamErrorMap` route guard recorded for the request, if any. */
export function routeOf(request: unknown): ExecutionContext | undefined {
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
      if (typeof request === 'object' && request !== null) routeContexts.set(request, context);
    }
    return true;
  }
}

/** One shared instance: it holds no state of its own and needs no injection. */
export const CIAM_ROUTE_CONTEXT_GUARD = new CiamRouteContextGuard();
