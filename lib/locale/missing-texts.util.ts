import { CIAM_AUTH_CODE_DEFAULTS } from '../catalog/ciam-auth-code-defaults.js';
import { CIAM_CODE_DEFAULTS } from '../catalog/ciam-code-defaults.js';
import { BUILT_IN_TEXTS } from './built-in-texts.js';
import { CIAM_GENERIC_STATUSES } from './locale-texts.interface.js';
import { genericCodeOf } from './status-text.util.js';

/**
 * What a locale lacks to answer every default answer in its own language: the codes (catalog
 * codes shown to clients, and the generic codes of hidden ones and of transport failures, such
 * as `InternalServerError`) whose text is missing, and the statuses whose title is.
 * @publicApi
 */
export interface CiamMissingTexts {
  readonly codes: readonly string[];
  readonly titles: readonly number[];
}

/** The codes whose own text an answer shows: every exposed code of both catalogs, then the generic ones. */
const SHOWN_CODES: readonly string[] = Object.freeze([
  ...Object.entries({ ...CIAM_CODE_DEFAULTS, ...CIAM_AUTH_CODE_DEFAULTS })
    .filter(([, entry]) => entry.expose)
    .map(([code]) => code),
  ...CIAM_GENERIC_STATUSES.map(genericCodeOf),
]);

const BUILT_IN = new Set(Object.keys(BUILT_IN_TEXTS).map((locale) => locale.toLowerCase()));

/**
 * The texts and titles each locale of `messages` (and `titles`) lacks, for the locales that are
 * not built in (a built-in locale has them all): a locale missing none is left out, so a
 * complete set of files gives `{}`. Answers in a locale with gaps fall back to `defaultLocale`,
 * then `en`, and say so (`Content-Language`); the module logs one warning per such locale when it
 * starts. Use it in a unit test of your translation files.
 *
 * @example
 * import messages from './i18n/ciam-errors.json' with { type: 'json' };
 * it('translates every CIAM answer', () => {
 *   expect(findMissingCiamTexts(messages, titles)).toEqual({});
 * });
 * @publicApi
 */
export function findMissingCiamTexts(
  messages: Readonly<Record<string, Readonly<Record<string, string>>>>,
  titles: Readonly<Record<string, Readonly<Record<number, string>>>> = {},
): Record<string, CiamMissingTexts> {
  const missing: Record<string, CiamMissingTexts> = {};
  for (const [locale, texts] of Object.entries(messages)) {
    if (BUILT_IN.has(locale.toLowerCase())) continue;
    const has = (record: object | undefined, key: string | number) =>
      record !== undefined &&
      Object.hasOwn(record, key) &&
      typeof (record as Record<string, unknown>)[key] === 'string' &&
      (record as Record<string, string>)[key]!.trim() !== '';
    const localeTitles = Object.entries(titles).find(
      ([key]) => key.toLowerCase() === locale.toLowerCase(),
    )?.[1];
    const codes = SHOWN_CODES.filter((code) => !has(texts, code));
    const statuses = CIAM_GENERIC_STATUSES.filter((status) => !has(localeTitles, status));
    if (codes.length > 0 || statuses.length > 0) {
      missing[locale] = { codes, titles: [...statuses] };
    }
  }
  return missing;
}

/**
 * The start-up warning for a locale with gaps: how many texts and titles it lacks, and the first
 * few, so that the operator knows which answers come in another language.
 */
export function missingTextsWarning(locale: string, gaps: CiamMissingTexts): string {
  const first = gaps.codes.slice(0, 5).join(', ');
  const more = gaps.codes.length > 5 ? ', …' : '';
  const titles = gaps.titles.length > 0 ? ` and ${gaps.titles.length} status titles` : '';
  return (
    `CiamErrorsModule: messages["${locale}"] has no text for ${gaps.codes.length} of the ` +
    `${SHOWN_CODES.length} codes clients can get${titles}` +
    (gaps.codes.length > 0 ? ` (${first}${more})` : '') +
    `: those answers come in the fallback locale, and Content-Language says so. ` +
    'findMissingCiamTexts(messages, titles) lists them all.'
  );
}
