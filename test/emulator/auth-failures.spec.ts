import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import { createRemoteJWKSet, errors as joseErrors, jwtVerify } from 'jose';
import * as client from 'openid-client';
import { CIAM_DOCUMENTED_AUTH_ERRORS, startCiamEmulator } from '../../lib/testing/index.js';
import type {
  CiamEmulatorAuthEndpoint,
  CiamDocumentedAuthError,
  CiamEmulator,
} from '../../lib/testing/index.js';
import {
  ENDPOINT_REQUESTS,
  PASSWORD,
  createUser,
  discover,
  passwordGrant,
  rawAuth,
  rejectionOf,
} from './auth-client.util.js';
import { ciamClient, expectCiamError } from './emulator-client.util.js';
import { rawRequest } from './raw-request.util.js';

/**
 * CIAM's documented errors, written out from its documentation (not derived from lib/), so a
 * drift of CIAM_DOCUMENTED_AUTH_ERRORS fails: `endpoint status error form [description] [<error_uri>]`.
 */
const BEARER = (endpoint: string): string[] => [
  `${endpoint} 400 invalid_request www-authenticate Bearer token not found in the request <https://tools.ietf.org/html/rfc6750#section-3.1>`,
  `${endpoint} 401 invalid_token www-authenticate Error decoding JWT`,
  `${endpoint} 403 insufficient_scope www-authenticate`,
];
const DOCUMENTED = [
  'token 400 invalid_grant json Wrong username or password',
  'token 400 invalid_grant json Abnormal user status',
  'token 400 invalid_grant json Unsupported username identifier',
  'token 400 invalid_auth_source json Auth source and application not associated',
  'token 401 - bare',
  'token 401 invalid_client json',
  'token 400 unsupported_grant_type json <https://datatracker.ietf.org/doc/html/rfc6749#section-5.2>',
  'token 400 invalid_grant json',
  'token 400 invalid_request json Client authentication failed: client_id',
  'token 401 invalid_client json Client authentication failed: code',
  'token 401 invalid_client json Client authentication failed: code_verifier',
  'token 400 unauthorized_client json',
  'token 400 invalid_scope json',
  'token 400 invalid_grant json',
  'token 400 invalid_grant json Unknown or expired otp_token',
  'token 400 invalid_grant json Unknown or expired OTP',
  'token 400 invalid_grant json User not found',
  'token 400 invalid_request json Mismatched OTP token and OTP sending parameters',
  'revoke 401 invalid_client json',
  ...BEARER('userinfo'),
  'userinfo 404 user_not_found json',
  'userinfo_update 400 invalid_request json Unknown attribute(s) found.',
  'userinfo_update 400 invalid_request json Unsupported user attribute(s) found.',
  ...[
    'malformed_phone_number',
    'duplicate_phone_number',
    'bad_phone_number_otp_token',
    'bad_phone_number_otp',
  ].map((error) => `userinfo_update 400 ${error} json`),
  ...[
    'malformed_email',
    'duplicate_email',
    'bad_email_otp_token',
    'bad_email_otp',
    'illegal_parameter_value',
  ].map((error) => `userinfo_update 400 ${error} json`),
  ...BEARER('userinfo_update'),
  ...[
    'wrong_old_password',
    'duplicate_password',
    'recurrent_password',
    'invalid_new_password',
    'user_not_found',
  ].map((error) => `change_password 400 ${error} json`),
  'change_password 400 abnormal_user_status json User is frozen.',
  'change_password 400 abnormal_user_status json User is locked.',
  ...BEARER('change_password'),
  'reset_password 400 recurrent_password json',
  'reset_password 400 invalid_new_password json',
  'reset_password 400 user_not_found json',
  'reset_password 400 abnormal_user_status json User is frozen.',
  'reset_password 400 abnormal_user_status json User is locked.',
  'reset_password 400 bad_email_otp_token json',
  'reset_password 400 bad_email_otp json',
  ...[
    'malformed_phone_number',
    'malformed_email',
    'insufficient_sms_quota',
    'insufficient_email_quota',
    'invalid_email',
    'email_is_used',
    'phone_number_is_used',
  ].map((error) => `otp_send 400 ${error} json`),
  'otp_send 400 sms_rate_limit_exceeded json SMS rate limit exceeded for same phone number',
  'otp_send 503 temporarily_unavailable json',
];

