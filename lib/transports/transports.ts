import { graphqlError, GRAPHQL_TRANSPORT } from './graphql.transport.js';
import { HTTP_TRANSPORT } from './http.transport.js';
import { RPC_TRANSPORT } from './rpc.transport.js';
import { WS_TRANSPORT } from './ws.transport.js';
import type { CiamTransport } from './ciam-transport.interface.js';

/**
 * A context type Nest has no answer form for here (a custom transport's): the error is resolved
 * and logged, and thrown on as an `Error` with the client text, as Nest's external filter
 * rethrows; no route is remembered.
 */
function otherTransport(type: string): CiamTransport {
  return {
    remember: () => undefined,
    read: (host) => ({ context: { host }, kind: type, where: () => `${type} -` }),
    answer(problem) {
      // Returned, an error would be taken for the handler's value: thrown, it stays an error.
      throw graphqlError(problem);
    },
    unanswered(exception) {
      throw exception;
    },
  };
}

const TRANSPORTS = new Map<string, CiamTransport>([
  ['http', HTTP_TRANSPORT as CiamTransport],
  ['graphql', GRAPHQL_TRANSPORT],
  ['rpc', RPC_TRANSPORT as CiamTransport],
  ['ws', WS_TRANSPORT as CiamTransport],
]);

/**
 * The transport of a context type (`host.getType()`). Adding a transport is one file
 * implementing {@link CiamTransport} and one line here.
 */
export function transportFor(type: string): CiamTransport {
  let transport = TRANSPORTS.get(type);
  if (transport === undefined) {
    transport = otherTransport(type);
    // A handful of context types exist: remembered, so that each gets one object.
    if (TRANSPORTS.size < 32) TRANSPORTS.set(type, transport);
  }
  return transport;
}
