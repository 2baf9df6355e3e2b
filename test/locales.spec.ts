import { describe, expect, it } from '@jest/globals';
import type { LoggerService } from '@nestjs/common';
import {
  CIAM_AUTH_ERROR_CATALOG,
  CIAM_ERROR_CATALOG,
  CiamAuthException,
  CiamErrorMapper,
  CiamException,
  findMissingCiamTexts,
} from '../lib/index.js';
import type { CiamErrorsModuleOptions } from '../lib/index.js';
import { BUILT_IN_TEXTS } from '../lib/locale/built-in-texts.js';

// The built-in locales are complete, and a locale an app adds never claims a language its text
// is not in: Content-Language (the problem's `locale`) names the language of `detail`.

const LOCALES = Object.keys(BUILT_IN_TEXTS) as (keyof typeof BUILT_IN_TEXTS)[];

describe('the built-in locales', () => {
  it('are en, zh-CN, zh-TW, ja and ko', () => {
    expect(LOCALES).toEqual(['en', 'zh-CN', 'zh-TW', 'ja', 'ko']);
  });

  it.each(LOCALES)('%s has every text en has, none empty, none left in English', (locale) => {
    const en = BUILT_IN_TEXTS.en;
    const texts = BUILT_IN_TEXTS[locale];
    for (const table of ['titles', 'generic', 'codes', 'authCodes'] as const) {
      expect([table, Object.keys(texts[table])]).toEqual([table, Object.keys(en[table])]);
      for (const [key, text] of Object.entries(texts[table]) as [string, string][]) {
        expect([table, key, typeof text === 'string' && text.trim() !== '']).toEqual([
          table,
          key,
          true,
        ]);
      }
    }
    if (locale === 'en') return;
    // A translation, not a copy: no text of a non-English locale is the English one.
    for (const table of ['titles', 'generic', 'codes', 'authCodes'] as const) {
      const english = en[table] as Record<string, string>;
      for (const [key, text] of Object.entries(texts[table]) as [string, string][]) {
        expect([table, key, text]).not.toEqual([table, key, english[key]]);
      }
    }
  });

  it.each([
    ['ja', 'ja'],
    ['ja-JP', 'ja'],
    ['ja-JP,ja;q=0.9,en;q=0.8', 'ja'],
    ['ko-KR', 'ko'],
    ['ko-KR,ko;q=0.9,en-US;q=0.8,en;q=0.7', 'ko'],
    ['en;q=0.5,ko;q=0.9', 'ko'],
    ['ja;q=0.8,ko;q=0.9', 'ko'],
    ['ko;q=0,ja;q=0.1', 'ja'],
    ['ja;q=0,*', 'en'],
    ['fr-FR,ko;q=0.2', 'ko'],
  ])('negotiates Accept-Language %p to %s', (header, locale) => {
    const mapper = new CiamErrorMapper({ logger: false });
    const problem = mapper.resolve(new CiamException('FailedOperation.UserNotFound'), {
      acceptLanguage: header,
    })!;
    expect(problem.locale).toBe(locale);
    expect(problem.detail).toBe(
      CIAM_ERROR_CATALOG['FailedOperation.UserNotFound'].messages[locale as 'en'],
    );
  });

  it('answers the authentication API in ja and ko too', () => {
    const mapper = new CiamErrorMapper({ logger: false });
    for (const locale of ['ja', 'ko'] as const) {
      const problem = mapper.resolve(new CiamAuthException('invalid_grant'), { locale })!;
      expect(problem.detail).toBe(CIAM_AUTH_ERROR_CATALOG.invalid_grant.messages[locale]);
      expect(problem.title).toBe(BUILT_IN_TEXTS[locale].titles[401]);
    }
  });
});

const FRENCH = {
  fr: {
    'FailedOperation.UserNotFound': 'Nous ne trouvons pas ce compte.',
    InternalServerError: 'Un problème est survenu de notre côté. Réessayez plus tard.',
  },
};

function recordingMapper(options: CiamErrorsModuleOptions) {
  const warnings: string[] = [];
  const logger: LoggerService = {
    log() {},
    error() {},
    warn: (line: string) => void warnings.push(line),
  };
  return { mapper: new CiamErrorMapper({ ...options, logger }), warnings };
}

