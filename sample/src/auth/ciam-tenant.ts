import * as client from 'openid-client';
import type { CiamConnection } from '../ciam/ciam-connection.js';

/** The tenant host the app signs users in with, and the application it is there. */
export interface CiamTenant {
  /** `https://<tenant>.portal.tencentciam.com`, or the emulator's `http://127.0.0.1:PORT`. */
  readonly issuer: string;
  /** The issuer's hostname: what `authHosts` lists, so that its OAuth errors are CIAM's. */
  readonly hostname: string;
  /** The `auth_source_id` of password logins. */
  readonly authSourceId: string;
  /** openid-client's configuration, from OIDC discovery; it holds the client credentials. */
  readonly config: client.Configuration;
}

/**
 * A real tenant when `CIAM_ISSUER`, `CIAM_CLIENT_ID`, `CIAM_CLIENT_SECRET` and
 * `CIAM_AUTH_SOURCE_ID` are set; otherwise the tenant host of the emulator the connection runs,
 * if it runs one (plain HTTP on 127.0.0.1, hence `allowInsecureRequests`); otherwise none.
 * Discovery runs once, when the app starts. Each request to the tenant host times out after
 * `CIAM_TIMEOUT_SECONDS`, as the management API's do (openid-client's default is 30 s).
 */
export async function openCiamTenant(
  connection: CiamConnection,
  env = process.env,
): Promise<CiamTenant | null> {
  const { CIAM_ISSUER, CIAM_CLIENT_ID, CIAM_CLIENT_SECRET, CIAM_AUTH_SOURCE_ID } = env;
  let tenant: { issuer: string; clientId: string; clientSecret: string; authSourceId: string };
  let insecure = false;
  if (CIAM_ISSUER && CIAM_CLIENT_ID && CIAM_CLIENT_SECRET && CIAM_AUTH_SOURCE_ID) {
    tenant = {
      issuer: CIAM_ISSUER.replace(/\/+$/, ''),
      clientId: CIAM_CLIENT_ID,
      clientSecret: CIAM_CLIENT_SECRET,
      authSourceId: CIAM_AUTH_SOURCE_ID,
    };
  } else if (connection.emulator) {
    const { issuer, clientId, clientSecret, authSourceId } = connection.emulator;
    tenant = { issuer, clientId, clientSecret, authSourceId };
    insecure = true;
  } else {
    return null;
  }
  const config = await client.discovery(
    new URL(tenant.issuer),
    tenant.clientId,
    tenant.clientSecret,
    undefined,
    insecure ? { execute: [client.allowInsecureRequests] } : undefined,
  );
  config.timeout = connection.timeoutSeconds;
  return {
    issuer: tenant.issuer,
    hostname: new URL(tenant.issuer).hostname,
    authSourceId: tenant.authSourceId,
    config,
  };
}