const spell = (row: CiamDocumentedAuthError): string =>
  [
    row.endpoint,
    row.status,
    row.error ?? '-',
    row.form,
    ...(row.description === undefined ? [] : [row.description]),
    ...(row.errorUri === undefined ? [] : [`<${row.errorUri}>`]),
  ].join(' ');

const label = (row: CiamDocumentedAuthError): string =>
  `${row.endpoint}: ${row.status} ${row.error ?? '(bare)'} ${row.form}${row.description ? ` "${row.description}"` : ''}`;

/** The failure that reproduces a row, every field spelled out. */
function injectRow(emulator: CiamEmulator, row: CiamDocumentedAuthError): void {
  if (row.form === 'bare') {
    emulator.failNext({ httpStatus: row.status }, { endpoint: row.endpoint });
    return;
  }
  emulator.failNext(
    { oauthError: row.error!, description: row.description ?? null, form: row.form },
    { endpoint: row.endpoint },
  );
}

/** RFC 6750 §3, written here independently of lib/. */
function expectedChallenge(row: CiamDocumentedAuthError): string {
  const parts = [`error="${row.error}"`];
  if (row.description !== undefined) parts.push(`error_description="${row.description}"`);
  if (row.errorUri !== undefined) parts.push(`error_uri="${row.errorUri}"`);
  return `Bearer ${parts.join(', ')}`;
}

function expectedBody(row: CiamDocumentedAuthError): Record<string, string> {
  return {
    error: row.error!,
    ...(row.description === undefined ? {} : { error_description: row.description }),
    ...(row.errorUri === undefined ? {} : { error_uri: row.errorUri }),
  };
}

const request = (emulator: CiamEmulator, endpoint: CiamEmulatorAuthEndpoint) => {
  const { method, path } = ENDPOINT_REQUESTS[endpoint];
  return rawAuth(emulator, path, { method, body: method === 'GET' ? undefined : '' });
};

