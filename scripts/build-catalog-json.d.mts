// Types of build-catalog-json.mjs, for the test that runs it on the sources.
import type {
  CIAM_AUTH_ERROR_CATALOG,
  CIAM_ERROR_CATALOG,
  CiamErrorMapper,
  CiamErrorPresets,
} from '../lib/index.js';

/** What a client gets in each built-in locale. */
export type CatalogJsonMessages = Readonly<Record<string, string>>;

/** The content of `nestjs-ciam-errors/catalog.json`. */
export interface CatalogJson {
  readonly locales: readonly string[];
  /** The fields of an error body per format, in order; `?` marks the optional ones. */
  readonly formats: Readonly<Record<'problem' | 'nest', readonly string[]>>;
  readonly codes: Readonly<
    Record<
      string,
      {
        readonly status: number;
        readonly expose: boolean;
        readonly retryable: boolean;
        readonly publicCode: string;
        readonly messages: CatalogJsonMessages;
      }
    >
  >;
  readonly authCodes: Readonly<
    Record<
      string,
      {
        readonly status: number;
        readonly expose: boolean;
        readonly retryable: boolean;
        readonly endpoints: readonly string[];
        readonly publicCode: string;
        readonly messages: CatalogJsonMessages;
      }
    >
  >;
  readonly generic: Readonly<
    Record<string, { readonly status: number; readonly messages: CatalogJsonMessages }>
  >;
  readonly presets: Readonly<
    Record<
      string,
      {
        readonly preset: string;
        readonly status: number;
        readonly codes: readonly string[];
        readonly messages: CatalogJsonMessages;
      }
    >
  >;
}

export function buildCatalogJson(pkg: {
  CIAM_ERROR_CATALOG: typeof CIAM_ERROR_CATALOG;
  CIAM_AUTH_ERROR_CATALOG: typeof CIAM_AUTH_ERROR_CATALOG;
  CiamErrorMapper: typeof CiamErrorMapper;
  CiamErrorPresets: typeof CiamErrorPresets;
}): CatalogJson;
