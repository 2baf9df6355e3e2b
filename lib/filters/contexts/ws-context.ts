import { routeOfCall } from '../../decorators/route-context.guard.js';
import { nameOf, tryRead } from './outside-http-call.util.js';
import type { OutsideHttpCall } from './outside-http-call.util.js';

/**
 * A gateway handler call: `[client, data, …, pattern]`. The caller is the client socket; its
 * Accept-Language is the handshake's. socket.io keeps the handshake as `client.handshake` (and
 * the request as `client.request`); `ws` keeps nothing, so the app stores the upgrade request as
 * `client.request` when the client connects (`handleConnection(client, request)`).
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
  const value = (handshake?.headers ?? request?.headers)?.['accept-language'];
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
