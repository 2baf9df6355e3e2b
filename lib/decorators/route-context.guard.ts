import type { CanActivate, ExecutionContext } from '@nestjs/common';

/**
 * Route identity of in-flight calls. Nest hands an exception filter an `ArgumentsHost` of the
 * handler's arguments only (`[req, res, next]` over HTTP), without the handler or the
 * controller, so the guard that `@CiamErrorMap` installs records them here, keyed by an object
 * that the guard and the filter both receive for the same call: the request over HTTP, the
 * resolver's `info` in GraphQL, the transport's context object over rpc.
 */
const routeContexts = new WeakMap<object, RouteIdentity>();

/**
 * Gateway handlers by client socket and event pattern. A message has no object of its own that
 * both see (its data can be a string, or nothing), but the handler of a pattern never changes:
 * recorded once per client and pattern, it holds for every later message too.
 */
const gatewayRoutes = new WeakMap<object, Map<unknown, RouteIdentity>>();

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
 * The route recorded for a call outside HTTP, from the handler arguments Nest gives the filter
 * (`host.getArgs()`) and the context type.
 */
export function routeOfCall(type: string, args: readonly unknown[]): RouteIdentity | undefined {
  if (type === 'ws') {
    const client = args[0];
    return isObject(client) ? gatewayRoutes.get(client)?.get(args[args.length - 1]) : undefined;
  }
  const key = callKeyOf(type, args);
  return key === undefined ? undefined : routeContexts.get(key);
}

/**
 * What identifies one call among the handler arguments, for a context other than HTTP and ws.
 * Nest builds a new arguments array for the guards and another for the filter, so the key is an
 * element both share:
 * - graphql `[root, args, context, info]`: `info`, made by graphql-js for each field it resolves
 *   (the context is shared by every field of an operation, so it would mix resolvers);
 * - rpc `[data, context]`: the transport's context (`TcpContext`, gRPC `Metadata`,
 *   `NatsContext`…), made for each message; else the data when it is an object.
 */
function callKeyOf(type: string, args: readonly unknown[]): object | undefined {
  if (type === 'graphql') {
    const info = args[3];
    return isObject(info) ? info : undefined;
  }
  if (type === 'rpc') {
    const [data, context] = args;
    return isObject(context) ? context : isObject(data) ? data : undefined;
  }
  return undefined;
}

function isObject(value: unknown): value is object {
  return (typeof value === 'object' && value !== null) || typeof value === 'function';
}

/**
 * Remembers which route a call reached; never blocks it. Installed by `@CiamErrorMap` on the
 * controllers, resolvers and gateways it decorates only, so undecorated routes pay nothing.
 */
export class CiamRouteContextGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const type = context.getType();
    if (type === 'http') {
      const request: unknown = context.switchToHttp().getRequest();
      // Not the context itself: it holds the request, and a WeakMap value that refers back to
      // its key makes every garbage collection of the young generation far dearer.
      if (typeof request === 'object' && request !== null) {
        routeContexts.set(request, {
          controller: context.getClass(),
          handler: context.getHandler(),
        });
      }
    } else {
      recordCall(type, context.getArgs(), context.getClass(), context.getHandler());
    }
    return true;
  }
}

/** Outside HTTP: see {@link callKeyOf} and {@link gatewayRoutes} for the keys. */
function recordCall(type: string, args: unknown[], controller: Function, handler: Function): void {
  if (type === 'ws') {
    const client = args[0];
    if (!isObject(client)) return;
    // The pattern is the last argument, as `switchToWs().getPattern()` reads it.
    const pattern = args[args.length - 1];
    let routes = gatewayRoutes.get(client);
    if (routes === undefined) gatewayRoutes.set(client, (routes = new Map()));
    const known = routes.get(pattern);
    // Set once: the handler of a pattern is the same for every message of the client.
    if (known?.handler !== handler || known.controller !== controller) {
      routes.set(pattern, { controller, handler });
    }
    return;
  }
  const key = callKeyOf(type, args);
  if (key !== undefined) routeContexts.set(key, { controller, handler });
}

/** One shared instance: it holds no state of its own and needs no injection. */
export const CIAM_ROUTE_CONTEXT_GUARD = new CiamRouteContextGuard();
