import { generateKeyPairSync } from 'node:crypto';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createRemoteJWKSet, decodeJwt, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { startCiamEmulator } from '../../lib/testing/index.js';
import type { CiamEmulator } from '../../lib/testing/index.js';
import {
  PASSWORD,
  basicAuth,
  createUser,
  discover,
  managementRequest,
  passwordGrant,
  rawAuth,
  rejectionOf,
} from './auth-client.util.js';

const form = (
  fields: Record<string, string>,
  headers: Record<string, string> = {},
): RequestInit => ({
  method: 'POST',
  headers: { 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
  body: new URLSearchParams(fields).toString(),
});

describe('CIAM emulator tenant host: tokens', () => {
  let emulator: CiamEmulator;
  let config: client.Configuration;
  let ada: any;

  beforeAll(async () => {
    emulator = await startCiamEmulator();
    config = await discover(emulator);
  });

  beforeEach(async () => {
    emulator.reset();
    ada = await createUser(emulator, {
      UserName: 'ada',
      Email: 'ada@example.com',
      PhoneNumber: '13812341234',
      Password: PASSWORD,
    });
  });

  afterAll(() => emulator.close());

  describe('discovery and keys', () => {
    it('serves the OpenID configuration openid-client discovers', () => {
      expect(emulator.issuer).toBe(emulator.url);
      expect(config.serverMetadata()).toMatchObject({
        issuer: emulator.issuer,
        authorization_endpoint: `${emulator.issuer}/oauth2/authorize`,
        token_endpoint: `${emulator.issuer}/oauth2/token`,
        jwks_uri: `${emulator.issuer}/oauth2/jwks`,
        userinfo_endpoint: `${emulator.issuer}/userinfo`,
        revocation_endpoint: `${emulator.issuer}/oauth2/revoke`,
        grant_types_supported: [
          'authorization_code',
          'password',
          'refresh_token',
          'client_credentials',
        ],
        token_endpoint_auth_methods_supported: ['client_secret_basic', 'client_secret_post'],
        id_token_signing_alg_values_supported: ['RS256'],
        code_challenge_methods_supported: ['S256', 'plain'],
      });
    });

    it('lists one RS256 signing key with kid, alg and use', async () => {
      const { status, headers, json } = await rawAuth(emulator, '/oauth2/jwks');

      expect(status).toBe(200);
      expect(headers.get('content-type')).toBe('application/json;charset=UTF-8');
      expect(json.keys).toHaveLength(1);
      expect(json.keys[0]).toEqual({
        kty: 'RSA',
        n: expect.stringMatching(/^[A-Za-z0-9_-]{342}$/),
        e: 'AQAB',
        kid: expect.stringMatching(/^[A-Za-z0-9_-]{43}$/),
        alg: 'RS256',
        use: 'sig',
      });
    });

    it('issues access and ID tokens that jose verifies through the JWKS', async () => {
      const tokens = await passwordGrant(config, emulator, 'ada');
      const jwks = createRemoteJWKSet(new URL(`${emulator.issuer}/oauth2/jwks`));
      const options = { issuer: emulator.issuer, audience: emulator.clientId };

      const access = await jwtVerify(tokens.access_token, jwks, options);
      const id = await jwtVerify(tokens.id_token!, jwks, options);

      expect(access.protectedHeader).toEqual({
        kid: (await rawAuth(emulator, '/oauth2/jwks')).json.keys[0].kid,
        typ: 'JWT',
        alg: 'RS256',
      });
      expect(access.payload).toEqual({
        sub: ada.UserId,
        aud: emulator.clientId,
        nbf: access.payload.iat,
        scope: ['openid'],
        iss: emulator.issuer,
        exp: access.payload.iat! + 300,
        iat: expect.any(Number),
        jti: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
      expect(id.payload).toMatchObject({
        iss: emulator.issuer,
        sub: ada.UserId,
        aud: emulator.clientId,
        azp: emulator.clientId,
        preferred_username: 'ada',
        email: 'ada@example.com',
        phone_number: '13812341234',
      });
      expect(id.payload).not.toHaveProperty('nonce');
    });
  });

  describe('password grant', () => {
    it('answers CIAM’s token response', async () => {
      const { status, headers, json } = await rawAuth(
        emulator,
        '/oauth2/token',
        form({
          grant_type: 'password',
          client_id: emulator.clientId,
          client_secret: emulator.clientSecret,
          auth_source_id: emulator.authSourceId,
          username: 'ada',
          password: PASSWORD,
          scope: 'openid',
        }),
      );

      expect(status).toBe(200);
      expect(headers.get('cache-control')).toBe('no-store');
      expect(Object.keys(json).sort()).toEqual([
        'access_token',
        'expires_in',
        'id_token',
        'refresh_token',
        'scope',
        'token_type',
      ]);
      expect(json).toMatchObject({ token_type: 'Bearer', expires_in: 300, scope: 'openid' });
    });

    it.each([
      ['UserName', 'ada'],
      ['Email, any case', 'ADA@example.com'],
      ['PhoneNumber', '13812341234'],
    ])('signs in by %s', async (_identifier, username) => {
      const tokens = await passwordGrant(config, emulator, username);

      expect(tokens.claims()?.sub).toBe(ada.UserId);
    });

    it('takes HTTP Basic client authentication (client_secret_basic)', async () => {
      const basic = await discover(emulator, client.ClientSecretBasic(emulator.clientSecret));

      const tokens = await passwordGrant(basic, emulator, 'ada');

      expect(tokens.token_type).toBe('bearer');
    });

    it.each([
      ['a wrong password', 'ada', 'Wrong!pass1'],
      ['an unknown user', 'grace', PASSWORD],
    ])(
      'answers invalid_grant "Wrong username or password" to %s',
      async (_case, username, password) => {
        const error = await rejectionOf(passwordGrant(config, emulator, username, password));

        expect(error).toBeInstanceOf(client.ResponseBodyError);
        expect(error).toMatchObject({
          error: 'invalid_grant',
          error_description: 'Wrong username or password',
          status: 400,
        });
      },
    );

    it('uses the password SetPassword sets', async () => {
      await managementRequest(emulator, 'SetPassword', {
        UserId: ada.UserId,
        Password: 'N3wer!pass',
      });

      await expect(passwordGrant(config, emulator, 'ada')).rejects.toMatchObject({
        error_description: 'Wrong username or password',
      });
      await expect(passwordGrant(config, emulator, 'ada', 'N3wer!pass')).resolves.toHaveProperty(
        'access_token',
      );
    });

    it('uses the password ResetPassword generates', async () => {
      const { Password } = await managementRequest(emulator, 'ResetPassword', {
        UserId: ada.UserId,
      });

      await expect(passwordGrant(config, emulator, 'ada', Password)).resolves.toHaveProperty(
        'access_token',
      );
    });

    it.each(['FREEZE', 'LOCK'])(
      'answers invalid_grant "Abnormal user status" once UpdateUserStatus sets %s',
      async (status) => {
        await passwordGrant(config, emulator, 'ada');
        await managementRequest(emulator, 'UpdateUserStatus', {
          UserId: ada.UserId,
          Status: status,
        });

        const error = await rejectionOf(passwordGrant(config, emulator, 'ada'));

        expect(error).toBeInstanceOf(client.ResponseBodyError);
        expect(error).toMatchObject({
          error: 'invalid_grant',
          error_description: 'Abnormal user status',
          status: 400,
        });
        await managementRequest(emulator, 'UpdateUserStatus', {
          UserId: ada.UserId,
          Status: 'NORMAL',
        });
        await expect(passwordGrant(config, emulator, 'ada')).resolves.toHaveProperty(
          'access_token',
        );
      },
    );

    it('answers invalid_auth_source to another auth_source_id', async () => {
      const error = await rejectionOf(
        client.genericGrantRequest(config, 'password', {
          auth_source_id: 'other',
          username: 'ada',
          password: PASSWORD,
        }),
      );

      expect(error).toMatchObject({
        error: 'invalid_auth_source',
        error_description: 'Auth source and application not associated',
        status: 400,
      });
    });

    it('answers "Unsupported username identifier" for an identifier the source does not take', async () => {
      const strict = await startCiamEmulator({ auth: { loginIdentifiers: ['username'] } });
      try {
        await createUser(strict, { UserName: 'ada', Email: 'ada@example.com', Password: PASSWORD });
        const strictConfig = await discover(strict);

        await expect(passwordGrant(strictConfig, strict, 'ada')).resolves.toHaveProperty(
          'access_token',
        );
        await expect(passwordGrant(strictConfig, strict, 'ada@example.com')).rejects.toMatchObject({
          error: 'invalid_grant',
          error_description: 'Unsupported username identifier',
        });
      } finally {
        await strict.close();
      }
    });

    it('answers invalid_scope to a scope the application may not request', async () => {
      await expect(
        passwordGrant(config, emulator, 'ada', PASSWORD, 'openid admin'),
      ).rejects.toMatchObject({
        error: 'invalid_scope',
        status: 400,
      });
    });
  });

  describe('client authentication', () => {
    const passwordFields = (): Record<string, string> => ({
      grant_type: 'password',
      auth_source_id: emulator.authSourceId,
      username: 'ada',
      password: PASSWORD,
    });

    it.each([
      ['no client_id', {}],
      ['an unknown client_id', { client_id: 'nope', client_secret: 'x' }],
    ])('answers a bare 401 with no body to %s', async (_case, client_fields) => {
      const { status, text, headers } = await rawAuth(
        emulator,
        '/oauth2/token',
        form({ ...passwordFields(), ...client_fields }),
      );

      expect(status).toBe(401);
      expect(text).toBe('');
      expect(headers.get('content-type')).toBeNull();
      expect(headers.get('www-authenticate')).toBeNull();
    });

    it('makes openid-client throw ClientError OAUTH_RESPONSE_IS_NOT_JSON for the bare 401', async () => {
      const stranger = await client.discovery(new URL(emulator.issuer), 'nope', 'x', undefined, {
        execute: [client.allowInsecureRequests],
      });

      const error = await rejectionOf(passwordGrant(stranger, emulator, 'ada'));

      expect(error).toBeInstanceOf(client.ClientError);
      expect(error.code).toBe('OAUTH_RESPONSE_IS_NOT_JSON');
      expect(error.cause.status).toBe(401);
    });

    it.each([
      [
        'a wrong secret (post)',
        (e: CiamEmulator) => ({ client_id: e.clientId, client_secret: 'x' }),
        {},
      ],
      ['no secret', (e: CiamEmulator) => ({ client_id: e.clientId }), {}],
      [
        'a wrong secret (Basic)',
        () => ({}),
        (e: CiamEmulator) => ({ Authorization: basicAuth(e, 'x') }),
      ],
    ])('answers 401 invalid_client to %s', async (_case, fields, headers) => {
      const { status, json } = await rawAuth(
        emulator,
        '/oauth2/token',
        form(
          { ...passwordFields(), ...fields(emulator) },
          typeof headers === 'function' ? headers(emulator) : headers,
        ),
      );

      expect(status).toBe(401);
      expect(json).toEqual({ error: 'invalid_client' });
    });

    it('answers unsupported_grant_type with an error_uri', async () => {
      const error = await rejectionOf(client.genericGrantRequest(config, 'urn:example:magic', {}));

      expect(error).toBeInstanceOf(client.ResponseBodyError);
      expect(error.status).toBe(400);
      expect(error.cause).toEqual({
        error: 'unsupported_grant_type',
        error_uri: 'https://datatracker.ietf.org/doc/html/rfc6749#section-5.2',
      });
    });
  });

  describe('client_credentials', () => {
    it('issues an access token for the client, without refresh or ID token', async () => {
      const tokens = await client.clientCredentialsGrant(config, { scope: 'identity_proofing' });

      expect(tokens.refresh_token).toBeUndefined();
      expect(tokens.id_token).toBeUndefined();
      expect(tokens.scope).toBe('identity_proofing');
      expect(decodeJwt(tokens.access_token)).toMatchObject({
        sub: emulator.clientId,
        scope: ['identity_proofing'],
      });
    });

    it('answers invalid_scope to a user scope', async () => {
      await expect(
        client.clientCredentialsGrant(config, { scope: 'openid' }),
      ).rejects.toMatchObject({
        error: 'invalid_scope',
        status: 400,
      });
    });

    it('answers unauthorized_client when the application may not use the grant', async () => {
      const limited = await startCiamEmulator({ auth: { grantTypes: ['password'] } });
      try {
        const error = await rejectionOf(client.clientCredentialsGrant(await discover(limited)));

        expect(error).toMatchObject({ error: 'unauthorized_client', status: 400 });
      } finally {
        await limited.close();
      }
    });
  });

  describe('refresh tokens', () => {
    it('rotates: the new one works, the old one is then invalid_grant', async () => {
      const first = await passwordGrant(config, emulator, 'ada');

      const second = await client.refreshTokenGrant(config, first.refresh_token!);
      const error = await rejectionOf(client.refreshTokenGrant(config, first.refresh_token!));

      expect(second.refresh_token).not.toBe(first.refresh_token);
      expect(second.access_token).not.toBe(first.access_token);
      expect(second.claims()).toMatchObject({
        sub: ada.UserId,
        auth_time: first.claims()!.auth_time,
      });
      expect(error).toBeInstanceOf(client.ResponseBodyError);
      expect(error).toMatchObject({ error: 'invalid_grant', status: 400 });
      expect(error.error_description).toBeUndefined();
      await expect(client.refreshTokenGrant(config, second.refresh_token!)).resolves.toHaveProperty(
        'access_token',
      );
    });

    it('expires after refreshTokenTtlSeconds', async () => {
      const tokens = await passwordGrant(config, emulator, 'ada');

      emulator.advanceAuthClock(30 * 24 * 60 * 60);

      await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
    });

    it('stops working once the user is frozen', async () => {
      const tokens = await passwordGrant(config, emulator, 'ada');
      await managementRequest(emulator, 'UpdateUserStatus', {
        UserId: ada.UserId,
        Status: 'FREEZE',
      });

      await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
        error_description: 'Abnormal user status',
      });
    });

    it('stops working once the user is deleted', async () => {
      const tokens = await passwordGrant(config, emulator, 'ada');
      await managementRequest(emulator, 'DeleteUsers', { UserIds: [ada.UserId] });

      const error = await rejectionOf(client.refreshTokenGrant(config, tokens.refresh_token!));

      expect(error).toMatchObject({ error: 'invalid_grant', status: 400 });
    });
  });

  describe('revocation', () => {
    it('revokes a refresh token and the access tokens of its sign-in', async () => {
      const tokens = await passwordGrant(config, emulator, 'ada');

      await expect(client.tokenRevocation(config, tokens.refresh_token!)).resolves.toBeUndefined();

      await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
      const error = await rejectionOf(
        client.fetchUserInfo(config, tokens.access_token, ada.UserId),
      );
      expect(error).toBeInstanceOf(client.WWWAuthenticateChallengeError);
      expect(error.cause[0].parameters).toEqual({
        error: 'invalid_token',
        error_description: 'The access token is not active',
      });
    });

    it('revokes an access token alone', async () => {
      const tokens = await passwordGrant(config, emulator, 'ada');

      await client.tokenRevocation(config, tokens.access_token);

      await expect(
        client.fetchUserInfo(config, tokens.access_token, ada.UserId),
      ).rejects.toBeInstanceOf(client.WWWAuthenticateChallengeError);
      await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).resolves.toHaveProperty(
        'access_token',
      );
    });

    it('answers an empty 200 to an unknown token, 401 invalid_client to a wrong secret', async () => {
      const ok = await rawAuth(
        emulator,
        '/oauth2/revoke',
        form({ token: 'unknown' }, { Authorization: basicAuth(emulator) }),
      );
      const wrong = await discover(emulator, undefined, 'wrong-secret');
      const error = await rejectionOf(client.tokenRevocation(wrong, 'unknown'));

      expect(ok.status).toBe(200);
      expect(ok.text).toBe('');
      expect(error).toBeInstanceOf(client.ResponseBodyError);
      expect(error).toMatchObject({ error: 'invalid_client', status: 401 });
    });
  });

  describe('authorization code', () => {
    it('exchanges a PKCE (S256) code from emulator.authorize, with state and nonce', async () => {
      const verifier = client.randomPKCECodeVerifier();
      const { redirectUrl, code, state } = emulator.authorize({
        username: 'ada',
        password: PASSWORD,
        state: 'st-1',
        nonce: 'n-1',
        codeChallenge: await client.calculatePKCECodeChallenge(verifier),
        codeChallengeMethod: 'S256',
      });

      const tokens = await client.authorizationCodeGrant(config, new URL(redirectUrl), {
        pkceCodeVerifier: verifier,
        expectedState: 'st-1',
        expectedNonce: 'n-1',
      });

      expect(redirectUrl).toBe(`${emulator.redirectUris[0]}?code=${code}&state=st-1`);
      expect(state).toBe('st-1');
      expect(tokens.claims()).toMatchObject({ sub: ada.UserId, nonce: 'n-1' });
      expect(tokens.refresh_token).toEqual(expect.any(String));
    });

    it('makes codes single-use: the second exchange is invalid_grant', async () => {
      const { redirectUrl } = emulator.authorize({ username: 'ada' });
      await client.authorizationCodeGrant(config, new URL(redirectUrl));

      const error = await rejectionOf(client.authorizationCodeGrant(config, new URL(redirectUrl)));

      expect(error).toBeInstanceOf(client.ResponseBodyError);
      expect(error).toMatchObject({ error: 'invalid_grant', status: 400 });
    });

    it('revokes what a code issued when the code comes back', async () => {
      const { redirectUrl } = emulator.authorize({ username: 'ada' });
      const tokens = await client.authorizationCodeGrant(config, new URL(redirectUrl));

      await rejectionOf(client.authorizationCodeGrant(config, new URL(redirectUrl)));

      await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
    });

    it('expires codes after codeTtlSeconds', async () => {
      const { redirectUrl } = emulator.authorize({ username: 'ada' });

      emulator.advanceAuthClock(300);

      await expect(
        client.authorizationCodeGrant(config, new URL(redirectUrl)),
      ).rejects.toMatchObject({
        error: 'invalid_grant',
      });
    });

    it('answers invalid_grant to another redirect_uri', async () => {
      const { code } = emulator.authorize({ username: 'ada' });

      const { status, json } = await rawAuth(
        emulator,
        '/oauth2/token',
        form(
          { grant_type: 'authorization_code', code, redirect_uri: 'http://localhost/other' },
          { Authorization: basicAuth(emulator) },
        ),
      );

      expect(status).toBe(400);
      expect(json).toEqual({ error: 'invalid_grant' });
    });

    it('answers 401 invalid_client "Client authentication failed: code_verifier" to a wrong verifier', async () => {
      const { redirectUrl } = emulator.authorize({
        username: 'ada',
        codeChallenge: await client.calculatePKCECodeChallenge(client.randomPKCECodeVerifier()),
        codeChallengeMethod: 'S256',
      });

      const error = await rejectionOf(
        client.authorizationCodeGrant(config, new URL(redirectUrl), {
          pkceCodeVerifier: client.randomPKCECodeVerifier(),
        }),
      );

      expect(error).toBeInstanceOf(client.ResponseBodyError);
      expect(error).toMatchObject({
        error: 'invalid_client',
        error_description: 'Client authentication failed: code_verifier',
        status: 401,
      });
    });

    it('accepts the plain method, and a public client (no secret) with PKCE', async () => {
      const verifier = client.randomPKCECodeVerifier();
      const { redirectUrl } = emulator.authorize({ username: 'ada', codeChallenge: verifier });
      const publicClient = await discover(emulator, client.None(), undefined);

      const tokens = await client.authorizationCodeGrant(publicClient, new URL(redirectUrl), {
        pkceCodeVerifier: verifier,
      });

      expect(tokens.claims()?.sub).toBe(ada.UserId);
    });

    it('answers PKCE without a secret: invalid_request without client_id, invalid_client to a bad code', async () => {
      const verifier = client.randomPKCECodeVerifier();
      const noClient = await rawAuth(
        emulator,
        '/oauth2/token',
        form({ grant_type: 'authorization_code', code: 'x', code_verifier: verifier }),
      );
      const badCode = await rawAuth(
        emulator,
        '/oauth2/token',
        form({
          grant_type: 'authorization_code',
          client_id: emulator.clientId,
          code: 'x',
          redirect_uri: emulator.redirectUris[0],
          code_verifier: verifier,
        }),
      );

      expect([noClient.status, noClient.json]).toEqual([
        400,
        { error: 'invalid_request', error_description: 'Client authentication failed: client_id' },
      ]);
      expect([badCode.status, badCode.json]).toEqual([
        401,
        { error: 'invalid_client', error_description: 'Client authentication failed: code' },
      ]);
    });

    it('redirects from GET /oauth2/authorize for the user named by login_hint', async () => {
      const verifier = client.randomPKCECodeVerifier();
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: emulator.redirectUris[0],
        scope: 'openid',
        state: 'st-2',
        login_hint: 'ada@example.com',
        code_challenge: await client.calculatePKCECodeChallenge(verifier),
        code_challenge_method: 'S256',
      });

      const response = await fetch(url, { redirect: 'manual' });
      const location = new URL(response.headers.get('location')!);
      const tokens = await client.authorizationCodeGrant(config, location, {
        pkceCodeVerifier: verifier,
        expectedState: 'st-2',
      });

      expect(response.status).toBe(302);
      expect(location.origin + location.pathname).toBe(emulator.redirectUris[0]);
      expect(tokens.claims()?.sub).toBe(ada.UserId);
    });

    it('redirects errors of GET /oauth2/authorize back with state', async () => {
      const url = client.buildAuthorizationUrl(config, {
        redirect_uri: emulator.redirectUris[0],
        scope: 'openid',
        state: 'st-3',
        login_hint: 'grace',
      });

      const response = await fetch(url, { redirect: 'manual' });

      expect(Object.fromEntries(new URL(response.headers.get('location')!).searchParams)).toEqual({
        error: 'access_denied',
        error_description: 'Wrong username or password',
        state: 'st-3',
      });
    });

    it('throws from emulator.authorize for a wrong password or an unregistered redirect URI', () => {
      expect(() => emulator.authorize({ username: 'ada', password: 'nope' })).toThrow(
        expect.objectContaining({ error: 'access_denied' }),
      );
      expect(() =>
        emulator.authorize({ username: 'ada', redirectUri: 'http://evil.example/cb' }),
      ).toThrow(expect.objectContaining({ error: 'invalid_request' }));
    });
  });

  describe('Bearer token validation', () => {
    it('answers invalid_token "Jwt expired at …" once the access token expired', async () => {
      const tokens = await passwordGrant(config, emulator, 'ada');
      const exp = decodeJwt(tokens.access_token).exp!;

      emulator.advanceAuthClock(300);

      const error = await rejectionOf(
        client.fetchUserInfo(config, tokens.access_token, ada.UserId),
      );
      expect(error.cause[0].parameters).toEqual({
        error: 'invalid_token',
        error_description: `Jwt expired at ${new Date(exp * 1000).toISOString().replace('.000Z', 'Z')}`,
      });
    });

    it('answers invalid_token "Error decoding JWT" to a bad signature', async () => {
      const tokens = await passwordGrant(config, emulator, 'ada');
      const [header, payload, signature] = tokens.access_token.split('.');
      const flipped = `${header}.${payload}.${signature.startsWith('A') ? 'B' : 'A'}${signature.slice(1)}`;

      const error = await rejectionOf(client.fetchUserInfo(config, flipped, ada.UserId));

      expect(error).toBeInstanceOf(client.WWWAuthenticateChallengeError);
      expect(error.status).toBe(401);
      expect(error.cause[0].parameters).toEqual({
        error: 'invalid_token',
        error_description: 'Error decoding JWT',
      });
    });

    it('answers invalid_token "The iss claim is not valid" to a token of another issuer', async () => {
      const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
      const [first, second] = await Promise.all([
        startCiamEmulator({ auth: { signingKey: privateKey } }),
        startCiamEmulator({ auth: { signingKey: privateKey } }),
      ]);
      try {
        const user = await createUser(first, { UserName: 'ada', Password: PASSWORD });
        const tokens = await passwordGrant(await discover(first), first, 'ada');

        const error = await rejectionOf(
          client.fetchUserInfo(await discover(second), tokens.access_token, user.UserId),
        );

        expect((await rawAuth(first, '/oauth2/jwks')).json).toEqual(
          (await rawAuth(second, '/oauth2/jwks')).json,
        );
        expect(error.cause[0].parameters).toEqual({
          error: 'invalid_token',
          error_description: 'The iss claim is not valid',
        });
      } finally {
        await Promise.all([first.close(), second.close()]);
      }
    });

    it('reset() forgets tokens but keeps the signing key and client', async () => {
      const tokens = await passwordGrant(config, emulator, 'ada');
      const before = (await rawAuth(emulator, '/oauth2/jwks')).json;

      emulator.reset();

      expect((await rawAuth(emulator, '/oauth2/jwks')).json).toEqual(before);
      await expect(client.refreshTokenGrant(config, tokens.refresh_token!)).rejects.toMatchObject({
        error: 'invalid_grant',
      });
      const error = await rejectionOf(
        client.fetchUserInfo(config, tokens.access_token, ada.UserId),
      );
      expect(error.cause[0].parameters.error_description).toBe('The access token is not active');
    });
  });
});
