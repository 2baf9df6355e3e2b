import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

// Every relative link of the repository's Markdown leads somewhere: the file exists, and a
// `#fragment` names a heading of it, as GitHub makes heading anchors. Guides move; a link left
// pointing at the old place fails here rather than in a reader's browser.

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SKIP = new Set(['node_modules', 'dist', '.git', '.tmp', 'coverage']);

function markdownFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name)) return [];
    const path = join(folder, entry.name);
    if (entry.isDirectory()) return markdownFiles(path);
    return entry.name.endsWith('.md') ? [path] : [];
  });
}

/** GitHub's anchor of a heading: lower case, punctuation dropped, spaces to hyphens. */
function anchorOf(heading: string): string {
  return heading
    .replace(/`/g, '')
    .replace(/\[([^\]]*)\]\([^)]*\)/g, '$1')
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\p{M}\- _]/gu, '')
    .replace(/ /g, '-');
}

function anchors(file: string): Set<string> {
  const seen = new Map<string, number>();
  const result = new Set<string>();
  let fenced = false;
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (line.startsWith('```')) fenced = !fenced;
    const heading = !fenced && /^#{1,6} (.+)$/.exec(line);
    if (!heading) continue;
    const base = anchorOf(heading[1]!);
    const count = seen.get(base) ?? 0;
    seen.set(base, count + 1);
    result.add(count === 0 ? base : `${base}-${count}`);
  }
  return result;
}

/** `[text](target)` links outside code, without a scheme. */
function links(markdown: string): string[] {
  const prose = markdown.replace(/```[\s\S]*?```/g, '').replace(/`[^`\n]*`/g, '');
  return [...prose.matchAll(/\]\(([^)\s]+)\)/g)]
    .map((match) => match[1]!)
    .filter((target) => !/^[a-z][a-z+.-]*:/i.test(target));
}

const FILES = markdownFiles(root);

describe('links between the docs', () => {
  it('finds the docs', () => {
    expect(FILES.map((file) => relative(root, file))).toEqual(
      expect.arrayContaining(['README.md', 'SECURITY.md', 'docs/quick-start.md']),
    );
  });

  it.each(FILES.map((file) => [relative(root, file), file]))('%s', (_name, file) => {
    const broken: string[] = [];
    for (const target of links(readFileSync(file, 'utf8'))) {
      const [path, fragment] = target.split('#') as [string, string | undefined];
      const destination = path === '' ? file : resolve(dirname(file), path);
      if (!existsSync(destination)) {
        broken.push(`${target}: no such file`);
        continue;
      }
      if (fragment !== undefined && destination.endsWith('.md')) {
        if (!anchors(destination).has(fragment)) broken.push(`${target}: no such heading`);
      }
    }
    expect(broken).toEqual([]);
  });

  // SECURITY.md and the guides name the tests that hold a claim; a renamed test file must not
  // leave the claim pointing at nothing.
  it.each(FILES.map((file) => [relative(root, file), file]))(
    '%s names test files that exist',
    (_name, file) => {
      const named = [
        ...readFileSync(file, 'utf8').matchAll(/`((?:test|bench|scripts)\/[\w./-]+\.(?:ts|mjs))`/g),
      ].map((match) => match[1]!);
      expect(named.filter((path) => !existsSync(resolve(root, path)))).toEqual([]);
    },
  );
});
