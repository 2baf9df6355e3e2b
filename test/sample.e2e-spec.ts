import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CIAM_AUTH_ERROR_CATALOG, CiamErrorPresets } from '../lib/index.js';
import type { CiamEmulator } from '../lib/testing/index.js';
import { AppModule } from '../sample/src/app.module.js';
import type { CiamConnection } from '../sample/src/ciam/ciam-connection.js';
import { CIAM_CONNECTION } from '../sample/src/ciam/ciam.constants.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';

const UUID = /^[0-9a-f-]{36}$/;
/** Headers that differ between any two responses. */
const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive']);

/**
 * Everything a client can observe of an answer, less the per-response headers. CIAM gives every
 * call its own RequestId, which a problem body carries: only its value is masked (an answer with
 * a requestId and one without still differ), and Express's ETag, a hash of that body, with it.
 */
function observable(res: request.Response) {
  const body = res.text.replace(/"requestId":"[0-9a-f-]{36}"/, '"requestId":"<RequestId>"');
  const hashesRequestId = body !== res.text;
  const headers = Object.fromEntries(
    Object.entries(res.headers).filter(
      ([name]) => !PER_RESPONSE.has(name) && !(hashesRequestId && name === 'etag'),
    ),
  );
  return { status: res.status, headers, body };
}

/**
 * The sample app end to end: HTTP → controller → the official SDK's typed client
 * (ciam.v20220331.Client) → the emulator → the SDK's exception → CiamExceptionFilter → HTTP.
 */
