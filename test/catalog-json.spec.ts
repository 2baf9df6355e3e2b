import { describe, expect, it } from '@jest/globals';
import type { ArgumentsHost } from '@nestjs/common';
import { renderBody } from '../lib/transports/http-body.util.js';
import { CIAM_AUTH_ERROR_CATALOG, CIAM_ERROR_CATALOG } from '../lib/catalog/ciam-error-catalog.js';
import type {
  CiamBuiltInLocale,
  CiamErrorCode,
} from '../lib/catalog/ciam-error-catalog.interface.js';
import { codeAndAncestors } from '../lib/catalog/ciam-code.util.js';
import { CIAM_PUBLIC_CODES } from '../lib/client/index.js';
import { CiamException } from '../lib/extraction/ciam.exception.js';
import { BUILT_IN_TEXTS } from '../lib/locale/built-in-texts.js';
import type { CiamGenericStatus } from '../lib/locale/locale-texts.interface.js';
import { genericCodeOf } from '../lib/locale/status-text.util.js';
import { CiamErrorMapper } from '../lib/mapper/ciam-error-mapper.service.js';
import { CiamErrorPresets } from '../lib/presets/ciam-error-presets.js';
import { sdkNetworkException, sdkTimeoutException } from '../lib/testing/test-helpers.js';
import { buildCatalogJson } from '../scripts/build-catalog-json.mjs';

// The same generator `npm run build` runs on dist/index.js, here on the sources.
const json = buildCatalogJson({
  CIAM_ERROR_CATALOG,
  CIAM_AUTH_ERROR_CATALOG,
  CiamErrorMapper,
  CiamErrorPresets,
});
const LOCALES = Object.keys(BUILT_IN_TEXTS) as CiamBuiltInLocale[];
const CODES = Object.keys(CIAM_ERROR_CATALOG) as CiamErrorCode[];

/** What a client sees for a code, from the catalog alone (docs/how-it-decides.md). */
function expectedPublicCode(code: CiamErrorCode): string {
  for (const candidate of codeAndAncestors(code)) {
    if (CIAM_ERROR_CATALOG[candidate as CiamErrorCode]?.expose) return candidate;
  }
  return genericCodeOf(CIAM_ERROR_CATALOG[code].status);
}

const genericTexts = (status: number) =>
  Object.fromEntries(
    LOCALES.map((locale) => [locale, BUILT_IN_TEXTS[locale].generic[status as CiamGenericStatus]]),
  );

