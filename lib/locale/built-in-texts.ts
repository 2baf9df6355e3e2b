import type { CiamBuiltInLocale } from '../catalog/ciam-error-catalog.interface.js';
import type { CiamLocaleTexts } from './locale-texts.interface.js';
import { EN_AUTH_TEXTS } from './texts/auth/en.js';
import { EN_TEXTS } from './texts/en.js';
import { JA_AUTH_TEXTS } from './texts/auth/ja.js';
import { JA_TEXTS } from './texts/ja.js';
import { KO_AUTH_TEXTS } from './texts/auth/ko.js';
import { KO_TEXTS } from './texts/ko.js';
import { ZH_CN_AUTH_TEXTS } from './texts/auth/zh-cn.js';
import { ZH_CN_TEXTS } from './texts/zh-cn.js';
import { ZH_TW_AUTH_TEXTS } from './texts/auth/zh-tw.js';
import { ZH_TW_TEXTS } from './texts/zh-tw.js';

/** The texts shipped with the package, by locale. */
export const BUILT_IN_TEXTS: Readonly<Record<CiamBuiltInLocale, CiamLocaleTexts>> = {
  en: { ...EN_TEXTS, authCodes: EN_AUTH_TEXTS },
  'zh-CN': { ...ZH_CN_TEXTS, authCodes: ZH_CN_AUTH_TEXTS },
  'zh-TW': { ...ZH_TW_TEXTS, authCodes: ZH_TW_AUTH_TEXTS },
  ja: { ...JA_TEXTS, authCodes: JA_AUTH_TEXTS },
  ko: { ...KO_TEXTS, authCodes: KO_AUTH_TEXTS },
};