describe('CIAM emulator tenant host: failure injection', () => {
  let emulator: CiamEmulator;
  let config: client.Configuration;
  let user: any;
  let accessToken: string;

  beforeAll(async () => {
    emulator = await startCiamEmulator();
    config = await discover(emulator);
  });

  beforeEach(async () => {
    emulator.reset();
    user = await createUser(emulator, { UserName: 'ada', Password: PASSWORD });
    accessToken = (await passwordGrant(config, emulator, 'ada')).access_token;
  });

  afterAll(() => emulator.close());

  it('lists exactly the errors CIAM documents, in order', () => {
    expect(CIAM_DOCUMENTED_AUTH_ERRORS.filter((row) => !row.generic).map(spell)).toEqual(
      DOCUMENTED,
    );
  });

  it('adds 500 server_error, 503 temporarily_unavailable and 403 access_denied to every endpoint', () => {
    const generic = CIAM_DOCUMENTED_AUTH_ERRORS.filter((row) => row.generic).map(spell);
    const expected = [
      'token',
      'revoke',
      'userinfo',
      'userinfo_update',
      'change_password',
      'reset_password',
      'otp_send',
      'jwks',
      'discovery',
    ].flatMap((endpoint) =>
      [
        `${endpoint} 500 server_error json`,
        `${endpoint} 503 temporarily_unavailable json`,
        `${endpoint} 403 access_denied json`,
      ].filter(
        // otp_send documents its 503 itself.
        (line) => line !== 'otp_send 503 temporarily_unavailable json',
      ),
    );

    expect(generic).toEqual(expected);
  });

  it('documents every endpoint of the tenant host', () => {
    const endpoints = new Set(CIAM_DOCUMENTED_AUTH_ERRORS.map((row) => row.endpoint));

    expect([...endpoints].sort()).toEqual([
      'change_password',
      'discovery',
      'jwks',
      'otp_send',
      'reset_password',
      'revoke',
      'token',
      'userinfo',
      'userinfo_update',
    ]);
    expect(
      CIAM_DOCUMENTED_AUTH_ERRORS.filter((row) => row.endpoint === 'jwks').map((row) => row.error),
    ).toEqual(['server_error', 'temporarily_unavailable', 'access_denied']);
  });

  describe.each(CIAM_DOCUMENTED_AUTH_ERRORS.map((row) => [label(row), row] as const))(
    '%s',
    (_label, row) => {
      it('arrives with the documented status, body and headers', async () => {
        injectRow(emulator, row);

        const { status, text, json, headers } = await request(emulator, row.endpoint);

        expect(status).toBe(row.status);
        if (row.form === 'json') {
          expect(json).toEqual(expectedBody(row));
          expect(headers.get('content-type')).toBe('application/json;charset=UTF-8');
          expect(headers.get('www-authenticate')).toBeNull();
        } else {
          expect(text).toBe('');
          expect(headers.get('content-type')).toBeNull();
          expect(headers.get('www-authenticate')).toBe(
            row.form === 'www-authenticate' ? expectedChallenge(row) : null,
          );
        }
      });
    },
  );

  it.each(
    CIAM_DOCUMENTED_AUTH_ERRORS.filter(
      (row, index, rows) =>
        row.error !== undefined &&
        rows.findIndex((other) => other.endpoint === row.endpoint && other.error === row.error) ===
          index,
    ).map((row) => [label(row), row] as const),
  )('defaults { oauthError } alone to the first documented row: %s', async (_label, row) => {
    emulator.failNext({ oauthError: row.error! }, { endpoint: row.endpoint });

    const { status, json, headers } = await request(emulator, row.endpoint);

    expect(status).toBe(row.status);
    if (row.form === 'json') expect(json).toEqual(expectedBody(row));
    else expect(headers.get('www-authenticate')).toBe(expectedChallenge(row));
  });

  describe('what openid-client throws for each documented row', () => {
    const tokenRows = CIAM_DOCUMENTED_AUTH_ERRORS.filter(
      (row) => row.endpoint === 'token' || row.endpoint === 'revoke',
    );
    const call = (endpoint: CiamEmulatorAuthEndpoint): Promise<unknown> =>
      endpoint === 'token'
        ? passwordGrant(config, emulator, 'ada')
        : client.tokenRevocation(config, 'some-token');

    it.each(tokenRows.map((row) => [label(row), row] as const))('%s', async (_label, row) => {
      injectRow(emulator, row);

      const error = await rejectionOf(call(row.endpoint));

      if (row.form === 'bare') {
        // No Content-Type: openid-client cannot read an error body.
        expect(error).toBeInstanceOf(client.ClientError);
        expect(error.code).toBe('OAUTH_RESPONSE_IS_NOT_JSON');
        expect(error.cause.status).toBe(row.status);
      } else if (row.status < 500) {
        expect(error).toBeInstanceOf(client.ResponseBodyError);
        expect(error).toMatchObject({
          error: row.error,
          error_description: row.description,
          status: row.status,
        });
        expect(error.cause).toEqual(expectedBody(row));
      } else {
        // openid-client reads error bodies of 4xx answers only.
        expect(error).toBeInstanceOf(client.ClientError);
        expect(error.code).toBe('OAUTH_RESPONSE_IS_NOT_CONFORM');
        expect(error.cause.status).toBe(row.status);
      }
    });

    const userinfoRows = CIAM_DOCUMENTED_AUTH_ERRORS.filter((row) => row.endpoint === 'userinfo');

    it.each(userinfoRows.map((row) => [label(row), row] as const))('%s', async (_label, row) => {
      injectRow(emulator, row);

      const error = await rejectionOf(client.fetchUserInfo(config, accessToken, user.UserId));

      if (row.form === 'www-authenticate') {
        expect(error).toBeInstanceOf(client.WWWAuthenticateChallengeError);
        expect(error.status).toBe(row.status);
        expect(error.cause).toEqual([
          {
            scheme: 'bearer',
            parameters: {
              error: row.error,
              ...(row.description === undefined ? {} : { error_description: row.description }),
              ...(row.errorUri === undefined ? {} : { error_uri: row.errorUri }),
            },
          },
        ]);
      } else {
        // A UserInfo error body is never parsed: user_not_found arrives as a status only.
        expect(error).toBeInstanceOf(client.ClientError);
        expect(error.code).toBe('OAUTH_RESPONSE_IS_NOT_CONFORM');
        expect(error.cause.status).toBe(row.status);
      }
    });

    const protectedRows = CIAM_DOCUMENTED_AUTH_ERRORS.filter(
      (row) => row.endpoint === 'change_password' || row.endpoint === 'userinfo_update',
    );

    it.each(protectedRows.map((row) => [label(row), row] as const))(
      'fetchProtectedResource, %s',
      async (_label, row) => {
        injectRow(emulator, row);
        const { method, path } = ENDPOINT_REQUESTS[row.endpoint];

        const outcome: { response?: Response; error?: any } = await client
          .fetchProtectedResource(
            config,
            accessToken,
            new URL(`${emulator.issuer}${path}`),
            method,
            '{}',
          )
          .then(
            (response) => ({ response }),
            (error: unknown) => ({ error: error as any }),
          );

        if (row.form === 'www-authenticate') {
          expect(outcome.error).toBeInstanceOf(client.WWWAuthenticateChallengeError);
          expect(outcome.error.status).toBe(row.status);
        } else {
          // JSON errors come back as the Response; the caller reads the body.
          expect(outcome.response?.status).toBe(row.status);
          expect(await outcome.response?.json()).toEqual(expectedBody(row));
        }
      },
    );

    it.each(
      CIAM_DOCUMENTED_AUTH_ERRORS.filter((row) => row.endpoint === 'discovery').map(
        (row) => [label(row), row] as const,
      ),
    )('%s', async (_label, row) => {
      injectRow(emulator, row);

      const error = await rejectionOf(discover(emulator));

      expect(error).toBeInstanceOf(client.ClientError);
      expect(error.code).toBe('OAUTH_RESPONSE_IS_NOT_CONFORM');
      expect(error.cause.status).toBe(row.status);
    });

    it.each(
      CIAM_DOCUMENTED_AUTH_ERRORS.filter((row) => row.endpoint === 'jwks').map(
        (row) => [label(row), row] as const,
      ),
    )('jose createRemoteJWKSet, %s', async (_label, row) => {
      injectRow(emulator, row);

      const error = await rejectionOf(
        jwtVerify(accessToken, createRemoteJWKSet(new URL(`${emulator.issuer}/oauth2/jwks`))),
      );

      expect(error).toBeInstanceOf(joseErrors.JOSEError);
      expect(error.message).toBe('Expected 200 OK from the JSON Web Key Set HTTP response');
    });
  });

  describe('other forms', () => {
    it('answers { httpStatus } on the tenant host with the status alone', async () => {
      emulator.failNext({ httpStatus: 503 }, { endpoint: 'token' });

      const { status, text, headers } = await request(emulator, 'token');

      expect([status, text, headers.get('content-type')]).toEqual([503, '', null]);
    });

    it('sends a gateway’s HTML page that openid-client reports as ClientError', async () => {
      const html = '<html><body><h1>502 Bad Gateway</h1></body></html>';
      emulator.failNext(
        { httpStatus: 502, contentType: 'text/html', body: html },
        { endpoint: 'token' },
      );
      emulator.failNext(
        { httpStatus: 502, contentType: 'text/html', body: html },
        { endpoint: 'userinfo' },
      );

      const tokenError = await rejectionOf(passwordGrant(config, emulator, 'ada'));
      const raw = await rawAuth(emulator, '/userinfo');

      expect(tokenError).toBeInstanceOf(client.ClientError);
      expect(tokenError.code).toBe('OAUTH_RESPONSE_IS_NOT_CONFORM');
      expect(await tokenError.cause.text()).toBe(html);
      expect([raw.status, raw.headers.get('content-type'), raw.text]).toEqual([
        502,
        'text/html',
        html,
      ]);
    });

    it('hangs the tenant host so that openid-client times out (OAUTH_TIMEOUT)', async () => {
      emulator.failNext({ hang: true }, { endpoint: 'token' });
      const impatient = await discover(emulator);
      impatient.timeout = 0.3;

      const error = await rejectionOf(passwordGrant(impatient, emulator, 'ada'));

      expect(error).toBeInstanceOf(client.ClientError);
      expect(error.code).toBe('OAUTH_TIMEOUT');
    });

    it('takes the endpoint inside the failure as a shorthand', async () => {
      emulator.failNext({ httpStatus: 500, endpoint: 'jwks' });

      expect((await request(emulator, 'jwks')).status).toBe(500);
      expect((await request(emulator, 'jwks')).status).toBe(200);
    });

    it('overrides status, form, description and error_uri', async () => {
      emulator.failNext(
        {
          oauthError: 'invalid_grant',
          status: 409,
          description: 'custom',
          errorUri: 'https://x.example/e',
        },
        { endpoint: 'token' },
      );
      emulator.failNext({ oauthError: 'invalid_token', form: 'json' }, { endpoint: 'userinfo' });

      const token = await request(emulator, 'token');
      const userinfo = await request(emulator, 'userinfo');

      expect([token.status, token.json]).toEqual([
        409,
        { error: 'invalid_grant', error_description: 'custom', error_uri: 'https://x.example/e' },
      ]);
      expect([userinfo.status, userinfo.json]).toEqual([
        401,
        { error: 'invalid_token', error_description: 'Error decoding JWT' },
      ]);
    });

    it('shapes an error CIAM does not document there after RFC 6749/6750', async () => {
      emulator.failNext({ oauthError: 'slow_down' }, { endpoint: 'token' });
      emulator.failNext({ oauthError: 'insufficient_scope' }, { endpoint: 'revoke' });

      const token = await request(emulator, 'token');
      const revoke = await request(emulator, 'revoke');

      expect([token.status, token.json]).toEqual([400, { error: 'slow_down' }]);
      expect([revoke.status, revoke.headers.get('www-authenticate')]).toEqual([
        403,
        'Bearer error="insufficient_scope"',
      ]);
    });
  });

  describe('targeting', () => {
    it('fails `times` requests of the named endpoint only', async () => {
      emulator.failNext(
        { oauthError: 'temporarily_unavailable' },
        { endpoint: 'otp_send', times: 2 },
      );

      expect((await request(emulator, 'jwks')).status).toBe(200);
      expect((await request(emulator, 'otp_send')).status).toBe(503);
      expect((await request(emulator, 'otp_send')).status).toBe(503);
      expect((await request(emulator, 'otp_send')).status).toBe(401);
    });

    it('sends an oauthError without endpoint to the next tenant-host request, never to POST /', async () => {
      emulator.failNext({ oauthError: 'server_error' });

      await expect(ciamClient(emulator).request('ListUserStore', {})).resolves.toHaveProperty(
        'UserStoreSet',
      );
      expect((await request(emulator, 'discovery')).status).toBe(500);
      expect((await request(emulator, 'discovery')).status).toBe(200);
    });

    it('keeps management failures (codes, { httpStatus } and hangs without endpoint) off the tenant host', async () => {
      emulator.failNext('InternalError');
      emulator.failNext({ httpStatus: 503 });

      expect((await request(emulator, 'jwks')).status).toBe(200);
      await expectCiamError(ciamClient(emulator).request('ListUserStore', {}), 'InternalError');
      const { status, text } = await rawRequest(emulator);
      expect([status, text]).toEqual([503, '503 Service Unavailable']);
    });

    it('gives the management API a custom body too', async () => {
      emulator.failNext({ httpStatus: 502, contentType: 'text/html', body: '<h1>502</h1>' });

      const { status, text, headers } = await rawRequest(emulator);

      expect([status, text, headers.get('content-type')]).toEqual([
        502,
        '<h1>502</h1>',
        'text/html',
      ]);
    });

    it('reset() drops queued tenant-host failures', async () => {
      emulator.failNext({ oauthError: 'server_error' }, { endpoint: 'jwks' });

      emulator.reset();

      expect((await request(emulator, 'jwks')).status).toBe(200);
    });

    it('refuses nonsensical failures when they are queued', () => {
      expect(() => emulator.failNext('InternalError', { endpoint: 'token' })).toThrow(TypeError);
      expect(() => emulator.failNext({ oauthError: 'x' }, { action: 'CreateUser' })).toThrow(
        TypeError,
      );
      expect(() =>
        emulator.failNext({ hang: true }, { action: 'CreateUser', endpoint: 'token' }),
      ).toThrow(TypeError);
      expect(() =>
        emulator.failNext({ httpStatus: 500, endpoint: 'jwks' }, { endpoint: 'token' }),
      ).toThrow(TypeError);
      expect(() => emulator.failNext({ oauthError: 'x' }, { endpoint: 'nope' as any })).toThrow(
        /endpoint must be one of token, revoke/,
      );
      expect(() => emulator.failNext({ oauthError: '' })).toThrow(TypeError);
      expect(() => emulator.failNext({ oauthError: 'bad"quote' })).toThrow(TypeError);
      expect(() => emulator.failNext({ oauthError: 'x', status: 200 })).toThrow(RangeError);
      expect(() => emulator.failNext({ oauthError: 'x', form: 'bare' as any })).toThrow(RangeError);
      expect(() => emulator.failNext({ httpStatus: 302 }, { endpoint: 'token' })).toThrow(
        RangeError,
      );
    });
  });
});
