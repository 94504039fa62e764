// pnpm test:packages — packs every public package as `pnpm publish` would and
// lints the tarball with publint (strict) and attw. Fails on any problem.
import { kib, printTable } from './print-table.mjs';
import { lintTarball } from './lint-tarball.mjs';
import { packPackages } from './pack-packages.mjs';
import { publicPackages } from './public-packages.mjs';
import { withTempDir } from './temp-dir.mjs';

const started = Date.now();
const failures = await withTempDir('pack', async (dir) => {
  const packed = await packPackages(publicPackages(), dir);
  const results = await Promise.all(packed.map(async (p) => ({ packed: p, ...(await lintTarball(p)) })));

  const rows = results.map(({ packed: p, publint, attw, own }) => [
    p.name,
    kib(p.bytes),
    String(p.files.length),
    publint.length === 0 ? 'ok' : `${publint.length} problem(s)`,
    attw.note ?? (attw.problems.length === 0 ? `ok${attw.ignored ? ` (${attw.ignored} ignored by rule)` : ''}` : `${attw.problems.length} problem(s)`),
    own.length === 0 ? 'ok' : `${own.length} problem(s)`,
  ]);
  console.log('');
  printTable(['package', 'size', 'files', 'publint', 'attw', 'contents'], rows);

  const problems = [];
  for (const { packed: p, publint, attw, own } of results) {
    for (const m of publint) problems.push(`${p.name}: publint ${m}`);
    for (const m of attw.problems) problems.push(`${p.name}: attw ${m}`);
    for (const m of own) problems.push(`${p.name}: ${m}`);
  }
  return problems;
});

console.log('');
if (failures.length > 0) {
  for (const line of failures) console.error(`FAIL ${line}`);
  console.error(`\ntest:packages: ${failures.length} problem(s)`);
  process.exitCode = 1;
} else {
  console.log(`test:packages: all packages clean (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