describe('catalog.json', () => {
  it('is plain JSON with the built-in locales', () => {
    expect(JSON.parse(JSON.stringify(json))).toEqual(json);
    expect(json.locales).toEqual(['en', 'zh-CN', 'zh-TW', 'ja', 'ko']);
  });

  it('has every catalog code, in catalog order, with its defaults', () => {
    expect(Object.keys(json.codes)).toEqual(CODES);
    for (const code of CODES) {
      const { status, expose, retryable } = CIAM_ERROR_CATALOG[code];
      expect([code, json.codes[code]]).toEqual([
        code,
        expect.objectContaining({ status, expose, retryable }),
      ]);
    }
  });

  it('gives the public code and the texts a client gets: its own, a shown parent, or generic', () => {
    for (const code of CODES) {
      const { publicCode, messages } = json.codes[code]!;
      expect([code, publicCode]).toEqual([code, expectedPublicCode(code)]);
      const expected =
        publicCode in CIAM_ERROR_CATALOG && CIAM_ERROR_CATALOG[publicCode as CiamErrorCode].expose
          ? CIAM_ERROR_CATALOG[publicCode as CiamErrorCode].messages
          : genericTexts(CIAM_ERROR_CATALOG[code].status);
      expect([code, messages]).toEqual([code, expected]);
    }
    // Spot checks of the three cases.
    expect(json.codes['FailedOperation.UserNotFound']!.publicCode).toBe(
      'FailedOperation.UserNotFound',
    );
    expect(json.codes['RequestLimitExceeded.UinLimitExceeded']!.publicCode).toBe(
      'RequestLimitExceeded',
    );
    expect(json.codes['AuthFailure.SignatureFailure']).toMatchObject({
      status: 500,
      expose: false,
      publicCode: 'InternalServerError',
      messages: { en: BUILT_IN_TEXTS.en.generic[500] },
    });
  });

  it('matches resolve exactly, in every locale', () => {
    const mapper = new CiamErrorMapper({ logger: false });
    for (const code of CODES) {
      for (const locale of LOCALES) {
        const problem = mapper.resolve(new CiamException(code), { locale })!;
        expect([
          code,
          locale,
          json.codes[code]!.publicCode,
          json.codes[code]!.messages[locale],
        ]).toEqual([code, locale, problem.code, problem.detail]);
      }
    }
    for (const failure of [sdkTimeoutException(), sdkNetworkException()]) {
      const problem = mapper.resolve(failure, { locale: 'zh-TW' })!;
      expect(json.generic[problem.code]).toEqual({
        status: problem.status,
        messages: expect.objectContaining({ 'zh-TW': problem.detail }),
      });
    }
  });

  it('lists the generic codes of hidden codes and transport failures with their texts', () => {
    expect(Object.keys(json.generic).sort()).toEqual(
      ['BadGateway', 'GatewayTimeout', 'InternalServerError', 'ServiceUnavailable'].sort(),
    );
    for (const [code, { status, messages }] of Object.entries(json.generic)) {
      expect([code, status]).toEqual([genericCodeOf(status), status]);
      expect(messages).toEqual(genericTexts(status));
    }
  });

  it("lists the presets' own codes with the upstream codes they answer", () => {
    expect(json.presets).toEqual({
      InvalidCredentials: {
        preset: 'signIn',
        status: 401,
        codes: Object.keys(CiamErrorPresets.signIn),
        messages: CiamErrorPresets.signIn['FailedOperation.UserNotFound'].message,
      },
      SignUpConflict: {
        preset: 'signUp',
        status: 409,
        codes: Object.keys(CiamErrorPresets.signUp),
        messages: CiamErrorPresets.signUp['FailedOperation.UserNameAlreadyExists'].message,
      },
    });
  });

  it('names the fields of both body formats as servers write them', () => {
    for (const format of ['problem', 'nest'] as const) {
      const mapper = new CiamErrorMapper({ logger: false, format });
      const body = (error: unknown) =>
        Object.keys(
          JSON.parse(
            renderBody(mapper.resolve(error)!, '/', mapper.options, {} as ArgumentsHost).body,
          ) as object,
        );
      const all = body(new CiamException('ResourceNotFound', { requestId: 'req-1' }));
      const required = body(new CiamException('ResourceNotFound'));
      expect(json.formats[format]).toEqual(
        all.map((key) => (required.includes(key) ? key : `${key}?`)),
      );
    }
  });

  it('has every error value of the authentication API, with its defaults and endpoints', () => {
    expect(Object.keys(json.authCodes)).toEqual(Object.keys(CIAM_AUTH_ERROR_CATALOG));
    for (const [error, entry] of Object.entries(CIAM_AUTH_ERROR_CATALOG)) {
      const { status, expose, retryable, endpoints } = entry;
      expect(json.authCodes[error]).toEqual({
        status,
        expose,
        retryable,
        endpoints,
        publicCode: expose ? error : genericCodeOf(status),
        // Hidden values get the generic text of their status, as clients receive it.
        messages: expose ? entry.messages : genericTexts(status),
      });
    }
  });

  it('names the same public codes as nestjs-ciam-errors/client', () => {
    const named = new Set([
      ...Object.values(json.codes).map(({ publicCode }) => publicCode),
      ...Object.values(json.authCodes).map(({ publicCode }) => publicCode),
      ...Object.keys(json.generic),
      ...Object.keys(json.presets),
    ]);
    expect([...named].sort()).toEqual([...CIAM_PUBLIC_CODES].sort());
  });
});
