// `node scripts/run-guides.mjs [doc…]`: packs the package and replays the guides (all, or those
// named), as the smoke test does; prints each check and `guides: N passed, N failed`.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GUIDES } from './guide-checks.mjs';
import { runGuide } from './guides.mjs';

export async function runGuides({ root, tarball, work, only = [] }) {
  const checks = [];
  for (const guide of GUIDES) {
    if (only.length > 0 && !only.includes(guide.doc)) continue;
    for (const template of guide.templates) {
      const dir = join(work, `${guide.doc.replace(/\W+/g, '-')}-${template}`);
      try {
        checks.push(...(await runGuide({ root, tarball, dir, guide, template })));
      } catch (error) {
        checks.push([
          `${guide.doc} (${template})`,
          false,
          String(error?.stack ?? error) + (error?.stderr ?? ''),
        ]);
      }
    }
  }
  return checks;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const root = resolve(import.meta.dirname, '..');
  const work = mkdtempSync(join(tmpdir(), 'ciam-guides-'));
  const tarball = join(
    work,
    execFileSync('npm', ['pack', '--silent', '--pack-destination', work], {
      cwd: root,
      encoding: 'utf8',
    })
      .trim()
      .split('\n')
      .pop(),
  );
  let passed = 0;
  let failed = 0;
  try {
    for (const [name, ok, detail] of await runGuides({
      root,
      tarball,
      work,
      only: process.argv.slice(2),
    })) {
      console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}${ok || !detail ? '' : `\n${detail}`}`);
      if (ok) passed++;
      else failed++;
    }
  } finally {
    if (!process.env.KEEP) rmSync(work, { recursive: true, force: true });
  }
  console.log(`guides: ${passed} passed, ${failed} failed`);
  process.exitCode = failed === 0 && passed > 0 ? 0 : 1;
}
