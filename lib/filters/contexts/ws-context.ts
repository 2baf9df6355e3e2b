import { routeOfCall } from '../../decorators/route-context.guard.js';
import { nameOf, tryRead } from './outside-http-call.util.js';
import type { OutsideHttpCall } from './outside-http-call.util.js';

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
 * A gateway handler call: `[client, data, …, pattern]`. The caller is the client socket; its
 * Accept-Language is the handshake's: socket.io keeps it as `client.handshake`; for `ws`, the
 * upgrade request {@link withCiamHandshakes} kept, or one the app kept as `client.request`.
 */
export function wsCall(client: unknown, args: readonly unknown[]): OutsideHttpCall {
  return {
    caller: client,
    acceptLanguage: tryRead(() => handshakeAcceptLanguage(client), undefined),
    route: routeOfCall('ws', [client, ...args.slice(1)]),
    kind: 'ws',
    name: nameOf(args.length > 1 ? args[args.length - 1] : undefined),
  };
}

function handshakeAcceptLanguage(client: unknown): string | undefined {
  if (typeof client !== 'object' || client === null) return undefined;
  const { handshake, request } = client as {
    handshake?: { headers?: Record<string, unknown> };
    request?: { headers?: Record<string, unknown> };
  };
  const kept = handshakes.get(client)?.headers as Record<string, unknown> | undefined;
  const value = (handshake?.headers ?? kept ?? request?.headers)?.['accept-language'];
  return typeof value === 'string' ? value : undefined;
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
