/** The default of the `authHosts` option: CIAM's tenant hosts. */
export const DEFAULT_AUTH_HOSTS: readonly string[] = Object.freeze(['*.tencentciam.com']);

/** A hostname, an IPv4 address or a bracketed IPv6 one, optionally under a `*.` wildcard. */
const HOST_PATTERN =
  /^(?:\*\.)?(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*|\[[0-9a-f:.]+\])$/;

/** Whether `value` can be an entry of `authHosts`. */
export function isAuthHostPattern(value: unknown): value is string {
  return typeof value === 'string' && value.length <= 253 && HOST_PATTERN.test(value);
}

/** Tells whether a request URL's hostname is one of the configured tenant hosts. */
export interface AuthHostMatcher {
  matches(url: unknown): boolean;
}

/**
 * Compiles `authHosts`: exact names, and `*.` suffixes that match any deeper name
 * (`*.tencentciam.com` matches `acme.portal.tencentciam.com`, not `tencentciam.com`). Names are
 * compared in lower case, without a trailing dot.
 */
export function compileAuthHosts(hosts: readonly string[]): AuthHostMatcher {
  const exact = new Set<string>();
  const suffixes: string[] = [];
  for (const host of hosts) {
    const name = host.toLowerCase();
    if (name.startsWith('*.')) suffixes.push(name.slice(1));
    else exact.add(name);
  }
  const test = (url: unknown): boolean => {
    const hostname = hostnameOf(url);
    if (hostname === undefined) return false;
    if (exact.has(hostname)) return true;
    for (const suffix of suffixes) {
      if (hostname.length > suffix.length && hostname.endsWith(suffix)) return true;
    }
    return false;
  };
  // An app calls a handful of URLs: the verdict of each is kept, so that a URL is parsed once.
  const verdicts = new Map<string, boolean>();
  return {
    matches(url: unknown): boolean {
      if (typeof url !== 'string') return test(url);
      let verdict = verdicts.get(url);
      if (verdict === undefined) {
        verdict = test(url);
        if (verdicts.size >= MAX_REMEMBERED_URLS) verdicts.clear();
        verdicts.set(url, verdict);
      }
      return verdict;
    },
  };
}

/** The lower-case hostname of a URL (string or `URL`), without a trailing dot. */
function hostnameOf(url: unknown): string | undefined {
  try {
    const text = typeof url === 'string' ? url : url instanceof URL ? url.href : undefined;
    if (text === undefined || text.length > 8192 || !URL.canParse(text)) return undefined;
    const hostname = new URL(text).hostname.toLowerCase();
    return hostname.endsWith('.') ? hostname.slice(0, -1) : hostname;
  } catch {
    return undefined;
  }
}

/** URLs whose verdict and endpoint are kept; past it, forgotten all at once (bounded memory). */
const MAX_REMEMBERED_URLS = 256;

/** The paths of the tenant host, by the endpoint names of the catalog. */
const ENDPOINTS: ReadonlyMap<string, string> = new Map([
  ['/oauth2/token', 'token'],
  ['/oauth2/revoke', 'revoke'],
  ['/userinfo', 'userinfo'],
  ['/change_user_password', 'change_password'],
  ['/reset_user_password', 'reset_password'],
  ['/otp/send', 'otp_send'],
  ['/oauth2/jwks', 'jwks'],
  ['/.well-known/openid-configuration', 'discovery'],
]);

/**
 * The endpoint a request URL names (`token`, `userinfo`, …; `userinfo_update` for a PATCH of
 * `/userinfo`), or `other`.
 */
export function authEndpointOf(url: unknown, method?: unknown): string {
  const endpoint = typeof url === 'string' ? rememberedEndpoint(url) : endpointOfUrl(url);
  const patch = typeof method === 'string' && method.toUpperCase() === 'PATCH';
  return endpoint === 'userinfo' && patch ? 'userinfo_update' : endpoint;
}

const endpoints = new Map<string, string>();

function rememberedEndpoint(url: string): string {
  let endpoint = endpoints.get(url);
  if (endpoint === undefined) {
    endpoint = endpointOfUrl(url);
    if (endpoints.size >= MAX_REMEMBERED_URLS) endpoints.clear();
    endpoints.set(url, endpoint);
  }
  return endpoint;
}

function endpointOfUrl(url: unknown): string {
  try {
    const text = typeof url === 'string' ? url : url instanceof URL ? url.href : '';
    if (text.length > 8192 || !URL.canParse(text)) return 'other';
    return ENDPOINTS.get(new URL(text).pathname.replace(/\/+$/, '')) ?? 'other';
  } catch {
    return 'other';
  }
}
