import { BadRequestException, Controller, Get, HttpException } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CiamErrorsModule, extractCiamError } from '../lib/index.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';
import { envelope } from './fixtures/sdk-errors.js';

/** HttpExceptions that carry what a CIAM error carries: they stay the app's own errors. */
const lookalikes = {
  ids: () => Object.assign(new BadRequestException('Bad name'), { requestId: 'r', traceId: 't' }),
  envelope: () => new HttpException({ data: envelope('FailedOperation.UserNotFound') }, 418),
  body: () => new HttpException(envelope('FailedOperation.UserNotFound'), 400),
};

@Controller('lookalike')
class LookalikeController {
  @Get('ids')
  ids(): never {
    throw lookalikes.ids();
  }

  @Get('envelope')
  envelope(): never {
    throw lookalikes.envelope();
  }

  @Get('body')
  body(): never {
    throw lookalikes.body();
  }
}

describe('an HttpException is never a CIAM error', () => {
  it.each(Object.entries(lookalikes))('extractCiamError ignores one with %s', (_, make) => {
    expect(extractCiamError(make())).toBeUndefined();
  });

  it('also from another copy of @nestjs/common (duck-typed)', () => {
    const foreign = Object.assign(new Error('Bad Request'), {
      requestId: 'r',
      traceId: 't',
      getStatus: () => 400,
      getResponse: () => ({ statusCode: 400 }),
    });
    expect(extractCiamError(foreign)).toBeUndefined();
  });
});

describe.each(PLATFORMS)('HttpException lookalikes on $name', (platform) => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await startApp(platform, {
      imports: [CiamErrorsModule.forRoot({ logger: false })],
      controllers: [LookalikeController],
    });
  });
  afterAll(() => app.close());

  it.each([
    ['ids', 400],
    ['envelope', 418],
    ['body', 400],
  ])('/%s keeps the status Nest gives it (%i)', async (path, status) => {
    const res = await request(app.getHttpServer()).get(`/lookalike/${path}`);
    expect(res.status).toBe(status);
    expect(res.headers['content-type']).toMatch(/^application\/json/);
    expect(res.body.code).toBeUndefined();
  });
});
