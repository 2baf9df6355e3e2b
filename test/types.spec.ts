import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const VIRTUAL = `${ROOT}test/__virtual_types__.ts`;

/** Type-checks a snippet that imports the package source, returning its diagnostics. */
function typeCheck(source: string): string[] {
  const options: ts.CompilerOptions = {
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.NodeNext,
    moduleResolution: ts.ModuleResolutionKind.NodeNext,
    strict: true,
    experimentalDecorators: true,
    emitDecoratorMetadata: true,
    skipLibCheck: true,
    noEmit: true,
    types: ['node'],
  };
  const host = ts.createCompilerHost(options);
  const getSourceFile = host.getSourceFile.bind(host);
  host.getSourceFile = (name, version, ...rest) =>
    name === VIRTUAL
      ? ts.createSourceFile(name, source, version)
      : getSourceFile(name, version, ...rest);
  const fileExists = host.fileExists.bind(host);
  host.fileExists = (name) => name === VIRTUAL || fileExists(name);
  const program = ts.createProgram([VIRTUAL], options, host);
  return ts
    .getPreEmitDiagnostics(program, program.getSourceFile(VIRTUAL))
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
}

const header = `
import { CiamErrorMap, CiamErrorsModule, CiamException } from '../lib/index.js';
import type { CiamErrorOverrideMap } from '../lib/index.js';
`;

describe('override maps are typed by CiamErrorCode', () => {
  it('accepts catalog codes, prefixes and the escape hatch', () => {
    expect(
      typeCheck(`${header}
        class A {
          @CiamErrorMap({ 'FailedOperation.UserNotFound': 401, FailedOperation: { expose: true } },
            { uncatalogued: { 'FailedOperation.BrandNew': 409 } })
          m() {}
        }
        CiamErrorsModule.forRoot({ overrides: { ResourceNotFound: { status: 404, code: 'Gone' } } });
        export { A };`),
    ).toEqual([]);
  }, 30_000);

  it('rejects a misspelt code in @CiamErrorMap, in the option and in a typed map', () => {
    const diagnostics = typeCheck(`${header}
      @CiamErrorMap({ 'FailedOperation.UserNotFoud': 404 })
      class A {}
      CiamErrorsModule.forRoot({ overrides: { 'ResourceNotFund': 404 } });
      const map: CiamErrorOverrideMap = { 'InvalidParameterVaule': 400 };
      export { A, map };`);
    expect(diagnostics).toHaveLength(3);
    expect(diagnostics[0]).toMatch(/'FailedOperation\.UserNotFoud'.*does not exist/);
    expect(diagnostics[1]).toMatch(/'ResourceNotFund'.*does not exist/);
    expect(diagnostics[2]).toMatch(/'InvalidParameterVaule'.*does not exist/);
  }, 30_000);
});

describe('CiamException is typed by CiamErrorCode', () => {
  it('accepts catalog codes, and any string through CiamException.uncatalogued', () => {
    expect(
      typeCheck(`${header}
        const known = new CiamException('FailedOperation.UserNameAlreadyExists', { requestId: 'r' });
        const later = CiamException.uncatalogued('FailedOperation.SomethingNew');
        const fromVariable: string = 'FailedOperation.Whatever';
        const dynamic = CiamException.uncatalogued(fromVariable, { upstreamMessage: 'm' });
        export { known, later, dynamic };`),
    ).toEqual([]);
  }, 30_000);

  it('rejects a misspelt code and an unchecked string in the constructor', () => {
    const diagnostics = typeCheck(`${header}
      const typo = new CiamException('FailedOperation.UserNameAlreadyExist');
      const code: string = 'FailedOperation.UserNotFound';
      const unchecked = new CiamException(code);
      export { typo, unchecked };`);
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0]).toMatch(/'"FailedOperation\.UserNameAlreadyExist"' is not assignable/);
    expect(diagnostics[1]).toMatch(/'string' is not assignable/);
  }, 30_000);
});

describe('@ApiCiamErrors is typed by CiamActionName and CiamErrorCode', () => {
  const swagger = `
import { ApiCiamErrors } from '../lib/swagger/index.js';
import type { ApiCiamErrorsOptions } from '../lib/swagger/index.js';
`;

  it('accepts actions and catalog codes, on a controller and on a handler', () => {
    expect(
      typeCheck(`${swagger}
        @ApiCiamErrors({ actions: ['DescribeUserById', 'ResetPassword'] })
        class A {
          @ApiCiamErrors({ codes: ['FailedOperation.UserIsFreeze'] })
          m() {}
        }
        const options: ApiCiamErrorsOptions = { actions: ['CreateUser'], codes: ['InvalidParameter'] };
        export { A, options };`),
    ).toEqual([]);
  }, 30_000);

  it('rejects a misspelt action and a misspelt code', () => {
    const diagnostics = typeCheck(`${swagger}
      @ApiCiamErrors({ actions: ['DescribeUserByld'] })
      class A {
        @ApiCiamErrors({ codes: ['FailedOperation.UserNotFoud'] })
        m() {}
      }
      export { A };`);
    expect(diagnostics).toHaveLength(2);
    expect(diagnostics[0]).toMatch(
      /'"DescribeUserByld"' is not assignable to type 'CiamActionName'/,
    );
    expect(diagnostics[1]).toMatch(/'"FailedOperation\.UserNotFoud"' is not assignable/);
  }, 30_000);
});
