#!/usr/bin/env node
// pnpm lint:specs — lints specs/*.yaml with Redocly (recommended-strict plus the
// project's rules) and requires zero problems; then lints every fixture in
// scripts/lint/fixtures and requires the rule it is named after to fire, so a
// custom rule that silently stops working fails the build.
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { createRequire } from 'node:module';

const root = new URL('..', import.meta.url).pathname;
const redocly = createRequire(join(root, 'package.json')).resolve('@redocly/cli/bin/cli.js');

/** Runs `redocly lint` once over many files; returns problems grouped by file. */
function lint(files) {
  const run = spawnSync(process.execPath, [redocly, 'lint', '--format=json', ...files], {
    cwd: root,
    encoding: 'utf8',
    env: { ...process.env, REDOCLY_TELEMETRY: 'off', REDOCLY_SUPPRESS_UPDATE_NOTICE: 'true' },
  });
  // One JSON report per file, concatenated.
  const reports = run.stdout.trim().split(/(?<=\})\s*(?=\{\s*"totals")/).filter(Boolean).map((text) => JSON.parse(text));
  if (reports.length !== files.length) {
    throw new Error(`redocly printed ${reports.length} reports for ${files.length} files:\n${run.stderr}`);
  }
  const byFile = new Map(files.map((f) => [f, []]));
  for (const report of reports) {
    for (const problem of report.problems) byFile.get(problem.location[0].source.ref)?.push(problem);
  }
  return byFile;
}

let failed = false;
const specs = readdirSync(join(root, 'specs')).filter((f) => f.endsWith('.yaml')).sort().map((f) => `specs/${f}`);
for (const [file, problems] of lint(specs)) {
  for (const p of problems) console.error(`${file}: ${p.severity} ${p.ruleId}: ${p.message} (${p.location[0].pointer})`);
  console.log(`${problems.length === 0 ? 'ok  ' : 'FAIL'} ${file}: ${problems.length} problems`);
  failed ||= problems.length > 0;
}

const fixtureDir = 'scripts/lint/fixtures';
const fixtures = readdirSync(join(root, fixtureDir)).filter((f) => f.endsWith('.yaml')).sort().map((f) => `${fixtureDir}/${f}`);
for (const [file, problems] of lint(fixtures)) {
  const rule = `assetkit/${basename(file, '.yaml')}`;
  const fired = problems.some((p) => p.ruleId === rule);
  console.log(`${fired ? 'ok  ' : 'FAIL'} ${rule} fires on ${file}`);
  failed ||= !fired;
}

process.exit(failed ? 1 : 0);
