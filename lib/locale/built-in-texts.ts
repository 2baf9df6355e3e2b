import type { CiamBuiltInLocale } from '../catalog/ciam-error-catalog.interface.js';
import type { CiamLocaleTexts } from './locale-texts.interface.js';
import { EN_TEXTS } from './texts/en.js';
import { ZH_CN_TEXTS } from './texts/zh-cn.js';
import { ZH_TW_TEXTS } from './texts/zh-tw.js';

/** The texts shipped with the package, by locale. */
export const BUILT_IN_TEXTS: Readonly<Record<CiamBuiltInLocale, CiamLocaleTexts>> = {
  en: EN_TEXTS,
  'zh-CN': ZH_CN_TEXTS,
  'zh-TW': ZH_TW_TEXTS,
};
