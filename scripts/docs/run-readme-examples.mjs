// pnpm test:docs (part 1) — runs every runnable README block (readme-blocks.mjs) as a user would
// paste it: TypeScript stripped by esbuild, imports of @assetkit/* resolved to the built packages,
// against the bundled mock. A block fails when it exits non-zero, or prints `undefined` or a 4xx/5xx
// status — the sign of a sample id the mock does not have.
import { mkdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { transform } from 'esbuild';
import { publicPackages, ROOT } from '../packaging/public-packages.mjs';
import { runCommand } from '../packaging/run-command.mjs';
import { withTempDir } from '../packaging/temp-dir.mjs';
import { runnableBlocks } from './readme-blocks.mjs';

const READMES = ['README.md', ...publicPackages().map((p) => join(p.dir.slice(ROOT.length + 1), 'README.md'))];
const SUSPICIOUS = /\bundefined\b|^\s*[45]\d\d\b|\b[45]\d\d undefined\b/m;

let passed = 0;
let failed = 0;
await withTempDir('readme', async (dir) => {
  // node_modules/@assetkit/<name> -> packages/<name>: imports resolve to the built dist/, and each
  // package's own dependencies resolve from its real path in the workspace.
  await mkdir(join(dir, 'node_modules', '@assetkit'), { recursive: true });
  for (const p of publicPackages()) await symlink(p.dir, join(dir, 'node_modules', p.name));
  await writeFile(join(dir, 'package.json'), '{ "type": "module", "private": true }\n');
  let n = 0;
  for (const readme of READMES) {
    for (const block of runnableBlocks(join(ROOT, readme))) {
      const where = `${readme}:${block.line} (${block.heading})`;
      const file = join(dir, `example-${++n}.mjs`);
      const { code } = await transform(block.code, { loader: block.lang.startsWith('t') ? 'ts' : 'js', format: 'esm', target: 'node20' });
      await writeFile(file, code);
      const r = await runCommand(process.execPath, [file], { cwd: dir, timeoutMs: 300_000 });
      const output = `${r.stdout}${r.stderr}`.trim();
      if (r.code === 0 && !SUSPICIOUS.test(r.stdout)) {
        passed++;
        console.log(`PASS ${where}: ${r.stdout.trim().split('\n')[0]?.slice(0, 120) ?? ''}`);
      } else {
        failed++;
        const why = r.code !== 0 ? `exited ${r.code ?? r.signal}` : 'printed undefined or an error status';
        console.log(`FAIL ${where}: ${why}\n${output.replace(/^/gm, '     ')}`);
      }
    }
  }
});
console.log(`\nREADME examples: ${passed}/${passed + failed} checks passed`);
if (failed > 0 || passed === 0) process.exitCode = 1;
