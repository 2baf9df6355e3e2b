import { Body, Controller, HttpCode, Post } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import type { Response } from 'supertest';
import { CiamErrorMap, CiamErrorPresets, CiamErrorsModule, CiamException } from '../lib/index.js';
import type { CiamErrorCode } from '../lib/index.js';
import { BUILT_IN_LOCALES } from './fixtures/locales.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';
import { sdkError } from './fixtures/sdk-errors.js';

/** Each route fails with the code in the body, or succeeds when there is none. */
@Controller('accounts')
class AccountsController {
  @Post('sign-in')
  @CiamErrorMap(CiamErrorPresets.signIn)
  signIn(@Body() body: { code: CiamErrorCode }): never {
    throw new CiamException(body.code);
  }

  @Post('password-resets')
  @HttpCode(202)
  @CiamErrorMap(CiamErrorPresets.passwordReset)
  resetPassword(@Body() body: { code?: string }): void {
    // What the SDK throws, as in a real app.
    if (body.code) throw sdkError(body.code);
  }

  @Post('dry-run')
  dryRun(): never {
    // The catalog's own 2xx: not an override, so still answered as a problem.
    throw new CiamException('DryRunOperation');
  }

  @Post('informational')
  @CiamErrorMap({ 'FailedOperation.UserNotFound': 150 })
  informational(): never {
    throw new CiamException('FailedOperation.UserNotFound');
  }

  @Post('sign-up')
  @CiamErrorMap({ ...CiamErrorPresets.signUp, 'FailedOperation.EmailIsNull': 422 })
  signUp(@Body() body: { code: CiamErrorCode }): never {
    throw new CiamException(body.code);
  }
}

const SIGN_IN_HIDDEN: CiamErrorCode[] = [
  'FailedOperation.UserNotFound',
  'FailedOperation.UserIsFreeze',
  'FailedOperation.PrimaryUserNotFound',
  'FailedOperation.SecondaryUserNotFound',
];
const ALREADY_EXISTS: CiamErrorCode[] = [
  'FailedOperation.UserNameAlreadyExists',
  'FailedOperation.EmailAlreadyExists',
  'FailedOperation.PhoneNumberAlreadyExists',
];
const LOCALES = BUILT_IN_LOCALES;

const PER_RESPONSE = new Set(['date', 'connection', 'keep-alive']);

/** Everything a client can observe, less the headers that differ per response anyway. */
function observable(res: Response) {
  const headers = Object.fromEntries(
    Object.entries(res.headers).filter(([name]) => !PER_RESPONSE.has(name)),
  );
  return { status: res.status, headers, body: res.text };
}

describe.each(PLATFORMS)('CiamErrorPresets on $name', (platform) => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await startApp(platform, {
      imports: [CiamErrorsModule.forRoot({ logger: false })],
      controllers: [AccountsController],
    });
  });
  afterAll(() => app.close());

  const post = (path: string, body: object, locale = 'en') =>
    request(app.getHttpServer()).post(path).set('Accept-Language', locale).send(body);

  it.each(LOCALES)(
    'signIn: every account state answers one and the same 401 in %s',
    async (locale) => {
      const answers = await Promise.all(
        SIGN_IN_HIDDEN.map((code) => post('/accounts/sign-in', { code }, locale)),
      );
      const first = answers[0]!;
      expect(first.status).toBe(401);
      expect(first.body).toMatchObject({ status: 401, code: 'InvalidCredentials' });
      expect(first.body.detail).toBe(
        CiamErrorPresets.signIn['FailedOperation.UserNotFound'].message[locale as 'en'],
      );
      for (const answer of answers) expect(observable(answer)).toEqual(observable(first));
    },
  );

  it('signIn: other errors keep their own answer', async () => {
    const res = await post('/accounts/sign-in', { code: 'RequestLimitExceeded' });
    expect(res.status).toBe(429);
    expect(res.body.code).toBe('RequestLimitExceeded');
  });

  it('passwordReset: an unknown or frozen user gets exactly the success answer', async () => {
    const success = await post('/accounts/password-resets', {});
    expect(success.status).toBe(202);
    for (const code of ['FailedOperation.UserNotFound', 'FailedOperation.UserIsFreeze']) {
      for (const locale of LOCALES) {
        const hidden = await post('/accounts/password-resets', { code }, locale);
        expect(observable(hidden)).toEqual(observable(success));
      }
    }
  });

  it('only an override hides an error: the catalog 2xx (DryRunOperation) is a problem body', async () => {
    const res = await post('/accounts/dry-run', {});
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
    expect(res.body).toMatchObject({ status: 200, code: 'DryRunOperation' });
  });

  it('an override to a 1xx status, which is no final answer, becomes the generic 500', async () => {
    const res = await post('/accounts/informational', {});
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ status: 500, code: 'InternalServerError' });
  });

  it('passwordReset: other errors are still problems', async () => {
    const res = await post('/accounts/password-resets', { code: 'InternalError' });
    expect(res.status).toBe(502);
    expect(res.headers['content-type']).toBe('application/problem+json; charset=utf-8');
  });

  it.each(LOCALES)(
    'signUp: every "already exists" answers one conflict naming no field in %s',
    async (locale) => {
      const answers = await Promise.all(
        ALREADY_EXISTS.map((code) => post('/accounts/sign-up', { code }, locale)),
      );
      const first = answers[0]!;
      expect(first.status).toBe(409);
      expect(first.body.code).toBe('SignUpConflict');
      expect(first.text).not.toMatch(
        /email|phone|user ?name|邮箱|手机|用户名|郵箱|手機|使用者名稱/i,
      );
      for (const answer of answers) expect(observable(answer)).toEqual(observable(first));
    },
  );

  it('signUp spreads into a larger map', async () => {
    const res = await post('/accounts/sign-up', { code: 'FailedOperation.EmailIsNull' });
    expect(res.status).toBe(422);
  });
});
