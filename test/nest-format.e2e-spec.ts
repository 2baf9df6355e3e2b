import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ConflictException, Controller, Get } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CIAM_ERROR_CATALOG, CiamErrorsModule, CiamException } from '../lib/index.js';
import { BUILT_IN_TEXTS } from '../lib/locale/built-in-texts.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';

// format: 'nest' is NestJS 12's own error body: an app that answers its own HttpExceptions with
// `errorCode` and CIAM errors through the package gets one contract.

const TEXT = CIAM_ERROR_CATALOG['FailedOperation.UserNameAlreadyExists'].messages.en;

@Controller('accounts')
class AccountsController {
  /** The app's own error, with NestJS 12's machine-readable code. */
  @Get('own')
  own(): never {
    throw new ConflictException(TEXT, { errorCode: 'FailedOperation.UserNameAlreadyExists' });
  }

  @Get('ciam')
  ciam(): never {
    throw new CiamException('FailedOperation.UserNameAlreadyExists', { requestId: 'req-1' });
  }
}

describe.each(PLATFORMS)("format: 'nest' on $name", (platform) => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await startApp(platform, {
      imports: [CiamErrorsModule.forRoot({ logger: false, format: 'nest' })],
      controllers: [AccountsController],
    });
  });
  afterAll(() => app.close());

  it('answers a CIAM error with the body Nest gives its own exception, and the requestId', async () => {
    const own = await request(app.getHttpServer()).get('/accounts/own');
    const ciam = await request(app.getHttpServer()).get('/accounts/ciam');
    expect(ciam.status).toBe(own.status);
    // Same keys, in the same order, with the same values; then the upstream RequestId.
    expect(ciam.text).toBe(`${own.text.slice(0, -1)},"requestId":"req-1"}`);
    expect(JSON.parse(ciam.text)).toEqual({
      message: TEXT,
      error: 'Conflict',
      statusCode: 409,
      errorCode: 'FailedOperation.UserNameAlreadyExists',
      requestId: 'req-1',
    });
    expect(ciam.headers['content-type']).toBe('application/json; charset=utf-8');
  });

  it('localizes message and error, keeping errorCode', async () => {
    const res = await request(app.getHttpServer())
      .get('/accounts/ciam')
      .set('Accept-Language', 'ja');
    expect(res.headers['content-language']).toBe('ja');
    expect(res.body).toEqual({
      message: CIAM_ERROR_CATALOG['FailedOperation.UserNameAlreadyExists'].messages.ja,
      error: BUILT_IN_TEXTS.ja.titles[409],
      statusCode: 409,
      errorCode: 'FailedOperation.UserNameAlreadyExists',
      requestId: 'req-1',
    });
  });
});