describe('a locale added through messages', () => {
  it("says the language of each answer's detail: its own where it has a text, else the fallback's", () => {
    const { mapper } = recordingMapper({ messages: FRENCH });
    const own = mapper.resolve(new CiamException('FailedOperation.UserNotFound'), {
      locale: 'fr',
    })!;
    expect([own.locale, own.detail]).toEqual(['fr', FRENCH.fr['FailedOperation.UserNotFound']]);
    const missing = mapper.resolve(new CiamException('FailedOperation.UserIsFreeze'), {
      locale: 'fr',
    })!;
    expect([missing.locale, missing.detail]).toEqual([
      'en',
      CIAM_ERROR_CATALOG['FailedOperation.UserIsFreeze'].messages.en,
    ]);
    expect(missing.title).toBe('Forbidden');
    // A hidden code answers with the generic text of its status: the added one where it has it.
    const generic = mapper.resolve(new CiamException('AuthFailure.SignatureFailure'), {
      locale: 'fr',
    })!;
    expect([generic.locale, generic.detail]).toEqual(['fr', FRENCH.fr.InternalServerError]);
  });

  it('takes its titles from the titles option, and says nothing it does not have', () => {
    const { mapper } = recordingMapper({
      messages: FRENCH,
      titles: { fr: { 404: 'Introuvable' } },
    });
    const problem = mapper.resolve(new CiamException('FailedOperation.UserNotFound'), {
      locale: 'fr',
    })!;
    expect([problem.locale, problem.title]).toEqual(['fr', 'Introuvable']);
  });

  it('falls back to the default locale before English', () => {
    const { mapper } = recordingMapper({ messages: FRENCH, defaultLocale: 'ja' });
    const problem = mapper.resolve(new CiamException('FailedOperation.UserIsFreeze'), {
      locale: 'fr',
    })!;
    expect(problem.locale).toBe('ja');
    expect(problem.detail).toBe(CIAM_ERROR_CATALOG['FailedOperation.UserIsFreeze'].messages.ja);
  });

  it('logs one warning at start-up per incomplete locale, with the count and the first codes', () => {
    const { warnings } = recordingMapper({
      messages: { ...FRENCH, de: { 'FailedOperation.UserNotFound': 'Konto nicht gefunden.' } },
    });
    expect(warnings).toHaveLength(2);
    const gaps = findMissingCiamTexts(FRENCH);
    expect(warnings[0]).toContain(`messages["fr"] has no text for ${gaps.fr!.codes.length} of the`);
    expect(warnings[0]).toContain(gaps.fr!.codes.slice(0, 5).join(', '));
    expect(warnings[0]).toContain('and 19 status titles');
    expect(warnings[1]).toContain('messages["de"]');
  });

  it('logs nothing for a complete locale, nor for texts that replace built-in ones', () => {
    const complete: Record<string, string> = {};
    for (const code of findMissingCiamTexts({ xx: {} }).xx!.codes) complete[code] = `${code} (xx)`;
    const titles = Object.fromEntries(
      Object.keys(BUILT_IN_TEXTS.en.titles).map((status) => [status, `T${status}`]),
    );
    const { warnings } = recordingMapper({
      messages: { xx: complete, 'zh-CN': { ResourceNotFound: '找不到。' } },
      titles: { xx: titles },
    });
    expect(warnings).toEqual([]);
    expect(findMissingCiamTexts({ xx: complete }, { xx: titles })).toEqual({});
  });

  it('refuses titles for a locale without texts, and statuses that are none', () => {
    expect(() => new CiamErrorMapper({ titles: { fr: { 404: 'Introuvable' } } })).toThrow(
      /titles\["fr"\] is for a locale without texts: add messages\["fr"\]/,
    );
    expect(
      () => new CiamErrorMapper({ messages: FRENCH, titles: { fr: { 99: 'x' } as never } }),
    ).toThrow(/has "99", which is not an HTTP status/);
    expect(() => new CiamErrorMapper({ messages: FRENCH, titles: { fr: { 404: ' ' } } })).toThrow(
      /must be a non-empty text/,
    );
  });
});

describe('findMissingCiamTexts', () => {
  it('lists the shown codes of both catalogs, the generic codes, and the titles a locale lacks', () => {
    const gaps = findMissingCiamTexts({ fr: {} }).fr!;
    const shown = [
      ...Object.entries(CIAM_ERROR_CATALOG).filter(([, e]) => e.expose),
      ...Object.entries(CIAM_AUTH_ERROR_CATALOG).filter(([, e]) => e.expose),
    ].map(([code]) => code);
    expect(gaps.codes.slice(0, shown.length)).toEqual(shown);
    expect(gaps.codes).toContain('InternalServerError');
    expect(gaps.codes).toContain('NotFound');
    // Hidden codes need no text: they answer with their status's generic one.
    expect(gaps.codes).not.toContain('AuthFailure.SignatureFailure');
    expect(gaps.titles).toEqual(Object.keys(BUILT_IN_TEXTS.en.titles).map(Number));
    expect(findMissingCiamTexts({ ja: {}, 'zh-tw': {} })).toEqual({});
  });
});

describe('an override message given as one text', () => {
  it('is taken to be in the default locale, which the answer says', () => {
    const mapper = new CiamErrorMapper({
      logger: false,
      defaultLocale: 'zh-CN',
      overrides: { ResourceNotFound: { message: '找不到该资源。' } },
    });
    const problem = mapper.resolve(new CiamException('ResourceNotFound'), { locale: 'ja' })!;
    expect([problem.locale, problem.detail, problem.title]).toEqual([
      'zh-CN',
      '找不到该资源。',
      BUILT_IN_TEXTS['zh-CN'].titles[404],
    ]);
  });
});
