// Writes dist/catalog.json (`nestjs-ciam-errors/catalog.json`) from the built package, for
// consumers without TypeScript: every catalog code (the management API's in `codes`, the
// authentication API's `error` values in `authCodes`) with its defaults, the public code a client
// sees and the message it gets in each built-in locale, plus the generic codes and the presets'
// codes. Run by `npm run build` after tsc. The messages are whatever `CiamErrorMapper.resolve`
// answers, so they cannot differ from what servers send; test/catalog-json.spec.ts runs
// `buildCatalogJson` on the sources.
import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

/** Why a failure has no code; each is answered as the mapper answers it. */
const TRANSPORT_FAILURES = [
  { failure: 'timeout' },
  { failure: 'network' },
  { failure: 'invalid-response' },
  { failure: 'http', httpCode: 503 },
  { failure: 'http', httpCode: 400 },
  // A code outside the catalog, and a string that is no code at all.
  { code: 'UnknownCategory.SomethingNew' },
  { code: 'not a code' },
];

/**
 * The fields of an error body in each built-in format, in the order servers write them; `?`
 * marks the optional ones. test/catalog-json.spec.ts checks them against rendered bodies.
 */
const FORMATS = {
  problem: ['type', 'title', 'status', 'detail', 'instance', 'code', 'requestId?'],
  nest: ['message', 'error', 'statusCode', 'errorCode', 'requestId?'],
};

/** Feeds `CiamErrorInfo` objects straight to the mapper, through its `extract` option. */
const INFO = Symbol('info');
const withInfo = (info) => ({ [INFO]: info });
const extract = (error) => error?.[INFO];

/**
 * The content of catalog.json, built with the package's own catalog, mapper and presets: pass
 * the package's exports (`dist/index.js`, or the sources in tests); typed in build-catalog-json.d.mts.
 */
export function buildCatalogJson({
  CIAM_ERROR_CATALOG,
  CIAM_AUTH_ERROR_CATALOG,
  CiamErrorMapper,
  CiamErrorPresets,
}) {
  const entries = Object.entries(CIAM_ERROR_CATALOG);
  const locales = Object.keys(entries[0][1].messages);
  const mapper = new CiamErrorMapper({ logger: false, extract });
  const answer = (resolver, info) => {
    const messages = {};
    let problem;
    for (const locale of locales) {
      problem = resolver.resolve(withInfo(info), { locale });
      messages[locale] = problem.detail;
    }
    return { status: problem.status, code: problem.code, messages };
  };
  // Only shown catalog codes are sent as they are; any other code a client sees is generic.
  const isShownCatalogCode = (code) =>
    (CIAM_ERROR_CATALOG[code] ?? CIAM_AUTH_ERROR_CATALOG[code])?.expose === true;

  const codes = {};
  const generic = {};
  const addGeneric = ({ status, code, messages }) => {
    if (!isShownCatalogCode(code)) generic[code] ??= { status, messages };
  };
  for (const [code, entry] of entries) {
    const answered = answer(mapper, { code });
    codes[code] = {
      status: entry.status,
      expose: entry.expose,
      retryable: entry.retryable,
      publicCode: answered.code,
      messages: answered.messages,
    };
    addGeneric(answered);
  }
  const authCodes = {};
  for (const [code, entry] of Object.entries(CIAM_AUTH_ERROR_CATALOG)) {
    const answered = answer(mapper, { code, endpoint: entry.endpoints[0] ?? 'other' });
    authCodes[code] = {
      status: entry.status,
      expose: entry.expose,
      retryable: entry.retryable,
      endpoints: entry.endpoints,
      publicCode: answered.code,
      messages: answered.messages,
    };
    addGeneric(answered);
  }
  for (const info of TRANSPORT_FAILURES) addGeneric(answer(mapper, info));

  // Presets answer with codes of their own; a 2xx answer (passwordReset) has no body.
  const presets = {};
  for (const [preset, overrides] of Object.entries(CiamErrorPresets)) {
    const presetMapper = new CiamErrorMapper({ logger: false, extract, overrides });
    for (const upstream of Object.keys(overrides)) {
      const answered = answer(presetMapper, { code: upstream });
      if (answered.status >= 200 && answered.status <= 299) continue;
      const entry = (presets[answered.code] ??= {
        preset,
        status: answered.status,
        codes: [],
        messages: answered.messages,
      });
      entry.codes.push(upstream);
    }
  }
  return { locales, formats: FORMATS, codes, authCodes, generic, presets };
}

// As a script: read the built package, write next to it.
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  await import('reflect-metadata');
  const dist = resolve(import.meta.dirname, '../dist');
  const pkg = await import(pathToFileURL(join(dist, 'index.js')).href);
  const target = join(dist, 'catalog.json');
  writeFileSync(target, `${JSON.stringify(buildCatalogJson(pkg), null, 2)}\n`);
  console.log(`wrote ${target}`);
}
