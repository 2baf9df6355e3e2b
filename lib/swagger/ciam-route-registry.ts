import type { CiamActionName } from '../catalog/ciam-actions.js';
import type { CiamAuthEndpoint, CiamAuthErrorCode } from '../catalog/ciam-auth-code-defaults.js';
import type { CiamErrorCode } from '../catalog/ciam-error-catalog.interface.js';

/**
 * The OpenAPI extension `@ApiCiamErrors` puts on each operation it decorates. Its value is the id
 * of the route's declaration here: a document holds only JSON, not the controller and handler
 * that `CiamErrorMapper.resolve` needs. `addCiamErrorResponses` removes it.
 */
export const CIAM_ERRORS_EXTENSION = 'x-ciam-errors';

/** What `@ApiCiamErrors` declared for one handler, its controller's declaration merged in. */
export interface CiamRouteDeclaration {
  readonly id: string;
  /** The class whose route this is: it selects the controller's `@CiamErrorMap`. */
  readonly controller: Function;
  readonly handler: Function;
  readonly actions: Set<CiamActionName>;
  /** The tenant host's endpoints the route calls (the authentication API). */
  readonly endpoints: Set<CiamAuthEndpoint>;
  readonly codes: Set<CiamErrorCode | CiamAuthErrorCode>;
}

// Decorators run once per class definition, so both stay as small as the app's route count.
const byId = new Map<string, CiamRouteDeclaration>();
const byHandler = new WeakMap<Function, CiamRouteDeclaration>();
let lastId = 0;

/**
 * The declaration of `handler`, made on first use. `created` tells the caller to tag the
 * handler with {@link CIAM_ERRORS_EXTENSION}.
 */
export function declarationOf(
  controller: Function,
  handler: Function,
): { declaration: CiamRouteDeclaration; created: boolean } {
  const known = byHandler.get(handler);
  if (known !== undefined) return { declaration: known, created: false };
  const declaration: CiamRouteDeclaration = {
    id: `ciam-route-${++lastId}`,
    controller,
    handler,
    actions: new Set(),
    endpoints: new Set(),
    codes: new Set(),
  };
  byId.set(declaration.id, declaration);
  byHandler.set(handler, declaration);
  return { declaration, created: true };
}

/** The declaration an operation's {@link CIAM_ERRORS_EXTENSION} names, if this process made it. */
export function declarationById(id: unknown): CiamRouteDeclaration | undefined {
  return typeof id === 'string' ? byId.get(id) : undefined;
}
