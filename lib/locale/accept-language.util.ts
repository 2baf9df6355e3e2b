/**
 * Accept-Language parsing and matching (RFC 9110 §12.5.4, lookup as in RFC 4647 §3.4) with the
 * Chinese script and region rules of this package.
 *
 * Why not `negotiator`: it only falls back from a tag to its primary subtag (`zh-Hant-TW` would
 * match `zh`, i.e. Simplified Chinese), and it drops the `q=0` exclusions that `*` needs.
 */

/** The header is attacker-controlled: only this much of it is read. */
export const MAX_ACCEPT_LANGUAGE_LENGTH = 1024;
/** At most this many language ranges are considered. */
export const MAX_LANGUAGE_RANGES = 32;

/** One language range of an Accept-Language header. */
export interface LanguageRange {
  /** Lower-cased tag, or `'*'`. */
  readonly tag: string;
  readonly quality: number;
}

const TAG_PATTERN = /^(?:\*|[a-z]{1,8}(?:-[a-z0-9]{1,8})*)$/;
/**
 * Longer tags are skipped: real ones stay well under it (RFC 5646 §4.4.1 asks for 35 characters),
 * and matching drops subtags one by one, so a 1 KiB tag would cost hundreds of lookups.
 */
export const MAX_TAG_LENGTH = 64;
const QUALITY_PATTERN = /^q=(0(?:\.\d{0,3})?|1(?:\.0{0,3})?)$/;

/**
 * Parses an Accept-Language value into ranges sorted by quality (highest first, header order
 * kept among equals). Malformed ranges are skipped; `q=0` ranges are kept (they exclude).
 */
export function parseAcceptLanguage(header: string): LanguageRange[] {
  const ranges: LanguageRange[] = [];
  const parts = header.slice(0, MAX_ACCEPT_LANGUAGE_LENGTH).split(',', MAX_LANGUAGE_RANGES + 1);
  // A range cut short by either limit could read differently (`q=0.9` cut to `q=0.`): drop it.
  if (header.length > MAX_ACCEPT_LANGUAGE_LENGTH || parts.length > MAX_LANGUAGE_RANGES) parts.pop();
  for (const part of parts) {
    const [rawTag = '', ...params] = part.split(';');
    const tag = rawTag.trim().toLowerCase();
    if (tag.length > MAX_TAG_LENGTH || !TAG_PATTERN.test(tag)) continue;
    let quality: number | undefined = 1;
    for (const param of params) {
      const name = param.trim().toLowerCase();
      if (!name.startsWith('q=')) continue;
      const match = QUALITY_PATTERN.exec(name);
      quality = match ? Number(match[1]) : undefined;
    }
    // A malformed weight (`q=2`, `q=abc`) makes the whole range malformed.
    if (quality !== undefined) ranges.push({ tag, quality });
  }
  // Array#sort is stable, so header order decides among equal qualities.
  return ranges.sort((a, b) => b.quality - a.quality);
}

/** Chinese tags that stand for the built-in Chinese locales once subtags are dropped. */
const CHINESE_ALIASES: Readonly<Record<string, string>> = {
  zh: 'zh-CN',
  'zh-hans': 'zh-CN',
  'zh-cn': 'zh-CN',
  'zh-sg': 'zh-CN',
  'zh-my': 'zh-CN',
  'zh-hant': 'zh-TW',
  'zh-tw': 'zh-TW',
  'zh-hk': 'zh-TW',
  'zh-mo': 'zh-TW',
};

/**
 * Maps lower-cased tags to supported locales: every supported locale (any case) and the Chinese
 * aliases, where the locale they stand for is supported.
 */
export function buildLocaleAliases(supported: readonly string[]): Map<string, string> {
  const aliases = new Map<string, string>();
  for (const [alias, locale] of Object.entries(CHINESE_ALIASES)) {
    if (supported.includes(locale)) aliases.set(alias, locale);
  }
  // A locale the app supports itself (say 'zh-HK') beats the alias.
  for (const locale of supported) aliases.set(locale.toLowerCase(), locale);
  return aliases;
}

/** The supported locale a single tag stands for, dropping subtags from the end until one matches. */
export function lookupTag(tag: string, aliases: ReadonlyMap<string, string>): string | undefined {
  for (let current = tag.toLowerCase(); ;) {
    const locale = aliases.get(current);
    if (locale) return locale;
    const dash = current.lastIndexOf('-');
    if (dash === -1) return undefined;
    current = current.slice(0, dash);
    // A single-letter subtag (an extension or private-use marker) goes with the one before it.
    if (current.length >= 2 && current[current.length - 2] === '-') current = current.slice(0, -2);
  }
}

/**
 * Picks the supported locale the client prefers, or `undefined` when none is acceptable.
 * `defaultLocale` answers `*` when the client has not excluded it.
 */
export function negotiateLocale(
  header: string,
  aliases: ReadonlyMap<string, string>,
  defaultLocale: string,
  supported: readonly string[],
): string | undefined {
  const ranges = parseAcceptLanguage(header);
  // `q=0` marks a tag, and the tags under it, as not acceptable (RFC 9110 §12.4.2).
  const excluded = new Set<string>();
  for (const { tag, quality } of ranges) {
    if (quality === 0 && tag !== '*') excluded.add(tag);
  }
  const isExcluded = (locale: string) => {
    for (let tag = locale.toLowerCase(); ; tag = tag.slice(0, tag.lastIndexOf('-'))) {
      if (excluded.has(tag)) return true;
      if (!tag.includes('-')) return false;
    }
  };
  for (const { tag, quality } of ranges) {
    if (quality === 0) continue;
    if (tag === '*') {
      if (!isExcluded(defaultLocale)) return defaultLocale;
      const other = supported.find((locale) => !isExcluded(locale));
      if (other) return other;
      continue;
    }
    const locale = lookupTag(tag, aliases);
    if (locale && !isExcluded(locale)) return locale;
  }
  return undefined;
}
