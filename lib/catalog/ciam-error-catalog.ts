import { BUILT_IN_TEXTS } from '../locale/built-in-texts.js';
import { CIAM_CODE_DEFAULTS } from './ciam-code-defaults.js';
import type { CiamCatalogEntry, CiamErrorCode } from './ciam-error-catalog.interface.js';

function buildCatalog(): Readonly<Record<CiamErrorCode, CiamCatalogEntry>> {
  const catalog = {} as Record<CiamErrorCode, CiamCatalogEntry>;
  for (const [code, defaults] of Object.entries(CIAM_CODE_DEFAULTS) as [
    CiamErrorCode,
    (typeof CIAM_CODE_DEFAULTS)[CiamErrorCode],
  ][]) {
    const messages = Object.freeze({
      en: BUILT_IN_TEXTS.en.codes[code],
      'zh-CN': BUILT_IN_TEXTS['zh-CN'].codes[code],
      'zh-TW': BUILT_IN_TEXTS['zh-TW'].codes[code],
    });
    catalog[code] = Object.freeze({ ...defaults, messages });
  }
  return Object.freeze(catalog);
}

/**
 * Every CIAM code with its default status, exposure, retryability and built-in messages. Deeply
 * frozen.
 *
 * @example
 * CIAM_ERROR_CATALOG['FailedOperation.UserNotFound'].status; // 404
 * CIAM_ERROR_CATALOG['FailedOperation.UserNotFound'].messages['zh-CN'];
 * @publicApi
 */
export const CIAM_ERROR_CATALOG = buildCatalog();
