import type { ArgumentsHost } from '@nestjs/common';
import { acceptLanguageOf } from '../locale/accept-language-header.util.js';
import { attempt } from '../utils/attempt.util.js';
import type { CiamCall, CiamTransport, RouteIdentity } from './ciam-transport.interface.js';
import { UNKNOWN_EXCEPTION_MESSAGE } from './ciam-transport.interface.js';
import { argsOf, errorPayload, isObject, logName } from './outside-http.util.js';

/**
 * The upgrade requests of `ws` clients, kept by {@link withCiamHandshakes}: the `ws` package
 * hands the request to the connection listener only, and keeps nothing of it on the client.
 */
const handshakes = new WeakMap<object, { readonly headers?: unknown }>();

/** What `withCiamHandshakes` needs of a WebSocket adapter (Nest's `WebSocketAdapter`). */
export interface CiamHandshakeAdapter {
  bindClientConnect(server: unknown, callback: (...args: never[]) => unknown): unknown;
}

const wrappedAdapters = new WeakSet<object>();

/**
 * Lets the filter read the handshake's Accept-Language on the `ws` adapter
 * (`@nestjs/platform-ws`), which keeps nothing of the upgrade request: wraps the adapter's
 * `bindClientConnect` so that each client's upgrade request is remembered (in a `WeakMap`, gone
 * with the client). socket.io keeps its handshake itself; wrapping an `IoAdapter` changes
 * nothing. Returns the same adapter; wrapping twice wraps once.
 *
 * @example
 * // main.ts
 * app.useWebSocketAdapter(withCiamHandshakes(new WsAdapter(app)));
 * @publicApi
 */
export function withCiamHandshakes<T extends CiamHandshakeAdapter>(adapter: T): T {
  const bind: unknown = adapter?.bindClientConnect;
  if (typeof bind !== 'function') {
    throw new TypeError(
      'withCiamHandshakes takes a WebSocket adapter, such as new WsAdapter(app) from @nestjs/platform-ws.',
    );
  }
  if (wrappedAdapters.has(adapter)) return adapter;
  wrappedAdapters.add(adapter);
  adapter.bindClientConnect = function (
    this: unknown,
    server: unknown,
    callback: (...args: unknown[]) => unknown,
  ) {
    const remember = (client: unknown, ...rest: unknown[]) => {
      const request = rest[0];
      if (typeof client === 'object' && client !== null && typeof request === 'object' && request) {
        handshakes.set(client, request as { headers?: unknown });
      }
      return callback(client, ...rest);
    };
    return (bind as (server: unknown, callback: unknown) => unknown).call(this, server, remember);
  } as T['bindClientConnect'];
  return adapter;
}

/**
 * Gateway handlers by client socket and event pattern. A message has no object of its own that
 * the guard and the filter both see (its data can be a string, or nothing), but the handler of a
 * pattern never changes: recorded once per client and pattern, it holds for every later message.
 */
const routes = new WeakMap<object, Map<unknown, RouteIdentity>>();

/** A gateway call's client socket (`[client, data, …, pattern]`). */
function clientOf(host: ArgumentsHost, args: readonly unknown[]): unknown {
  return attempt(() => host.switchToWs().getClient<unknown>(), args[0]);
}

/** The pattern is the last argument, as `switchToWs().getPattern()` reads it. */
function patternOf(args: readonly unknown[]): unknown {
  return args.length > 1 ? args[args.length - 1] : undefined;
}

/** A WebSocket call: the client socket it came from. */
interface WsCall extends CiamCall {
  readonly client: unknown;
}

/**
 * WebSocket gateways (socket.io, `ws`): an `exception` event carrying the rpc error object. The
 * caller is the client socket; its Accept-Language is the handshake's: socket.io keeps it as
 * `client.handshake`; for `ws`, the upgrade request {@link withCiamHandshakes} kept, or one the
 * app kept as `client.request`.
 */
export const WS_TRANSPORT: CiamTransport<WsCall> = {
  remember(context, route) {
    const args = context.getArgs();
    const client = args[0];
    if (!isObject(client)) return;
    const pattern = patternOf(args);
    let known = routes.get(client);
    if (known === undefined) routes.set(client, (known = new Map()));
    const current = known.get(pattern);
    // Set once: the handler of a pattern is the same for every message of the client.
    if (current?.handler !== route.handler || current.controller !== route.controller) {
      known.set(pattern, route);
    }
  },

  read(host): WsCall {
    const args = argsOf(host);
    const client = clientOf(host, args);
    const pattern = patternOf(args);
    const route = isObject(client) ? routes.get(client)?.get(pattern) : undefined;
    const name = logName(pattern);
    return {
      context: {
        request: client,
        acceptLanguage: attempt(() => handshakeAcceptLanguage(client), undefined),
        controller: route?.controller,
        handler: route?.handler,
        host,
      },
      kind: 'ws',
      where: () => `ws ${name}`,
      client,
    };
  },

  answer(problem, _view, call, _host, kit) {
    // An override's 2xx hides the error, as over HTTP: a handler that returned nothing.
    if (!kit.mapper.isSilent(problem)) emitWsException(call.client, errorPayload(problem));
    return undefined;
  },

  unanswered(_exception, host) {
    // BaseWsExceptionFilter's answer to an unknown error.
    attempt(
      () =>
        emitWsException(clientOf(host, argsOf(host)), {
          status: 'error',
          message: UNKNOWN_EXCEPTION_MESSAGE,
        }),
      undefined,
    );
    return undefined;
  },
};

function handshakeAcceptLanguage(client: unknown): string | undefined {
  if (typeof client !== 'object' || client === null) return undefined;
  const { handshake, request } = client as { handshake?: unknown; request?: unknown };
  return acceptLanguageOf(handshake ?? handshakes.get(client) ?? request);
}

/** A client of the `ws` package (or a browser-like WebSocket): a numeric `readyState`. */
interface NativeWebSocket {
  readyState: number;
  send(data: string): void;
}

const OPEN = 1;

/**
 * Sends `payload` as the `exception` event, as Nest's `BaseWsExceptionFilter` does: socket.io
 * clients get `emit('exception', payload)`; a `ws` socket's `emit` only fires listeners on the
 * server, so it gets the `ws` adapter's message shape, `{ "event": "exception", "data": … }`.
 */
export function emitWsException(client: unknown, payload: object): void {
  if (typeof client !== 'object' || client === null) return;
  const socket = client as Partial<NativeWebSocket> & { emit?: unknown };
  if (typeof socket.readyState === 'number' && typeof socket.send === 'function') {
    // A socket that is closing or closed cannot take it (`ws` would throw or drop it).
    if (socket.readyState === OPEN) {
      socket.send(JSON.stringify({ event: 'exception', data: payload }));
    }
  } else if (typeof socket.emit === 'function') {
    socket.emit('exception', payload);
  }
}
