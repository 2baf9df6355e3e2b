import { Logger } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import { ExpressAdapter } from '@nestjs/platform-express';
import { Test } from '@nestjs/testing';
import type { AddressInfo } from 'node:net';
import { io } from 'socket.io-client';
import request from 'supertest';
import { loadApolloDriver } from './fixtures/apollo-express.js';

// The sample's GraphQL query and gateway event, end to end through the real SDK and the
// emulator: each answers an unknown user as the REST route does, in its own form.

await loadApolloDriver();
const { AppModule } = await import('../sample/src/app.module.js');
const { UsersGraphqlModule } = await import('../sample/src/graphql/users-graphql.module.js');

describe('sample app over GraphQL and socket.io', () => {
  let app: INestApplication;
  let port: number;
  beforeAll(async () => {
    process.env.CIAM_TIMEOUT_SECONDS = '1';
    delete process.env.CIAM_ENDPOINT;
    const moduleRef = await Test.createTestingModule({
      imports: [AppModule, UsersGraphqlModule],
    }).compile();
    app = moduleRef.createNestApplication(new ExpressAdapter(), { logger: false });
    await app.listen(0, '127.0.0.1');
    port = (app.getHttpServer().address() as AddressInfo).port;
  });
  afterAll(() => app.close());

  /** What the REST route answers for an unknown user, in Simplified Chinese. */
  async function restProblem() {
    const res = await request(app.getHttpServer())
      .get('/users/no-such-user')
      .set('Accept-Language', 'zh-CN');
    expect(res.status).toBe(404);
    return JSON.parse(res.text) as { code: string; detail: string; status: number };
  }

  it('answers `user(id)` for an unknown user with the REST route’s code, status and text', async () => {
    const res = await request(app.getHttpServer())
      .post('/graphql')
      .set('Accept-Language', 'zh-CN')
      .send({ query: '{ user(id: "no-such-user") { id userName } }' });
    const rest = await restProblem();
    expect(res.status).toBe(200);
    expect(res.body.data).toEqual({ user: null });
    expect(res.body.errors).toHaveLength(1);
    expect(res.body.errors[0]).toMatchObject({
      message: rest.detail,
      path: ['user'],
      extensions: { code: 'FailedOperation.UserNotFound', status: 404 },
    });
    expect(res.body.errors[0].extensions.requestId).toMatch(/^[0-9a-f-]{36}$/);
  });

  it('answers the `user.get` event for an unknown user with the `exception` event', async () => {
    const socket = io(`http://127.0.0.1:${port}`, {
      transports: ['websocket'],
      extraHeaders: { 'accept-language': 'zh-CN' },
      forceNew: true,
    });
    try {
      const exception = await new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error('no exception event within 3 s')), 3000);
        socket.once('exception', (data: unknown) => {
          clearTimeout(timer);
          resolve(data);
        });
        socket.emit('user.get', 'no-such-user');
      });
      const rest = await restProblem();
      expect(exception).toEqual({
        status: 'error',
        statusCode: 404,
        code: 'FailedOperation.UserNotFound',
        message: rest.detail,
        requestId: expect.stringMatching(/^[0-9a-f-]{36}$/),
      });
    } finally {
      socket.close();
    }
  });
});

// Keep the Nest logger quiet.
Logger.overrideLogger(false);
