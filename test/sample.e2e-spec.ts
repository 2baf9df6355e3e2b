import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { CiamEmulator } from '../lib/testing/index.js';
import { AppModule } from '../sample/src/app.module.js';
import type { CiamConnection } from '../sample/src/ciam/ciam-connection.js';
import { CIAM_CONNECTION } from '../sample/src/ciam/ciam.constants.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';

/**
 * The sample app end to end: HTTP → controller → the official SDK client → the emulator → the
 * SDK's exception → CiamExceptionFilter → HTTP.
 */
describe.each(PLATFORMS)(
  'sample app through the real SDK and the emulator on $name',
  (platform) => {
    let app: INestApplication;
    let emulator: CiamEmulator;
    const http = () => request(app.getHttpServer());
    const body = (res: request.Response) => JSON.parse(res.text) as Record<string, unknown>;
    const createUser = async (fields: Record<string, string>) => {
      const res = await http().post('/users').send(fields);
      expect(res.status).toBe(201);
      return res.body.id as string;
    };

    beforeAll(async () => {
      process.env.CIAM_TIMEOUT_SECONDS = '1';
      delete process.env.CIAM_ENDPOINT;
      app = await startApp(platform, { imports: [AppModule] });
      emulator = app.get<CiamConnection>(CIAM_CONNECTION).emulator!;
      expect(emulator).toBeDefined();
    });
    afterEach(() => emulator.reset());
    afterAll(() => app.close());

    it('creates and reads a user (success path)', async () => {
      const id = await createUser({ userName: 'alice', email: 'alice@example.com' });
      const res = await http().get(`/users/${id}`);
      expect(res.status).toBe(200);
      expect(res.body).toMatchObject({ id, userName: 'alice', status: 'NORMAL' });
    });

    it('409 FailedOperation.UserNameAlreadyExists, in Simplified Chinese', async () => {
      await createUser({ userName: 'alice' });
      const res = await http()
        .post('/users')
        .set('Accept-Language', 'zh-CN,zh;q=0.9')
        .send({ userName: 'alice' });
      expect(res.status).toBe(409);
      expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
      expect(res.headers['content-language']).toBe('zh-CN');
      expect(body(res)).toMatchObject({
        code: 'FailedOperation.UserNameAlreadyExists',
        status: 409,
      });
      expect(body(res).detail).toMatch(/[\u4e00-\u9fff]/);
      expect(body(res).requestId).toMatch(/^[0-9a-f-]{36}$/);
    });

    it('409 FailedOperation.EmailAlreadyExists, in Traditional Chinese for zh-HK', async () => {
      await createUser({ userName: 'a', email: 'same@example.com' });
      const res = await http()
        .post('/users')
        .set('Accept-Language', 'zh-HK')
        .send({ userName: 'b', email: 'same@example.com' });
      expect(res.status).toBe(409);
      expect(res.headers['content-language']).toBe('zh-TW');
      expect(body(res).code).toBe('FailedOperation.EmailAlreadyExists');
    });

    it('400 FailedOperation.UserNameIsNull', async () => {
      const res = await http().post('/users').send({ password: 'x' });
      expect(res.status).toBe(400);
      expect(body(res).code).toBe('FailedOperation.UserNameIsNull');
    });

    it('404 FailedOperation.UserNotFound, and 401 for the same code on the sign-in route', async () => {
      const missing = await http().get('/users/no-such-user');
      expect(missing.status).toBe(404);
      expect(body(missing).code).toBe('FailedOperation.UserNotFound');
      const signIn = await http().post('/sessions').send({ userId: 'no-such-user' });
      expect(signIn.status).toBe(401);
      expect(body(signIn).code).toBe('FailedOperation.UserNotFound');
    });

    it('frozen account: 403 FailedOperation.UserIsFreeze, 423 AccountLocked on sign-in', async () => {
      const id = await createUser({ userName: 'frozen' });
      expect((await http().patch(`/users/${id}/status`).send({ status: 'FREEZE' })).status).toBe(
        204,
      );
      const reset = await http().post(`/users/${id}/password-reset`);
      expect(reset.status).toBe(403);
      expect(body(reset).code).toBe('FailedOperation.UserIsFreeze');
      const signIn = await http()
        .post('/sessions')
        .set('Accept-Language', 'zh-TW')
        .send({ userId: id });
      expect(signIn.status).toBe(423);
      expect(body(signIn)).toMatchObject({
        code: 'AccountLocked',
        detail: '此帳號已被鎖定，請聯絡客服。',
      });
    });

    it('400 FailedOperation.InvalidUserStatusEnum and UserStatusRequired', async () => {
      const id = await createUser({ userName: 'status' });
      const invalid = await http().patch(`/users/${id}/status`).send({ status: 'ASLEEP' });
      expect(invalid.status).toBe(400);
      expect(body(invalid).code).toBe('FailedOperation.InvalidUserStatusEnum');
      const missing = await http().patch(`/users/${id}/status`).send({});
      expect(body(missing).code).toBe('FailedOperation.UserStatusRequired');
    });

    it('linking: 404 PrimaryUserNotFound, 409 AccountAlreadyBeLinked', async () => {
      const primary = await createUser({ userName: 'p', email: 'p@example.com' });
      const secondary = await createUser({ userName: 's', email: 's@example.com' });
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
      await createUser({ userName: 'findme' });
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
  },
);
