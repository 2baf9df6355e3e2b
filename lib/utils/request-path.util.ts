const MAX_INSTANCE_LENGTH = 2048;

/** The request path without query string or fragment (a query can carry tokens). */
export function pathOf(url: unknown): string {
  if (typeof url !== 'string') return '/';
  let end = url.indexOf('?');
  const hash = url.indexOf('#');
  if (hash !== -1 && (end === -1 || hash < end)) end = hash;
  const path = end === -1 ? url : url.slice(0, end);
  return (path.length > MAX_INSTANCE_LENGTH ? path.slice(0, MAX_INSTANCE_LENGTH) : path) || '/';
}

/**
 * The route pattern (`/users/:id`) where the platform exposes it, for logs and the counter:
 * concrete paths can carry identifiers and tokens. Express sets `req.route`, Fastify
 * `request.routeOptions`.
 */
export function routePathOf(request: unknown): string | undefined {
  try {
    const req = request as { route?: { path?: unknown }; routeOptions?: { url?: unknown } };
    const pattern = req.route?.path ?? req.routeOptions?.url;
    return typeof pattern === 'string' ? pattern : undefined;
  } catch {
    return undefined;
  }
}
