import { describe, expect, it } from '@jest/globals';
import { dirname, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

// The published types: the declarations `npm run build` emits (same options, `stripInternal`
// included), read back as users' editors read them. Every exported name of every entry, and the
// public members of every exported class, must be on the list below: a helper made public by
// mistake, or an `@internal` member that stopped being stripped, fails here.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ENTRIES = {
  'nestjs-ciam-errors': 'lib/index.ts',
  'nestjs-ciam-errors/testing': 'lib/testing/index.ts',
  'nestjs-ciam-errors/client': 'lib/client/index.ts',
  'nestjs-ciam-errors/swagger': 'lib/swagger/index.ts',
} as const;

/** The emitted `.d.ts` files, in memory, by absolute path. */
function emitDeclarations(): Map<string, string> {
  const config = ts.readConfigFile(resolve(root, 'tsconfig.build.json'), ts.sys.readFile);
  const parsed = ts.parseJsonConfigFileContent(config.config, ts.sys, root);
  const program = ts.createProgram(
    Object.values(ENTRIES).map((entry) => resolve(root, entry)),
    { ...parsed.options, declaration: true, emitDeclarationOnly: true, noEmit: false },
  );
  const files = new Map<string, string>();
  const result = program.emit(undefined, (name, text) => files.set(resolve(name), text));
  expect(result.diagnostics).toEqual([]);
  return files;
}

