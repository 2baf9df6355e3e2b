import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import * as client from 'openid-client';
import { startCiamEmulator } from '../../lib/testing/index.js';
import type { CiamEmulator } from '../../lib/testing/index.js';
import {
  PASSWORD,
  createUser,
  discover,
  jsonWithBearer,
  managementRequest,
  passwordGrant,
  rawAuth,
  rejectionOf,
  sendOtp,
} from './auth-client.util.js';

describe('CIAM emulator tenant host: /userinfo', () => {
  let emulator: CiamEmulator;
  let config: client.Configuration;
  let ada: any;
  let accessToken: string;

  const patch = (body: unknown, token = accessToken) =>
    rawAuth(emulator, '/userinfo', jsonWithBearer(token, body, 'PATCH'));

  const describeAda = async (): Promise<any> =>
    (await managementRequest(emulator, 'DescribeUserById', { UserId: ada.UserId, Original: true }))
      .User;

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
      Nickname: 'Ada',
      Password: PASSWORD,
      Birthdate: Date.UTC(1815, 11, 10),
      CustomizationAttributes: [{ Name: 'team', Value: 'engines' }],
    });
    accessToken = (await passwordGrant(config, emulator, 'ada')).access_token;
  });

  afterAll(() => emulator.close());

  describe('GET', () => {
    it('answers the OIDC claims of the token’s user', async () => {
      const claims = await client.fetchUserInfo(config, accessToken, ada.UserId);

      expect(claims).toEqual({
        sub: ada.UserId,
        preferred_username: 'ada',
        nickname: 'Ada',
        email: 'ada@example.com',
        phone_number: '13812341234',
        birthdate: '1815-12-10',
        updated_at: Math.floor(ada.LastModifiedDate / 1000),
        team: 'engines',
      });
    });

    it('follows UpdateUser of the management API', async () => {
      await managementRequest(emulator, 'UpdateUser', { UserId: ada.UserId, Nickname: 'Countess' });

      const claims = await client.fetchUserInfo(config, accessToken, ada.UserId);

      expect(claims.nickname).toBe('Countess');
    });

    it('answers 404 {"error":"user_not_found"} once DeleteUsers removed the user', async () => {
      await managementRequest(emulator, 'DeleteUsers', { UserIds: [ada.UserId] });

      const raw = await rawAuth(emulator, '/userinfo', {
        headers: { Authorization: `Bearer ${accessToken}` },
      });
      const error = await rejectionOf(client.fetchUserInfo(config, accessToken, ada.UserId));

      expect([raw.status, raw.json]).toEqual([404, { error: 'user_not_found' }]);
      // openid-client reads no error body from a UserInfo response: a plain ClientError.
      expect(error).toBeInstanceOf(client.ClientError);
      expect(error.code).toBe('OAUTH_RESPONSE_IS_NOT_CONFORM');
      expect(error.cause.status).toBe(404);
    });

    it('answers 400 with the documented challenge when no Bearer token is sent', async () => {
      const { status, text, headers } = await rawAuth(emulator, '/userinfo');

      expect(status).toBe(400);
      expect(text).toBe('');
      expect(headers.get('www-authenticate')).toBe(
        'Bearer error="invalid_request", error_description="Bearer token not found in the request", error_uri="https://tools.ietf.org/html/rfc6750#section-3.1"',
      );
    });

    it('answers 403 insufficient_scope to a token without openid', async () => {
      const profileOnly = await passwordGrant(config, emulator, 'ada', PASSWORD, 'profile');

      const error = await rejectionOf(
        client.fetchUserInfo(config, profileOnly.access_token, ada.UserId),
      );

      expect(error).toBeInstanceOf(client.WWWAuthenticateChallengeError);
      expect(error.status).toBe(403);
      expect(error.cause).toEqual([
        { scheme: 'bearer', parameters: { error: 'insufficient_scope' } },
      ]);
    });

    it('answers invalid_token to an ID token used as an access token', async () => {
      const tokens = await passwordGrant(config, emulator, 'ada');

      const error = await rejectionOf(client.fetchUserInfo(config, tokens.id_token!, ada.UserId));

      expect(error.cause[0].parameters).toEqual({
        error: 'invalid_token',
        error_description: 'The access token is not active',
      });
    });
  });

  describe('PATCH', () => {
    it('updates profile claims and custom attributes in the shared record', async () => {
      const { status, json } = await patch({
        nickname: 'Countess',
        name: 'Augusta Ada King',
        team: 'maths',
      });

      expect(status).toBe(200);
      expect(json).toMatchObject({ nickname: 'Countess', name: 'Augusta Ada King', team: 'maths' });
      expect(await describeAda()).toMatchObject({
        Nickname: 'Countess',
        Name: 'Augusta Ada King',
        CustomAttributes: [{ Name: 'team', Value: 'maths' }],
      });
    });

    it('records the update in the audit log', async () => {
      await patch({ locale: 'en-GB' });

      const { Content } = await managementRequest(emulator, 'ListLogMessageByCondition', {
        Pageable: { PageSize: 10, PageNumber: 1 },
        Filters: [{ Key: 'events', Values: ['USER_UPDATE'] }],
        StartTime: Date.now() - 60_000,
      });
      expect(Content[0]).toMatchObject({
        EventCode: 'USER_UPDATE',
        UserId: ada.UserId,
        Description: 'The user updated their information.',
      });
    });

    it('changes the phone number with an update_userinfo OTP sent to the new number', async () => {
      const { otpToken, otp } = await sendOtp(emulator, {
        usage: 'update_userinfo',
        phone_number: '13900001111',
      });

      const { status, json } = await patch({
        phone_number: '13900001111',
        phone_number_otp_token: otpToken,
        phone_number_otp: otp,
      });

      expect(status).toBe(200);
      expect(json.phone_number).toBe('13900001111');
      expect((await describeAda()).PhoneNumber).toBe('13900001111');
      await expect(passwordGrant(config, emulator, '13900001111')).resolves.toHaveProperty(
        'access_token',
      );
      expect(emulator.lastOtp({ phoneNumber: '13900001111' })?.consumed).toBe(true);
    });

    it('changes the email with an update_userinfo OTP', async () => {
      const { otpToken, otp } = await sendOtp(emulator, {
        usage: 'update_userinfo',
        email: 'countess@example.com',
      });

      const { json } = await patch({
        email: 'countess@example.com',
        email_otp_token: otpToken,
        email_otp: otp,
      });

      expect(json.email).toBe('countess@example.com');
    });

    it.each([
      [{ favourite_colour: 'blue' }, 'invalid_request', 'Unknown attribute(s) found.'],
      [{ phone_number_otp: '123456' }, 'invalid_request', 'Unknown attribute(s) found.'],
      [
        { preferred_username: 'countess' },
        'invalid_request',
        'Unsupported user attribute(s) found.',
      ],
      [{ nickname: 42 }, 'illegal_parameter_value', undefined],
      [{ phone_number: '12345' }, 'malformed_phone_number', undefined],
      [{ email: 'not-an-email' }, 'malformed_email', undefined],
      [
        { phone_number: '13900001111', phone_number_otp_token: 'x', phone_number_otp: '1' },
        'bad_phone_number_otp_token',
        undefined,
      ],
      [
        { email: 'new@example.com', email_otp_token: 'x', email_otp: '1' },
        'bad_email_otp_token',
        undefined,
      ],
    ])('answers 400 to %j: %s', async (body, error, description) => {
      const { status, json } = await patch(body);

      expect(status).toBe(400);
      expect(json).toEqual(
        description === undefined ? { error } : { error, error_description: description },
      );
    });

    it('answers duplicate_email and duplicate_phone_number for another user’s values', async () => {
      await createUser(emulator, {
        UserName: 'grace',
        Email: 'grace@example.com',
        PhoneNumber: '13700002222',
      });

      const email = await patch({
        email: 'GRACE@example.com',
        email_otp_token: 'x',
        email_otp: '1',
      });
      const phone = await patch({
        phone_number: '13700002222',
        phone_number_otp_token: 'x',
        phone_number_otp: '1',
      });

      expect(email.json).toEqual({ error: 'duplicate_email' });
      expect(phone.json).toEqual({ error: 'duplicate_phone_number' });
    });

    it('answers bad_phone_number_otp to a wrong code, and to an OTP sent to another number', async () => {
      const { otpToken } = await sendOtp(emulator, {
        usage: 'update_userinfo',
        phone_number: '13900001111',
      });
      const other = await sendOtp(emulator, {
        usage: 'update_userinfo',
        phone_number: '13900003333',
      });

      const wrongCode = await patch({
        phone_number: '13900001111',
        phone_number_otp_token: otpToken,
        phone_number_otp: 'wrong',
      });
      const wrongNumber = await patch({
        phone_number: '13900001111',
        phone_number_otp_token: other.otpToken,
        phone_number_otp: other.otp,
      });

      expect(wrongCode.json).toEqual({ error: 'bad_phone_number_otp' });
      expect(wrongNumber.json).toEqual({ error: 'bad_phone_number_otp_token' });
      expect((await describeAda()).PhoneNumber).toBe('13812341234');
    });

    it('answers the Bearer challenges too', async () => {
      const missing = await rawAuth(emulator, '/userinfo', {
        method: 'PATCH',
        headers: { 'Content-Type': 'application/json' },
        body: '{}',
      });
      const broken = await patch({ nickname: 'x' }, 'not.a.jwt');

      expect(missing.status).toBe(400);
      expect(missing.headers.get('www-authenticate')).toContain('error="invalid_request"');
      expect(broken.status).toBe(401);
      expect(broken.headers.get('www-authenticate')).toBe(
        'Bearer error="invalid_token", error_description="Error decoding JWT"',
      );
    });

    it('is reachable through openid-client’s fetchProtectedResource', async () => {
      const response = await client.fetchProtectedResource(
        config,
        accessToken,
        new URL(`${emulator.issuer}/userinfo`),
        'PATCH',
        JSON.stringify({ nickname: 'Countess' }),
        new Headers({ 'Content-Type': 'application/json' }),
      );

      expect(response.status).toBe(200);
      expect(((await response.json()) as any).nickname).toBe('Countess');
    });
  });
});