describe.each(PLATFORMS)(
  'sample app through the real SDK and the emulator on $name',
  (platform) => {
    let app: INestApplication;
    let emulator: CiamEmulator;
    const http = () => request(app.getHttpServer());
    const body = (res: request.Response) => JSON.parse(res.text) as Record<string, unknown>;
    let phones = 0;
    /** A complete sign-up (CreateUserRequest requires all four fields), unique per name. */
    const signUp = (name: string, fields: Record<string, string> = {}) => ({
      userName: name,
      email: `${name}@example.com`,
      phoneNumber: `1380000${String(++phones).padStart(4, '0')}`,
      password: 'Secret-123',
      ...fields,
    });
    const createUser = async (name: string, fields?: Record<string, string>) => {
      const res = await http().post('/users').send(signUp(name, fields));
      expect(res.status).toBe(201);
      return res.body.id as string;
    };
    const freeze = async (id: string) =>
      expect((await http().patch(`/users/${id}/status`).send({ status: 'FREEZE' })).status).toBe(
        204,
      );

    beforeAll(async () => {
      process.env.CIAM_TIMEOUT_SECONDS = '1';
      delete process.env.CIAM_ENDPOINT;
      app = await startApp(platform, { imports: [AppModule] });
      emulator = app.get<CiamConnection>(CIAM_CONNECTION).emulator!;
      expect(emulator).toBeDefined();
    });
    afterEach(() => emulator.reset());
    afterAll(() => app.close());

    it('signs up and reads a user (success path)', async () => {
      const id = await createUser('alice');
      const res = await http().get(`/users/${id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, userName: 'alice', status: 'NORMAL' });
    });

    it('sign-up with a taken user name: 409 SignUpConflict, in Simplified Chinese', async () => {
      await createUser('alice');
      const res = await http()
        .post('/users')
        .set('Accept-Language', 'zh-CN,zh;q=0.9')
        .send(signUp('alice'));
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(res.headers['content-language']).toBe('zh-CN');
      expect(body(res)).toMatchObject({
        code: 'SignUpConflict',
        status: 409,
        detail: CiamErrorPresets.signUp['FailedOperation.UserNameAlreadyExists'].message['zh-CN'],
      });
      expect(body(res).requestId).toMatch(UUID);
      expect(res.text).not.toMatch(/UserName|用户名/);
    });

    it('sign-up with a taken email: the same 409, naming no field, in zh-TW for zh-HK', async () => {
      await createUser('a', { email: 'same@example.com' });
      const email = await http()
        .post('/users')
        .set('Accept-Language', 'zh-HK')
        .send(signUp('b', { email: 'same@example.com' }));
      expect(email.status).toBe(409);
      expect(email.headers['content-language']).toBe('zh-TW');
      expect(body(email).code).toBe('SignUpConflict');
      // CIAM answered EmailAlreadyExists here and UserNameAlreadyExists there: same answer.
      const userName = await http()
        .post('/users')
        .set('Accept-Language', 'zh-HK')
        .send(signUp('a'));
      expect(observable(email)).toEqual(observable(userName));
    });

    it('400 FailedOperation.UserNameIsNull: every field present, no identifier', async () => {
      const res = await http()
        .post('/users')
        .send(signUp('', { email: '', phoneNumber: '', password: 'x' }));
      expect(res.status).toBe(400);
      expect(body(res).code).toBe('FailedOperation.UserNameIsNull');
    });

    it('sign-up without every required field: 400 from the route, before CIAM', async () => {
      // JSON drops an undefined field: this body has no password.
      const partial = { ...signUp('nopassword'), password: undefined };
      for (const req of [http().post('/users').send(partial), http().post('/users')]) {
        const res = await req;
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(res.body.code).toBeUndefined();
      }
    });

    it('404 FailedOperation.UserNotFound on an admin read', async () => {
      const missing = await http().get('/users/no-such-user');
      expect(missing.status).toBe(404);
      expect(body(missing).code).toBe('FailedOperation.UserNotFound');
    });

    it.each(['en', 'zh-TW'])(
      'sign-in: an unknown and a frozen user get the same 401 InvalidCredentials (%s)',
      async (locale) => {
        const active = await createUser('active');
        const frozen = await createUser('frozen');
        await freeze(frozen);
        const signIn = (userId: string) =>
          http().post('/sessions').set('Accept-Language', locale).send({ userId });

        expect((await signIn(active)).status).toBe(201);
        const unknown = await signIn('no-such-user'); // CIAM: FailedOperation.UserNotFound
        const locked = await signIn(frozen); // the app: FailedOperation.UserIsFreeze
        expect(unknown.status).toBe(401);
        expect(body(unknown)).toMatchObject({
          code: 'InvalidCredentials',
          detail: CiamErrorPresets.signIn['FailedOperation.UserNotFound'].message[locale as 'en'],
        });
        // Both carry a RequestId of their own CIAM call; the rest is byte for byte the same.
        expect(body(unknown).requestId).toMatch(UUID);
        expect(body(locked).requestId).toMatch(UUID);
        expect(locked.status).toBe(unknown.status);
        expect(locked.headers['content-type']).toBe(unknown.headers['content-type']);
        expect(observable(locked)).toEqual(observable(unknown));
      },
    );

    it('password reset: an unknown or frozen user gets exactly the success answer', async () => {
      const id = await createUser('forgetful');
      const real = await http().post(`/users/${id}/password-reset`);
      expect(real.status).toBe(202);
      expect(real.text).toBe('');
      const unknown = await http()
        .post('/users/no-such-user/password-reset')
        .set('Accept-Language', 'zh-CN');
      expect(observable(unknown)).toEqual(observable(real));
      const frozen = await createUser('frozen');
      await freeze(frozen);
      const reset = await http().post(`/users/${frozen}/password-reset`);
      expect(observable(reset)).toEqual(observable(real));
    });

    it('400 FailedOperation.InvalidUserStatusEnum and UserStatusRequired', async () => {
      const id = await createUser('status');
      const invalid = await http().patch(`/users/${id}/status`).send({ status: 'ASLEEP' });
      expect(invalid.status).toBe(400);
      expect(body(invalid).code).toBe('FailedOperation.InvalidUserStatusEnum');
      const missing = await http().patch(`/users/${id}/status`).send({});
      expect(body(missing).code).toBe('FailedOperation.UserStatusRequired');
    });

    it('linking: 404 PrimaryUserNotFound, 409 AccountAlreadyBeLinked', async () => {
      const primary = await createUser('p');
      const secondary = await createUser('s');
      const unknown = await http().post('/users/nobody/links').send({ secondaryUserId: secondary });
      expect(unknown.status).toBe(404);
      expect(body(unknown).code).toBe('FailedOperation.PrimaryUserNotFound');
      expect(
        (await http().post(`/users/${primary}/links`).send({ secondaryUserId: secondary })).status,
      ).toBe(204);
      const again = await http()
        .post(`/users/${primary}/links`)
        .send({ secondaryUserId: secondary });
      expect(again.status).toBe(409);
      expect(body(again).code).toBe('FailedOperation.AccountAlreadyBeLinked');
    });

    it('search: 400 FailedOperation.QueryUsersParameterMustInWhitelist', async () => {
      await createUser('findme');
      const ok = await http().get('/users').query({ userName: 'findme' });
      expect(ok.status).toBe(200);
      expect(ok.body.total).toBe(1);
      const bad = await http().get('/users').query({ password: 'x' });
      expect(bad.status).toBe(400);
      expect(body(bad).code).toBe('FailedOperation.QueryUsersParameterMustInWhitelist');
    });

    it('imports: 400 ImportUserIsEmpty, 429 DataFlowTooManyRequests with Retry-After', async () => {
      const empty = await http().post('/imports').send({ users: [] });
      expect(empty.status).toBe(400);
      expect(body(empty).code).toBe('FailedOperation.ImportUserIsEmpty');
      for (const name of ['i1', 'i2']) {
        expect(
          (
            await http()
              .post('/imports')
              .send({ users: [{ userName: name }] })
          ).status,
        ).toBe(202);
      }
      const third = await http()
        .post('/imports')
        .send({ users: [{ userName: 'i3' }] });
      expect(third.status).toBe(429);
      expect(body(third).code).toBe('FailedOperation.DataFlowTooManyRequests');
      expect(third.headers['retry-after']).toBe('60');
    });

    it('hides operator-side failures: AuthFailure.SecretIdNotFound → 500, nothing leaked', async () => {
      emulator.failNext('AuthFailure.SecretIdNotFound');
      const res = await http().get('/users/anyone');
      expect(res.status).toBe(500);
      expect(body(res).code).toBe('InternalServerError');
      expect(res.text).not.toMatch(/AuthFailure|SecretId|key/i);
    });

    it('429 RequestLimitExceeded when the emulator rate-limits', async () => {
      emulator.failNext('RequestLimitExceeded.UinLimitExceeded');
      const res = await http().get('/users/anyone');
      expect(res.status).toBe(429);
      expect(body(res).code).toBe('RequestLimitExceeded');
      expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    });

    it('502 BadGateway when CIAM answers a non-200 status', async () => {
      emulator.failNext({ httpStatus: 503 });
      const res = await http().get('/users/anyone');
      expect(res.status).toBe(502);
      expect(body(res).code).toBe('BadGateway');
    });

    it('504 GatewayTimeout when CIAM does not answer in time', async () => {
      emulator.failNext({ hang: true });
      const res = await http().get('/users/anyone');
      expect(res.status).toBe(504);
      expect(body(res).code).toBe('GatewayTimeout');
      expect(res.text).not.toContain(emulator.endpoint);
    });

    describe('sign-in through the tenant host with openid-client', () => {
      const PASSWORD = 'Secret-123';
      const signIn = (username: string, password = PASSWORD, locale = 'en') =>
        http().post('/auth/sessions').set('Accept-Language', locale).send({ username, password });
      const tokensOf = async (username: string, password = PASSWORD) => {
        const res = await signIn(username, password);
        expect(res.status).toBe(201);
        return res.body as { access_token: string; refresh_token: string };
      };
      const me = (token: string) => http().get('/auth/me').set('Authorization', `Bearer ${token}`);
      const changePassword = (token: string, oldPassword: string, newPassword: string) =>
        http()
          .post('/auth/password')
          .set('Authorization', `Bearer ${token}`)
          .send({ oldPassword, newPassword });
      const INVALID_TOKEN = 'Bearer error="invalid_token"';

      it('password grant: signs in with the user name, the email or the phone number', async () => {
        await createUser('ada', { phoneNumber: '13900000001' });
        for (const username of ['ada', 'ada@example.com', '13900000001']) {
          const res = await signIn(username);
          expect(res.status).toBe(201);
          expect(res.body).toEqual({
            access_token: expect.any(String),
            token_type: expect.stringMatching(/^bearer$/i),
            expires_in: 300,
            refresh_token: expect.any(String),
            id_token: expect.any(String),
            scope: 'openid',
          });
        }
      });

      it('/auth/me with the access token: the user of the token', async () => {
        const id = await createUser('ada');
        const res = await me((await tokensOf('ada')).access_token);
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          sub: id,
          preferred_username: 'ada',
          email: 'ada@example.com',
        });
      });

      it('refresh: a new access token; the spent refresh token is 401 invalid_grant', async () => {
        const id = await createUser('ada');
        const first = await tokensOf('ada');
        const refreshed = await http()
          .post('/auth/sessions/refresh')
          .send({ refresh_token: first.refresh_token });
        expect(refreshed.status).toBe(200);
        expect(refreshed.body.access_token).toEqual(expect.any(String));
        expect(refreshed.body.refresh_token).not.toBe(first.refresh_token);
        expect((await me(refreshed.body.access_token)).body.sub).toBe(id);

        // CIAM rotates refresh tokens: the first one is spent.
        const spent = await http()
          .post('/auth/sessions/refresh')
          .set('Accept-Language', 'zh-CN')
          .send({ refresh_token: first.refresh_token });
        expect(spent.status).toBe(401);
        expect(spent.headers['content-language']).toBe('zh-CN');
        expect(body(spent)).toEqual({
          type: 'about:blank',
          title: expect.any(String),
          status: 401,
          code: 'invalid_grant',
          detail: CIAM_AUTH_ERROR_CATALOG.invalid_grant.messages['zh-CN'],
          instance: '/auth/sessions/refresh',
        });
        expect(spent.headers['www-authenticate']).toBeUndefined();
      });

      it('change password: 204, then the new password signs in and the old one no more', async () => {
        await createUser('ada');
        const { access_token: token } = await tokensOf('ada');
        const wrongOld = await changePassword(token, 'not-my-password', 'N3w-Secret-456');
        expect(wrongOld.status).toBe(400);
        expect(body(wrongOld)).toMatchObject({
          code: 'wrong_old_password',
          detail: CIAM_AUTH_ERROR_CATALOG.wrong_old_password.messages.en,
        });

        const changed = await changePassword(token, PASSWORD, 'N3w-Secret-456');
        expect(changed.status).toBe(204);
        expect(changed.text).toBe('');
        expect((await signIn('ada', 'N3w-Secret-456')).status).toBe(201);
        const old = await signIn('ada', PASSWORD);
        expect(old.status).toBe(401);
        expect(body(old).code).toBe('InvalidCredentials');
      });

      it.each(['en', 'zh-CN', 'ja'])(
        'a wrong password, an unknown and a frozen user get the very same 401 (%s)',
        async (locale) => {
          await createUser('ada');
          await freeze(await createUser('frozen'));
          expect((await signIn('ada')).status).toBe(201);
          expect((await signIn('frozen@example.com', PASSWORD)).status).toBe(401);

          const wrong = await signIn('ada', 'not-her-password', locale);
          const unknown = await signIn('nobody', 'not-her-password', locale);
          // The right password: CIAM says "Abnormal user status", the others "Wrong username or
          // password"; all three are invalid_grant, answered alike by the signIn preset.
          const frozen = await signIn('frozen', PASSWORD, locale);
          expect(wrong.status).toBe(401);
          expect(wrong.headers['content-type']).toBe('application/problem+json; charset=utf-8');
          expect(wrong.headers['content-language']).toBe(locale);
          expect(body(wrong)).toEqual({
            type: 'about:blank',
            title: expect.any(String),
            status: 401,
            code: 'InvalidCredentials',
            detail: CiamErrorPresets.signIn.invalid_grant.message[locale as 'en'],
            instance: '/auth/sessions',
          });
          expect(wrong.headers['www-authenticate']).toBeUndefined();
          // No RequestId on the tenant host's answers: nothing masked, ETag included.
          expect(observable(wrong).body).toBe(wrong.text);
          expect(observable(unknown)).toEqual(observable(wrong));
          expect(observable(frozen)).toEqual(observable(wrong));
        },
      );

      it('a bad, an expired or no token: 401 invalid_token with WWW-Authenticate', async () => {
        await createUser('ada');
        const { access_token: token } = await tokensOf('ada');
        const bad = await me('not-a-token').set('Accept-Language', 'ko');
        expect(bad.status).toBe(401);
        expect(bad.headers['www-authenticate']).toBe(INVALID_TOKEN);
        expect(bad.headers['content-language']).toBe('ko');
        expect(body(bad)).toMatchObject({
          code: 'invalid_token',
          detail: CIAM_AUTH_ERROR_CATALOG.invalid_token.messages.ko,
        });
        // No token at all: the app answers as CIAM does for a bad one.
        const none = await http().get('/auth/me').set('Accept-Language', 'ko');
        expect(observable(none)).toEqual(observable(bad));
        const basic = await http()
          .get('/auth/me')
          .set('Accept-Language', 'ko')
          .set('Authorization', 'Basic YWRhOnB3');
        expect(observable(basic)).toEqual(observable(bad));

        // The same challenge from /change_user_password, which openid-client reads itself.
        const password = await changePassword('not-a-token', PASSWORD, 'N3w-Secret-456');
        expect(password.status).toBe(401);
        expect(password.headers['www-authenticate']).toBe(INVALID_TOKEN);
        expect(body(password).code).toBe('invalid_token');

        // Past the access token's 300 s.
        expect((await me(token)).status).toBe(200);
        emulator.advanceAuthClock(301);
        const expired = await me(token);
        expect(expired.status).toBe(401);
        expect(expired.headers['www-authenticate']).toBe(INVALID_TOKEN);
      });

      it('a body without its fields: 400 from the route, before CIAM', async () => {
        const res = await http().post('/auth/sessions').send({ username: 'ada' });
        expect(res.status).toBe(400);
        expect(res.body).toMatchObject({ statusCode: 400, error: 'Bad Request' });
        expect(res.body.code).toBeUndefined();
      });

      it('504 GatewayTimeout when the tenant host does not answer in time', async () => {
        emulator.failNext({ hang: true }, { endpoint: 'token' });
        const res = await signIn('ada');
        expect(res.status).toBe(504);
        expect(body(res).code).toBe('GatewayTimeout');
        expect(res.text).not.toContain(emulator.issuer);
      });

      it('502 BadGateway when a gateway in front of the tenant host answers an HTML 502', async () => {
        emulator.failNext(
          { httpStatus: 502, contentType: 'text/html', body: '<html>Bad Gateway</html>' },
          { endpoint: 'userinfo' },
        );
        const res = await me('any-token');
        expect(res.status).toBe(502);
        expect(body(res).code).toBe('BadGateway');
        expect(res.text).not.toContain('<html>');
      });
    });
  },
);
