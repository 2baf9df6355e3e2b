import { afterAll, beforeAll, beforeEach, describe, expect, it } from '@jest/globals';
import axios from 'axios';
import type { AxiosInstance } from 'axios';
import * as client from 'openid-client';
import { CIAM_EMULATOR_PASSWORD_POLICY, startCiamEmulator } from '../../lib/testing/index.js';
import type { CiamEmulator } from '../../lib/testing/index.js';
import {
  PASSWORD,
  basicAuth,
  createUser,
  discover,
  jsonWithBearer,
  managementRequest,
  passwordGrant,
  rawAuth,
  rejectionOf,
  sendOtp,
} from './auth-client.util.js';

const OTP_SMS = 'http://tencentciam.com/oauth2/grant-type/otp/sms';
const OTP_EMAIL = 'http://tencentciam.com/oauth2/grant-type/otp/email';

describe('CIAM emulator tenant host: passwords and OTP', () => {
  let emulator: CiamEmulator;
  let config: client.Configuration;
  let http: AxiosInstance;
  let ada: any;

  const accessToken = async (): Promise<string> =>
    (await passwordGrant(config, emulator, 'ada')).access_token;

  const changePassword = async (oldPassword: string, newPassword: string, token?: string) =>
    rawAuth(
      emulator,
      '/change_user_password',
      jsonWithBearer(token ?? (await accessToken()), {
        old_password: oldPassword,
        new_password: newPassword,
      }),
    );

  /** axios with the client's Basic credentials; never throws on a status. */
  const post = (path: string, body: unknown) =>
    http.post(path, body, { headers: { Authorization: basicAuth(emulator) } });

  beforeAll(async () => {
    emulator = await startCiamEmulator();
    config = await discover(emulator);
    http = axios.create({ baseURL: emulator.issuer, validateStatus: () => true });
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

  describe('change_user_password', () => {
    it('changes the password: the old one stops working, the new one signs in', async () => {
      const { status, text } = await changePassword(PASSWORD, 'Brand!new2');

      expect([status, text]).toEqual([200, '']);
      await expect(passwordGrant(config, emulator, 'ada')).rejects.toMatchObject({
        error: 'invalid_grant',
        error_description: 'Wrong username or password',
      });
      await expect(passwordGrant(config, emulator, 'ada', 'Brand!new2')).resolves.toHaveProperty(
        'access_token',
      );
    });

    it.each([
      ['wrong_old_password', 'Not!mine1', 'Brand!new2'],
      ['duplicate_password', PASSWORD, PASSWORD],
      ['invalid_new_password', PASSWORD, 'short1'],
      ['invalid_new_password', PASSWORD, 'no-digits-here'],
      ['invalid_new_password', PASSWORD, '12345678901'],
    ])('answers 400 %s (old %s, new %s)', async (error, oldPassword, newPassword) => {
      const { status, json } = await changePassword(oldPassword, newPassword);

      expect([status, json]).toEqual([400, { error }]);
    });

    it(`documents its policy: ${CIAM_EMULATOR_PASSWORD_POLICY.description}`, async () => {
      expect(CIAM_EMULATOR_PASSWORD_POLICY).toMatchObject({ minLength: 8, maxLength: 64 });
      expect((await changePassword(PASSWORD, 'abcdefg1')).status).toBe(200);
    });

    it('answers recurrent_password for one of the last passwordHistorySize (3) passwords', async () => {
      const token = await accessToken();
      const chain = [PASSWORD, 'Second!p2', 'Third!pw3', 'Fourth!p4', 'Fifth!pw5'];
      for (let index = 1; index < chain.length; index += 1) {
        expect((await changePassword(chain[index - 1], chain[index], token)).status).toBe(200);
      }

      // Former passwords now: Second, Third, Fourth (PASSWORD fell out of the history).
      const recent = await changePassword('Fifth!pw5', 'Third!pw3', token);
      const old = await changePassword('Fifth!pw5', PASSWORD, token);

      expect([recent.status, recent.json]).toEqual([400, { error: 'recurrent_password' }]);
      expect(old.status).toBe(200);
    });

    it.each([
      ['FREEZE', 'User is frozen.'],
      ['LOCK', 'User is locked.'],
    ])('answers abnormal_user_status once the user is %s', async (status, description) => {
      const token = await accessToken();
      await managementRequest(emulator, 'UpdateUserStatus', { UserId: ada.UserId, Status: status });

      const { json } = await changePassword(PASSWORD, 'Brand!new2', token);

      expect(json).toEqual({ error: 'abnormal_user_status', error_description: description });
    });

    it('answers 400 user_not_found once the user is deleted', async () => {
      const token = await accessToken();
      await managementRequest(emulator, 'DeleteUsers', { UserIds: [ada.UserId] });

      const { status, json } = await changePassword(PASSWORD, 'Brand!new2', token);

      expect([status, json]).toEqual([400, { error: 'user_not_found' }]);
    });

    it('answers a Bearer challenge openid-client throws as WWWAuthenticateChallengeError', async () => {
      const error = await rejectionOf(
        client.fetchProtectedResource(
          config,
          'not.a.jwt',
          new URL(`${emulator.issuer}/change_user_password`),
          'POST',
          JSON.stringify({ old_password: PASSWORD, new_password: 'Brand!new2' }),
          new Headers({ 'Content-Type': 'application/json' }),
        ),
      );

      expect(error).toBeInstanceOf(client.WWWAuthenticateChallengeError);
      expect(error.status).toBe(401);
      expect(error.cause[0].parameters.error).toBe('invalid_token');
    });
  });

  describe('otp/send', () => {
    it('answers an otp_token and records the six-digit code for the test', async () => {
      const response = await post('/otp/send', { usage: 'login', phone_number: '13812341234' });

      const sent = emulator.sentOtps();
      expect(response.status).toBe(200);
      expect(response.data).toEqual({ otp_token: sent[0].otpToken });
      expect(sent).toEqual([
        {
          otpToken: expect.any(String),
          otp: expect.stringMatching(/^\d{6}$/),
          usage: 'login',
          channel: 'sms',
          phoneNumber: '13812341234',
          sentAt: expect.any(Number),
          expiresAt: sent[0].sentAt + 300_000,
          consumed: false,
        },
      ]);
    });

    it.each([
      [{ phone_number: '12345' }, 'malformed_phone_number'],
      [{ phone_number: '+1 555 0100' }, 'malformed_phone_number'],
      [{ email: 'nope' }, 'malformed_email'],
      [{ usage: 'signup', phone_number: '13812341234' }, 'phone_number_is_used'],
      [{ usage: 'signup', email: 'ADA@example.com' }, 'email_is_used'],
    ])('answers 400 to %j: %s', async (body, error) => {
      const response = await post('/otp/send', body);

      expect([response.status, response.data]).toEqual([400, { error }]);
    });

    it('limits SMS to one per 60 s per number (sms_rate_limit_exceeded)', async () => {
      await post('/otp/send', { phone_number: '13812341234' });

      const again = await post('/otp/send', { phone_number: '13812341234' });
      const otherNumber = await post('/otp/send', { phone_number: '13900001111' });
      emulator.advanceAuthClock(60);
      const later = await post('/otp/send', { phone_number: '13812341234' });

      expect([again.status, again.data]).toEqual([
        400,
        {
          error: 'sms_rate_limit_exceeded',
          error_description: 'SMS rate limit exceeded for same phone number',
        },
      ]);
      expect(otherNumber.status).toBe(200);
      expect(later.status).toBe(200);
    });

    it('answers 401 invalid_client without the client credentials', async () => {
      const response = await http.post('/otp/send', { phone_number: '13812341234' });

      expect([response.status, response.data]).toEqual([401, { error: 'invalid_client' }]);
    });
  });

  describe('reset_user_password', () => {
    it('resets the password with a reset_password OTP sent by email', async () => {
      const { otpToken, otp } = await sendOtp(emulator, {
        usage: 'reset_password',
        email: 'ada@example.com',
      });

      const response = await post('/reset_user_password', {
        password: 'Brand!new2',
        email: 'ada@example.com',
        email_otp: otp,
        email_otp_token: otpToken,
      });

      expect([response.status, response.data]).toEqual([200, '']);
      await expect(passwordGrant(config, emulator, 'ada')).rejects.toMatchObject({
        error: 'invalid_grant',
      });
      await expect(passwordGrant(config, emulator, 'ada', 'Brand!new2')).resolves.toHaveProperty(
        'access_token',
      );
      // The OTP is used up.
      const again = await post('/reset_user_password', {
        password: 'Other!pw3',
        email: 'ada@example.com',
        email_otp: otp,
        email_otp_token: otpToken,
      });
      expect(again.data).toEqual({ error: 'bad_email_otp_token' });
    });

    it('resets with an SMS OTP too', async () => {
      const { otpToken, otp } = await sendOtp(emulator, {
        usage: 'reset_password',
        phone_number: '13812341234',
      });

      const response = await post('/reset_user_password', {
        password: 'Brand!new2',
        phone_number: '13812341234',
        phone_number_otp: otp,
        phone_number_otp_token: otpToken,
      });

      expect(response.status).toBe(200);
    });

    it('answers the documented errors in order', async () => {
      const sent = await sendOtp(emulator, { usage: 'reset_password', email: 'ada@example.com' });
      const login = await sendOtp(emulator, { usage: 'login', email: 'ada@example.com' });
      const reset = (fields: Record<string, unknown>) =>
        post('/reset_user_password', {
          password: 'Brand!new2',
          email: 'ada@example.com',
          email_otp: sent.otp,
          email_otp_token: sent.otpToken,
          ...fields,
        });

      expect((await reset({ email_otp_token: 'unknown' })).data).toEqual({
        error: 'bad_email_otp_token',
      });
      expect((await reset({ email_otp_token: login.otpToken, email_otp: login.otp })).data).toEqual(
        {
          error: 'bad_email_otp_token',
        },
      );
      expect((await reset({ email_otp: '000000x' })).data).toEqual({ error: 'bad_email_otp' });
      expect((await reset({ password: 'short' })).data).toEqual({ error: 'invalid_new_password' });
      expect((await reset({ password: PASSWORD })).data).toEqual({ error: 'recurrent_password' });
      await managementRequest(emulator, 'UpdateUserStatus', {
        UserId: ada.UserId,
        Status: 'FREEZE',
      });
      expect((await reset({})).data).toEqual({
        error: 'abnormal_user_status',
        error_description: 'User is frozen.',
      });
    });

    it('answers user_not_found for an email no user has', async () => {
      const { otpToken, otp } = await sendOtp(emulator, {
        usage: 'reset_password',
        email: 'nobody@example.com',
      });

      const response = await post('/reset_user_password', {
        password: 'Brand!new2',
        email: 'nobody@example.com',
        email_otp: otp,
        email_otp_token: otpToken,
      });

      expect([response.status, response.data]).toEqual([400, { error: 'user_not_found' }]);
    });

    it('answers bad_email_otp_token once the OTP expired', async () => {
      const { otpToken, otp } = await sendOtp(emulator, {
        usage: 'reset_password',
        email: 'ada@example.com',
      });
      emulator.advanceAuthClock(300);

      const response = await post('/reset_user_password', {
        password: 'Brand!new2',
        email: 'ada@example.com',
        email_otp: otp,
        email_otp_token: otpToken,
      });

      expect(response.data).toEqual({ error: 'bad_email_otp_token' });
    });
  });

  describe('OTP login', () => {
    const otpLogin = (fields: Record<string, unknown>) =>
      rawAuth(emulator, '/oauth2/token', {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify({
          client_id: emulator.clientId,
          client_secret: emulator.clientSecret,
          auth_source_id: emulator.authSourceId,
          ...fields,
        }),
      });

    it('signs in with an SMS OTP (JSON body) and uses the OTP up', async () => {
      const { otpToken, otp } = await sendOtp(emulator, {
        usage: 'login',
        phone_number: '13812341234',
        auth_source_id: emulator.authSourceId,
      });
      const fields = { grant_type: OTP_SMS, phone_number: '13812341234', otp_token: otpToken, otp };

      const first = await otpLogin(fields);
      const second = await otpLogin(fields);

      expect(first.status).toBe(200);
      expect(first.json).toMatchObject({ token_type: 'Bearer', scope: 'openid' });
      expect(await client.fetchUserInfo(config, first.json.access_token, ada.UserId)).toMatchObject(
        {
          sub: ada.UserId,
        },
      );
      expect([second.status, second.json]).toEqual([
        400,
        { error: 'invalid_grant', error_description: 'Unknown or expired otp_token' },
      ]);
    });

    it('signs in with an email OTP', async () => {
      const { otpToken, otp } = await sendOtp(emulator, {
        usage: 'login',
        email: 'ada@example.com',
      });

      const { status } = await otpLogin({
        grant_type: OTP_EMAIL,
        email: 'ada@example.com',
        otp_token: otpToken,
        otp,
      });

      expect(status).toBe(200);
    });

    it('answers the documented errors', async () => {
      const sms = await sendOtp(emulator, { usage: 'login', phone_number: '13812341234' });
      const stranger = await sendOtp(emulator, { usage: 'login', phone_number: '13900001111' });
      const base = {
        grant_type: OTP_SMS,
        phone_number: '13812341234',
        otp_token: sms.otpToken,
        otp: sms.otp,
      };
      const expectError = async (fields: Record<string, unknown>, body: unknown) => {
        const response = await otpLogin({ ...base, ...fields });
        expect([response.status, response.json]).toEqual([400, body]);
      };

      await expectError(
        { otp_token: 'nope' },
        { error: 'invalid_grant', error_description: 'Unknown or expired otp_token' },
      );
      await expectError(
        { otp: '1234567' },
        { error: 'invalid_grant', error_description: 'Unknown or expired OTP' },
      );
      await expectError(
        { phone_number: '13900001111' },
        {
          error: 'invalid_request',
          error_description: 'Mismatched OTP token and OTP sending parameters',
        },
      );
      await expectError(
        { auth_source_id: 'other' },
        {
          error: 'invalid_auth_source',
          error_description: 'Auth source and application not associated',
        },
      );
      await expectError(
        { phone_number: '13900001111', otp_token: stranger.otpToken, otp: stranger.otp },
        { error: 'invalid_grant', error_description: 'User not found' },
      );
      await managementRequest(emulator, 'UpdateUserStatus', { UserId: ada.UserId, Status: 'LOCK' });
      await expectError({}, { error: 'invalid_grant', error_description: 'Abnormal user status' });
    });

    it('creates the user with auto_signup=true, visible through the management API', async () => {
      const { otpToken, otp } = await sendOtp(emulator, {
        usage: 'login',
        phone_number: '13900001111',
      });

      const { status, json } = await otpLogin({
        grant_type: OTP_SMS,
        phone_number: '13900001111',
        otp_token: otpToken,
        otp,
        auto_signup: true,
      });

      const { Users } = await managementRequest(emulator, 'ListUserByProperty', {
        PropertyCode: 'phoneNumber',
        PropertyValue: '13900001111',
        Original: true,
      });
      expect(status).toBe(200);
      expect(Users).toHaveLength(1);
      expect(Users[0].PhoneNumber).toBe('13900001111');
      expect(await client.fetchUserInfo(config, json.access_token, Users[0].UserId)).toMatchObject({
        phone_number: '13900001111',
      });
    });
  });
});
