import type { CanActivate, ExecutionContext } from '@nestjs/common';
import { transportFor } from '../transports/transports.js';

/**
 * Remembers which route a call reached, for the filter; never blocks it. Nest hands an exception
 * filter an `ArgumentsHost` of the handler's arguments only (`[req, res, next]` over HTTP),
 * without the handler or the controller: the call's transport keeps them under an object the
 * guard and the filter both receive (the request, the resolver's `info`, the message context,
 * the client socket and pattern). Installed by `@CiamErrorMap` on the controllers, resolvers and
 * gateways it decorates only, so undecorated routes pay nothing.
 */
export class CiamRouteContextGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    transportFor(context.getType()).remember(context, {
      controller: context.getClass(),
      handler: context.getHandler(),
    });
    return true;
  }
}

/** One shared instance: it holds no state of its own and needs no injection. */
export const CIAM_ROUTE_CONTEXT_GUARD = new CiamRouteContextGuard();
