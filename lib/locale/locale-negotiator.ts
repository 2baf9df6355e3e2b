import {
  MAX_TAG_LENGTH,
  buildLocaleAliases,
  lookupTag,
  negotiateLocale,
} from './accept-language.util.js';

/** Headers longer than this are negotiated but not cached (browsers send 20 to 60 characters). */
const MAX_CACHED_HEADER_LENGTH = 128;
/**
 * Distinct headers remembered; the oldest is forgotten first. At most about 3 MB, and far more
 * than the distinct headers real traffic sends, so that a hit is the normal case.
 */
const MAX_CACHED_HEADERS = 16_384;

/**
 * Chooses the response locale among the supported ones, caching Accept-Language results in a
 * bounded map (real traffic has few distinct headers; hostile traffic cannot grow it).
 */
export class LocaleNegotiator {
  private readonly aliases: ReadonlyMap<string, string>;
  private readonly cache = new Map<string, string>();

  constructor(
    readonly supported: readonly string[],
    readonly defaultLocale: string,
  ) {
    this.aliases = buildLocaleAliases(supported);
  }

  /** The supported locale a tag stands for (`'zh-hk'` → `'zh-TW'`), if any. */
  match(tag: string): string | undefined {
    return tag.length > 0 && tag.length <= MAX_TAG_LENGTH
      ? lookupTag(tag, this.aliases)
      : undefined;
  }

  /** The locale for an Accept-Language value; `defaultLocale` when nothing acceptable matches. */
  fromAcceptLanguage(header: string | undefined): string {
    if (!header) return this.defaultLocale;
    const cached = this.cache.get(header);
    if (cached !== undefined) return cached;
    const locale =
      negotiateLocale(header, this.aliases, this.defaultLocale, this.supported) ??
      this.defaultLocale;
    if (header.length <= MAX_CACHED_HEADER_LENGTH) {
      if (this.cache.size >= MAX_CACHED_HEADERS) {
        this.cache.delete(this.cache.keys().next().value as string);
      }
      this.cache.set(header, locale);
    }
    return locale;
  }
}