/** Every public name: `Export`, `Class#member`, `Class.staticMember`. */
function publicNames(): Record<string, string[]> {
  const files = emitDeclarations();
  const outDir = resolve(root, 'dist');
  const host = ts.createCompilerHost({});
  const readFile = host.readFile.bind(host);
  const fileExists = host.fileExists.bind(host);
  host.readFile = (name) => files.get(resolve(name)) ?? readFile(name);
  host.fileExists = (name) => files.has(resolve(name)) || fileExists(name);
  // The emitted folders exist only in memory on a clone that was never built: module resolution
  // asks for the folder before the file.
  const directoryExists = host.directoryExists?.bind(host);
  host.directoryExists = (name) => {
    const folder = resolve(name);
    for (const file of files.keys()) if (file.startsWith(folder + sep)) return true;
    return directoryExists ? directoryExists(name) : ts.sys.directoryExists(name);
  };
  const entryFile = (entry: string) =>
    resolve(outDir, entry.replace(/^lib\//, '').replace(/\.ts$/, '.d.ts'));
  const program = ts.createProgram(
    Object.values(ENTRIES).map(entryFile),
    {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      skipLibCheck: true,
      types: [],
    },
    host,
  );
  const checker = program.getTypeChecker();
  const names: Record<string, string[]> = {};
  for (const [entry, source] of Object.entries(ENTRIES)) {
    const file = program.getSourceFile(entryFile(source))!;
    const moduleSymbol = checker.getSymbolAtLocation(file)!;
    const list: string[] = [];
    for (const exported of checker.getExportsOfModule(moduleSymbol)) {
      list.push(exported.name);
      const symbol =
        exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
      if (!(symbol.flags & ts.SymbolFlags.Class)) continue;
      // Not the members an `Error` subclass inherits from the standard library.
      const isPublic = (member: ts.Symbol) =>
        ((member.declarations ?? []).length === 0 ||
          (member.declarations ?? []).some(
            (declaration) =>
              !/[\\/]typescript[\\/]lib[\\/]/.test(declaration.getSourceFile().fileName),
          )) &&
        !(member.declarations ?? []).some(
          (declaration) =>
            ts.getCombinedModifierFlags(declaration) &
            (ts.ModifierFlags.Private | ts.ModifierFlags.Protected),
        ) &&
        !member.name.startsWith('#');
      for (const member of checker.getDeclaredTypeOfSymbol(symbol).getProperties()) {
        if (isPublic(member)) list.push(`${exported.name}#${member.name}`);
      }
      for (const member of checker.getTypeOfSymbol(symbol).getProperties()) {
        if (member.name !== 'prototype' && isPublic(member)) {
          list.push(`${exported.name}.${member.name}`);
        }
      }
    }
    names[entry] = list.sort();
  }
  return names;
}

describe('the published types', () => {
  it('hold only the public API', () => {
    expect(publicNames()).toEqual(PUBLIC_API);
  }, 60_000);
});

/** Reviewed: every name here is documented API. */
const PUBLIC_API: Record<string, string[]> = {
  'nestjs-ciam-errors': [
    'CIAM_ACTION_ERRORS',
    'CIAM_AUTH_COMMON_ERRORS',
    'CIAM_AUTH_ENDPOINT_ERRORS',
    'CIAM_AUTH_ERROR_CATALOG',
    'CIAM_COMMON_ERRORS',
    'CIAM_ERRORS_OPTIONS',
    'CIAM_ERROR_CATALOG',
    'CiamActionName',
    'CiamAuthCatalogEntry',
    'CiamAuthEndpoint',
    'CiamAuthErrorCode',
    'CiamAuthException',
    'CiamAuthException#description',
    'CiamAuthException#endpoint',
    'CiamAuthException#error',
    'CiamAuthException#failure',
    'CiamAuthException#name',
    'CiamAuthException#retryAfter',
    'CiamAuthException#status',
    'CiamAuthException#wwwAuthenticate',
    'CiamAuthException.uncatalogued',
    'CiamAuthExceptionOptions',
    'CiamAuthResponse',
    'CiamBuiltInLocale',
    'CiamCatalogEntry',
    'CiamErrorCode',
    'CiamErrorInfo',
    'CiamErrorMap',
    'CiamErrorMapOptions',
    'CiamErrorMapper',
    'CiamErrorMapper#logger',
    'CiamErrorMapper#options',
    'CiamErrorMapper#resolve',
    'CiamErrorOverride',
    'CiamErrorOverrideMap',
    'CiamErrorPresets',
    'CiamErrorsConfigError',
    'CiamErrorsConfigError#name',
    'CiamErrorsModule',
    'CiamErrorsModule.forRoot',
    'CiamErrorsModule.forRootAsync',
    'CiamErrorsModuleOptions',
    'CiamException',
    'CiamException#code',
    'CiamException#name',
    'CiamException#params',
    'CiamException#requestId',
    'CiamException#traceId',
    'CiamException#upstreamMessage',
    'CiamException.uncatalogued',
    'CiamExceptionFilter',
    'CiamExceptionFilter#catch',
    'CiamExceptionOptions',
    'CiamHandshakeAdapter',
    'CiamMissingTexts',
    'CiamProblem',
    'CiamResolveContext',
    'CiamResponseFormat',
    'CiamTelemetry',
    'CiamTelemetry#metrics',
    'CiamTelemetry#traces',
    'CiamTelemetry.create',
    'CiamTelemetryOptions',
    'CiamUncataloguedOverrideMap',
    'extractCiamError',
    'findMissingCiamTexts',
    'unwrapCiamAuthResponse',
    'unwrapCiamResponse',
    'withCiamHandshakes',
  ],
  'nestjs-ciam-errors/client': [
    'CIAM_PUBLIC_CODES',
    'CiamNestErrorBody',
    'CiamProblemBody',
    'CiamPublicCode',
    'isCiamNestError',
    'isCiamProblem',
  ],
  'nestjs-ciam-errors/swagger': ['ApiCiamErrors', 'ApiCiamErrorsOptions', 'addCiamErrorResponses'],
  'nestjs-ciam-errors/testing': [
    'CIAM_AUTH_ENDPOINT_SCOPES',
    'CIAM_DOCUMENTED_AUTH_ERRORS',
    'CIAM_EMULATOR_PASSWORD_POLICY',
    'CiamAuthErrorForm',
    'CiamAuthGrantType',
    'CiamDocumentedAuthError',
    'CiamEmulator',
    'CiamEmulatorAuthEndpoint',
    'CiamEmulatorAuthOptions',
    'CiamEmulatorAuthorizeRequest',
    'CiamEmulatorAuthorizeResult',
    'CiamEmulatorFailNextOptions',
    'CiamEmulatorFailure',
    'CiamEmulatorOAuthFailure',
    'CiamEmulatorOptions',
    'CiamEmulatorOtpRecipient',
    'CiamEmulatorSentOtp',
    'CiamErrorEnvelope',
    'CiamLoginIdentifier',
    'CiamOtpUsage',
    'CiamSdkExceptionOptions',
    'CiamSdkHttpException',
    'ciamErrorResponse',
    'sdkException',
    'sdkNetworkException',
    'sdkTimeoutException',
    'startCiamEmulator',
  ],
};
