import { describe, expect, it } from '@jest/globals';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// The shape of lib/ that keeps a change cheap (CONTRIBUTING.md, "Layout"): small files, imports
// that point down the folder stack, no cycle. The emulator, a program of its own, is exempt from
// the size limit only.

const lib = resolve(dirname(fileURLToPath(import.meta.url)), '../lib');
const MAX_LINES = 250;

function sources(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sources(path);
    return path.endsWith('.ts') ? [path] : [];
  });
}

const files = sources(lib);
/** Each file's relative imports, as files of lib/. */
const imports = new Map(
  files.map((file) => {
    const text = readFileSync(file, 'utf8');
    const targets = [...text.matchAll(/from '(\.{1,2}\/[^']+)\.js'/g)].map((match) =>
      resolve(dirname(file), `${match[1]}.ts`),
    );
    return [file, targets] as const;
  }),
);
const name = (file: string) => relative(lib, file);

describe('lib/', () => {
  it(`has no file over ${MAX_LINES} lines outside the emulator`, () => {
    const long = files
      .filter((file) => !name(file).startsWith('testing/emulator/'))
      .map((file) => [name(file), readFileSync(file, 'utf8').split('\n').length - 1] as const)
      .filter(([, lines]) => lines > MAX_LINES);
    expect(long).toEqual([]);
  });

  it('imports resolve to files that exist', () => {
    const missing = [...imports].flatMap(([file, targets]) =>
      targets.filter((target) => !files.includes(target)).map((t) => `${name(file)} -> ${name(t)}`),
    );
    expect(missing).toEqual([]);
  });

  it('has no import from a lower folder into filters/', () => {
    const climbing = [...imports].flatMap(([file, targets]) => {
      const from = name(file);
      // The module files at the top compose the package: they are above every folder.
      if (from.startsWith('filters/') || !from.includes('/')) return [];
      return targets
        .filter((t) => name(t).startsWith('filters/'))
        .map((t) => `${from} -> ${name(t)}`);
    });
    expect(climbing).toEqual([]);
  });

  it('has no import cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const stack: string[] = [];
    const visit = (file: string) => {
      state.set(file, 'open');
      stack.push(file);
      for (const target of imports.get(file) ?? []) {
        if (state.get(target) === 'open') {
          cycles.push(stack.slice(stack.indexOf(target)).concat(target).map(name).join(' -> '));
        } else if (!state.has(target)) {
          visit(target);
        }
      }
      stack.pop();
      state.set(file, 'done');
    };
    for (const file of files) if (!state.has(file)) visit(file);
    expect(cycles).toEqual([]);
  });
});
