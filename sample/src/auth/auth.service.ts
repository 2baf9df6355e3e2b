import { Inject, Injectable, ServiceUnavailableException } from '@nestjs/common';
import { CiamAuthException, unwrapCiamAuthResponse } from 'nestjs-ciam-errors';
import type { CiamAuthEndpoint } from 'nestjs-ciam-errors';
import * as client from 'openid-client';
import { CIAM_TENANT } from './auth.constants.js';
import type { CiamTenant } from './ciam-tenant.js';
import { tenantHostFailure } from './tenant-host-failure.js';

/** What a sign-in or a refresh gives the caller: the token endpoint's answer, as OAuth names it. */
export interface Tokens {
  access_token: string;
  token_type: string;
  expires_in?: number;
  refresh_token?: string;
  id_token?: string;
  scope?: string;
}

/** The user of an access token, as the tenant's /userinfo describes them. */
export type UserInfo = client.UserInfoResponse;

const tokensOf = (response: client.TokenEndpointResponse): Tokens => ({
  access_token: response.access_token,
  token_type: response.token_type,
  ...(response.expires_in !== undefined && { expires_in: response.expires_in }),
  ...(response.refresh_token !== undefined && { refresh_token: response.refresh_token }),
  ...(response.id_token !== undefined && { id_token: response.id_token }),
  ...(response.scope !== undefined && { scope: response.scope }),
});

/**
 * The tenant host through openid-client 6. No try/catch for CIAM's answers: openid-client's
 * errors (an OAuth error body, a Bearer challenge, an unexpected status) go up to
 * CiamExceptionFilter, which reads them because `authHosts` names the tenant's host. Only the
 * failures without an answer are wrapped (see tenantHostFailure).
 */
@Injectable()
export class AuthService {
  constructor(@Inject(CIAM_TENANT) private readonly tenant: CiamTenant | null) {}

  /** The password grant: `username` is the user's UserName, email or phone number. */
  signIn(username: string, password: string): Promise<Tokens> {
    return this.call('token', async ({ config, authSourceId }) =>
      tokensOf(
        await client.genericGrantRequest(config, 'password', {
          auth_source_id: authSourceId,
          username,
          password,
          scope: 'openid',
        }),
      ),
    );
  }

  /** A new access token; CIAM rotates refresh tokens, so the old one is spent. */
  refresh(refreshToken: string): Promise<Tokens> {
    return this.call('token', async ({ config }) =>
      tokensOf(await client.refreshTokenGrant(config, refreshToken)),
    );
  }

  /** `/userinfo`; a bad or expired token is CIAM's Bearer challenge (`invalid_token`). */
  me(accessToken: string): Promise<UserInfo> {
    return this.call('userinfo', ({ config }) =>
      client.fetchUserInfo(config, accessToken, client.skipSubjectCheck),
    );
  }

  /**
   * `/change_user_password`. openid-client throws for a Bearer challenge (a bad token) and hands
   * back the Response of any other answer: unwrapCiamAuthResponse resolves for a 2xx and throws
   * the CiamAuthException of CIAM's error body otherwise (`wrong_old_password`, …).
   */
  changePassword(accessToken: string, oldPassword: string, newPassword: string): Promise<void> {
    return this.call('change_password', async ({ config, issuer }) => {
      const response = await client.fetchProtectedResource(
        config,
        accessToken,
        new URL(`${issuer}/change_user_password`),
        'POST',
        JSON.stringify({ old_password: oldPassword, new_password: newPassword }),
        new Headers({ 'content-type': 'application/json' }),
      );
      await unwrapCiamAuthResponse(response);
    });
  }

  /**
   * A route that needs a Bearer token and got none answers as CIAM answers a bad one: 401
   * `invalid_token` with its `WWW-Authenticate` challenge, the one answer `/docs` documents.
   */
  static missingToken(endpoint: CiamAuthEndpoint): CiamAuthException {
    return new CiamAuthException('invalid_token', {
      status: 401,
      endpoint,
      description: 'The request has no Bearer access token (checked by the app).',
    });
  }

  private async call<T>(
    endpoint: CiamAuthEndpoint,
    request: (tenant: CiamTenant) => Promise<T>,
  ): Promise<T> {
    if (this.tenant === null) {
      throw new ServiceUnavailableException(
        'Sign-in is off: set CIAM_ISSUER, CIAM_CLIENT_ID, CIAM_CLIENT_SECRET and CIAM_AUTH_SOURCE_ID.',
      );
    }
    try {
      return await request(this.tenant);
    } catch (error) {
      throw tenantHostFailure(error, endpoint) ?? error;
    }
  }
}
