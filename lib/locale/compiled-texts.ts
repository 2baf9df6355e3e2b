import type { CiamBuiltInLocale } from '../catalog/ciam-error-catalog.interface.js';
import { BUILT_IN_TEXTS } from './built-in-texts.js';
import { englishReasonPhrase, genericCodeOf } from './status-text.util.js';

/** Last resort when no locale has a generic text for a status or its class. */
const LAST_RESORT_DETAIL = 'The request could not be completed. Please try again later.';

/** A client text and the locale it is written in. */
export interface LocalizedText {
  readonly text: string;
  readonly locale: string;
}

/**
 * The texts of every supported locale (built-in texts with the `messages` option on top) and
 * the fallback chain of each locale: itself, `defaultLocale`, `en`. Built once per mapper.
 */
export class CompiledTexts {
  private readonly chains = new Map<string, readonly string[]>();
  private readonly custom = new Map<string, ReadonlyMap<string, string>>();
  private readonly customTitles = new Map<string, ReadonlyMap<string, string>>();

  constructor(
    readonly locales: readonly string[],
    readonly defaultLocale: string,
    messages: Readonly<Record<string, Readonly<Record<string, string>>>> = {},
    titles: Readonly<Record<string, Readonly<Record<string, string>>>> = {},
  ) {
    const canonical = (locale: string) =>
      locales.find((l) => l.toLowerCase() === locale.toLowerCase()) ?? locale;
    for (const [locale, texts] of Object.entries(messages)) {
      this.custom.set(canonical(locale), new Map(Object.entries(texts)));
    }
    for (const [locale, texts] of Object.entries(titles)) {
      this.customTitles.set(canonical(locale), new Map(Object.entries(texts)));
    }
    for (const locale of locales) {
      this.chains.set(locale, [...new Set([locale, defaultLocale, 'en'])]);
    }
  }

  /** The text of a code (catalog or custom public code), if any locale in the chain has one. */
  codeText(code: string, locale: string): LocalizedText | undefined {
    for (const candidate of this.chain(locale)) {
      const texts = builtIn(candidate);
      const text =
        this.custom.get(candidate)?.get(code) ??
        own(texts?.codes, code) ??
        own(texts?.authCodes, code);
      if (text) return { text, locale: candidate };
    }
    return undefined;
  }

  /**
   * The generic text of a status, else of its class (418 → 400), in the first locale of the
   * chain that has one. Never empty.
   */
  genericText(status: number, locale: string): LocalizedText {
    for (const wanted of [status, Math.floor(status / 100) * 100]) {
      const code = genericCodeOf(wanted);
      for (const candidate of this.chain(locale)) {
        const text =
          this.custom.get(candidate)?.get(code) ?? own(builtIn(candidate)?.generic, wanted);
        if (text) return { text, locale: candidate };
      }
    }
    return { text: LAST_RESORT_DETAIL, locale: 'en' };
  }

  /**
   * Localized reason phrase of a status (the `titles` option's, then the built-in one), in the
   * first locale of the chain that has one, else the standard English one.
   */
  title(status: number, locale: string): string {
    for (const candidate of this.chain(locale)) {
      const title =
        this.customTitles.get(candidate)?.get(String(status)) ??
        own(builtIn(candidate)?.titles, status);
      if (title) return title;
    }
    return englishReasonPhrase(status) ?? 'Error';
  }

  private chain(locale: string): readonly string[] {
    return this.chains.get(locale) ?? [locale, this.defaultLocale, 'en'];
  }
}

function builtIn(locale: string) {
  return Object.hasOwn(BUILT_IN_TEXTS, locale)
    ? BUILT_IN_TEXTS[locale as CiamBuiltInLocale]
    : undefined;
}

/** `record[key]` for own keys only: `constructor` or `__proto__` must not reach Object.prototype. */
function own(record: object | undefined, key: string | number): string | undefined {
  if (record === undefined || !Object.hasOwn(record, key)) return undefined;
  const value = (record as Record<string | number, unknown>)[key];
  return typeof value === 'string' ? value : undefined;
}
