import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { Controller, Get, Param } from '@nestjs/common';
import type { INestApplication } from '@nestjs/common';
import request from 'supertest';
import { CIAM_ERROR_CATALOG, CiamErrorsModule, CiamException } from '../lib/index.js';
import type { CiamErrorCode } from '../lib/index.js';
import { PLATFORMS, startApp } from './fixtures/platforms.js';

// Over HTTP: Content-Language names the language the answer's text is in, for the built-in
// Japanese and Korean and for a locale the app adds with only some texts.

@Controller('fail')
class FailController {
  @Get(':code')
  fail(@Param('code') code: CiamErrorCode): never {
    throw new CiamException(code);
  }
}

describe.each(PLATFORMS)('locales over HTTP on $name', (platform) => {
  let app: INestApplication;
  beforeAll(async () => {
    app = await startApp(platform, {
      imports: [
        CiamErrorsModule.forRoot({
          logger: false,
          messages: { fr: { 'FailedOperation.UserNotFound': 'Nous ne trouvons pas ce compte.' } },
          titles: { fr: { 404: 'Introuvable' } },
        }),
      ],
      controllers: [FailController],
    });
  });
  afterAll(() => app.close());

  const get = (code: string, language: string) =>
    request(app.getHttpServer()).get(`/fail/${code}`).set('Accept-Language', language);

  it.each([
    ['ja-JP,ja;q=0.9', 'ja'],
    ['ko-KR', 'ko'],
  ] as const)('answers %s in %s', async (header, locale) => {
    const res = await get('FailedOperation.UserIsFreeze', header);
    expect(res.headers['content-language']).toBe(locale);
    expect(res.body.detail).toBe(
      CIAM_ERROR_CATALOG['FailedOperation.UserIsFreeze'].messages[locale],
    );
  });

  it("names the added locale where its text answers, and the fallback's where it does not", async () => {
    const own = await get('FailedOperation.UserNotFound', 'fr');
    expect(own.headers['content-language']).toBe('fr');
    expect([own.body.title, own.body.detail]).toEqual([
      'Introuvable',
      'Nous ne trouvons pas ce compte.',
    ]);
    const fallback = await get('FailedOperation.UserIsFreeze', 'fr');
    expect(fallback.headers['content-language']).toBe('en');
    expect([fallback.body.title, fallback.body.detail]).toEqual([
      'Forbidden',
      CIAM_ERROR_CATALOG['FailedOperation.UserIsFreeze'].messages.en,
    ]);
  });
});
