import { builtinModules } from 'node:module';
import { readFileSync, readdirSync, existsSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  exports: Record<string, string | { types: string; default: string }>;
  typesVersions: Record<string, Record<string, string[]>>;
  peerDependencies: Record<string, string>;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  dependencies?: Record<string, string>;
  devDependencies: Record<string, string>;
  scripts: Record<string, string>;
  files: string[];
  sideEffects: boolean;
};

/** Entries with code (and types); `./package.json` and `./catalog.json` are plain files. */
const codeEntries = Object.entries(manifest.exports).filter(
  ([key]) => key !== './package.json' && key !== './catalog.json',
);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

/** `@scope/name/sub` → `@scope/name`, `name/sub` → `name`. */
const packageName = (specifier: string) =>
  specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : specifier.split('/')[0]!;

/** Every module specifier a source file imports or re-exports, types included. */
const specifiersOf = (source: string) =>
  [...source.matchAll(/^(?:import|export)\b[^;]*?\bfrom '([^']+)'|^import '([^']+)'/gm)].map(
    ([, from, bare]) => (from ?? bare)!,
  );

/** Packages a source loads with `import('…')`, for optional peers loaded only when present. */
const dynamicSpecifiersOf = (source: string) =>
  [...source.matchAll(/\bimport\(\s*'([^']+)'/g)].map(([, specifier]) => specifier!);

/** The files of lib/ that `entry` reaches through relative imports, and the packages they import. */
function importGraph(entry: string): { files: Set<string>; packages: Set<string> } {
  const files = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string) => {
    if (files.has(file)) return;
    files.add(file);
    for (const specifier of specifiersOf(readFileSync(file, 'utf8'))) {
      if (specifier.startsWith('.')) visit(join(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else packages.add(packageName(specifier));
    }
  };
  visit(join(ROOT, entry));
  return { files, packages };
}

/** The optional peer dependency of `nestjs-ciam-errors/swagger`, and where it may be imported. */
const SWAGGER = '@nestjs/swagger';
const SWAGGER_DIR = join(ROOT, 'lib/swagger');
/** The optional peer dependency of the `telemetry` option: loaded by one dynamic import. */
const OTEL_API = '@opentelemetry/api';
const TELEMETRY_FILE = 'lib/telemetry/ciam-telemetry.ts';

describe('package manifest', () => {
  it('declares every package that lib/ imports, and lib/ imports no dev-only package', () => {
    const declared = new Set([
      ...Object.keys(manifest.peerDependencies),
      ...Object.keys(manifest.dependencies ?? {}),
    ]);
    const imported = new Set<string>();
    for (const file of sourceFiles(join(ROOT, 'lib'))) {
      const source = readFileSync(file, 'utf8');
      for (const [, specifier] of source.matchAll(
        /^(?:import|export)\b[^;]*?\bfrom '([^'.][^']*)'/gm,
      )) {
        if (!specifier!.startsWith('node:') && !builtinModules.includes(specifier!)) {
          imported.add(packageName(specifier!));
        }
      }
      for (const specifier of dynamicSpecifiersOf(source)) {
        if (!specifier.startsWith('.')) imported.add(packageName(specifier));
      }
    }
    expect(imported.size).toBeGreaterThan(0);
    expect([...imported].filter((name) => !declared.has(name))).toEqual([]);
  });

  it('imports @nestjs/swagger, an optional peer dependency, under lib/swagger/ only', () => {
    expect(manifest.peerDependencies[SWAGGER]).toBe('^11.0.0 || ^12.0.0');
    expect(manifest.peerDependenciesMeta?.[SWAGGER]).toEqual({ optional: true });
    const importers = sourceFiles(join(ROOT, 'lib')).filter((file) =>
      specifiersOf(readFileSync(file, 'utf8')).some(
        (specifier) => packageName(specifier) === SWAGGER,
      ),
    );
    expect(importers.length).toBeGreaterThan(0);
    expect(importers.filter((file) => !file.startsWith(`${SWAGGER_DIR}/`))).toEqual([]);
  });

  it('loads @opentelemetry/api, an optional peer dependency, by one dynamic import only', () => {
    // Open to 1.9: the newest SDKs need Node.js 22, and apps on Node.js 20 stay on API 1.9.
    expect(manifest.peerDependencies[OTEL_API]).toBe('^1.9.0');
    expect(manifest.peerDependenciesMeta?.[OTEL_API]).toEqual({ optional: true });
    expect(manifest.devDependencies[OTEL_API]).toMatch(/^[~^]1\.9\./);
    const files = sourceFiles(join(ROOT, 'lib'));
    const staticImporters = files.filter((file) =>
      specifiersOf(readFileSync(file, 'utf8')).some((s) => s.startsWith('@opentelemetry/')),
    );
    expect(staticImporters.map((file) => relative(ROOT, file))).toEqual([]);
    const dynamicImporters = files.filter((file) =>
      dynamicSpecifiersOf(readFileSync(file, 'utf8')).some((s) => s.startsWith('@opentelemetry/')),
    );
    expect(dynamicImporters.map((file) => relative(ROOT, file))).toEqual([TELEMETRY_FILE]);
  });

  it('compiles the telemetry module with a dynamic import of @opentelemetry/api, never a static one', () => {
    const source = readFileSync(join(ROOT, TELEMETRY_FILE), 'utf8');
    const outputs = [
      ts.transpileModule(source, {
        compilerOptions: { module: ts.ModuleKind.ES2022, target: ts.ScriptTarget.ES2022 },
      }).outputText,
    ];
    // The build's own output too, when there is one (CI builds before testing).
    const built = join(ROOT, 'dist/telemetry/ciam-telemetry.js');
    if (existsSync(built)) outputs.push(readFileSync(built, 'utf8'));
    for (const output of outputs) {
      expect(output).toContain(`await import('${OTEL_API}')`);
      expect(output).not.toMatch(/^\s*(?:import|export)\b[^;(]*?['"]@opentelemetry\//m);
      expect(output).not.toMatch(/\brequire\(\s*['"]@opentelemetry\//);
    }
  });

  it('keeps the main entry from reaching lib/swagger/ or @nestjs/swagger', () => {
    const { files, packages } = importGraph('lib/index.ts');
    expect(files.size).toBeGreaterThan(10);
    const swaggerFiles = [...files].filter((file) => file.startsWith(`${SWAGGER_DIR}/`));
    expect(swaggerFiles.map((file) => relative(ROOT, file))).toEqual([]);
    expect(packages.has(SWAGGER)).toBe(false);
    // The swagger entry does reach it: the walk follows imports.
    expect(importGraph('lib/swagger/index.ts').packages.has(SWAGGER)).toBe(true);
  });

  it('maps every exports entry to a source file that the build turns into it', () => {
    expect(codeEntries.map(([key]) => key)).toEqual(['.', './testing', './client', './swagger']);
    for (const [, target] of codeEntries) {
      const { types, default: js } = target as { types: string; default: string };
      expect(types.replace(/\.d\.ts$/, '')).toBe(js.replace(/\.js$/, ''));
      const source = join(ROOT, js.replace(/^\.\/dist\//, 'lib/').replace(/\.js$/, '.ts'));
      expect(existsSync(source)).toBe(true);
    }
  });

  it('gives every subpath entry its types under moduleResolution node10 too (typesVersions)', () => {
    // node10 ignores `exports`: without typesVersions, `nestjs-ciam-errors/testing` has no types.
    const subpaths = codeEntries.filter(([key]) => key !== '.');
    expect(subpaths.length).toBeGreaterThan(0);
    for (const [key, target] of subpaths) {
      const { types } = target as { types: string };
      expect(manifest.typesVersions['*']![key.replace(/^\.\//, '')]).toEqual([types]);
    }
  });

  it('ships catalog.json, written into dist by the build after tsc', () => {
    expect(manifest.exports['./catalog.json']).toBe('./dist/catalog.json');
    expect(manifest.scripts.build).toMatch(
      /tsc -p tsconfig\.build\.json && node scripts\/build-catalog-json\.mjs$/,
    );
    expect(manifest.files).toContain('dist');
    expect(existsSync(join(ROOT, 'scripts/build-catalog-json.mjs'))).toBe(true);
  });

  it('declares no side effects, so bundlers keep only what the client entry uses', () => {
    expect(manifest.sideEffects).toBe(false);
  });
});
