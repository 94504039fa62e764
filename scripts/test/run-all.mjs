#!/usr/bin/env node
// pnpm test — runs each step of the test suite with its output captured, prints one line per
// step (name, time, pass/fail, counts) and the full log of the steps that failed, then a TOTAL
// line that .ci/run repeats. `--verbose` streams every step's output instead.
// Steps run one after another: the machine (and CI's) has two cores, and the packaging steps
// each start servers and compilers of their own.
import { spawn } from 'node:child_process';
import { QUIET_ENV } from '../quiet-env.mjs';

export const STEPS = [
  ['lint:specs'],
  ['check:generated'],
  ['check:changeset'],
  ['lint:workflows'],
  ['typecheck+test', 'node', ['scripts/turbo.mjs', 'run', 'typecheck', 'test', '--output-logs=full']],
  ['test:scripts'],
  ['test:packages'],
  ['test:consumer'],
  ['test:browser'],
  ['test:registry'],
  ['test:docs'],
];

/** Vitest's "Tests  N passed | M failed | K skipped" lines and our scripts' "N/M checks passed". */
export function countResults(log) {
  const counts = { passed: 0, failed: 0, skipped: 0 };
  const clean = log.replace(/\x1b\[[0-9;]*m/g, '');
  for (const line of clean.split('\n')) {
    const tests = /\bTests\s+(\d+ (?:passed|failed|skipped|todo).*)$/.exec(line);
    if (tests) {
      for (const [, n, kind] of tests[1].matchAll(/(\d+) (passed|failed|skipped|todo)/g)) counts[kind === 'todo' ? 'skipped' : kind] += Number(n);
      continue;
    }
    const checks = /(\d+)\/(\d+) checks passed/.exec(line);
    if (checks) {
      counts.passed += Number(checks[1]);
      counts.failed += Number(checks[2]) - Number(checks[1]);
    }
  }
  return counts;
}

/**
 * The part of a failed step's log worth reading. For turbo, only the failed tasks' own lines
 * (turbo's closing "Failed: pkg#task" names them) and its summary: a passing package's
 * output is noise next to the failure. Anything else: the whole log.
 */
export function failureLog(log) {
  const failedTasks = [...log.matchAll(/^Failed:\s+(.+)$/gm)].flatMap((m) => m[1].split(/,\s*/)).map((t) => t.trim()).filter(Boolean);
  if (failedTasks.length === 0) return log;
  const prefixes = failedTasks.flatMap((t) => [`${t.replace('#', ':')}:`, `${t}:`]);
  const lines = log.split('\n');
  const summary = lines.findIndex((l) => /^\s*Tasks:\s/.test(l));
  const own = lines.filter((l, i) => prefixes.some((p) => l.startsWith(p)) && (summary < 0 || i < summary));
  return [...own, '', ...(summary < 0 ? [] : lines.slice(summary))].join('\n');
}

function runStep([name, command = 'pnpm', args = ['run', '--silent', name]], verbose) {
  const started = Date.now();
  return new Promise((resolve) => {
    const child = spawn(command, args, { env: { ...process.env, ...QUIET_ENV, FORCE_COLOR: '0' }, stdio: ['ignore', verbose ? 'inherit' : 'pipe', verbose ? 'inherit' : 'pipe'] });
    let log = '';
    child.stdout?.setEncoding('utf8').on('data', (c) => (log += c));
    child.stderr?.setEncoding('utf8').on('data', (c) => (log += c));
    child.stdout?.on('error', () => {});
    child.stderr?.on('error', () => {});
    child.on('error', (error) => resolve({ name, ok: false, ms: Date.now() - started, log: `${log}\n${error.message}` }));
    child.on('close', (code, signal) => resolve({ name, ok: code === 0, ms: Date.now() - started, log: signal ? `${log}\n(killed by ${signal})` : log }));
  });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const verbose = process.argv.includes('--verbose');
  const only = process.argv.slice(2).filter((a) => !a.startsWith('--'));
  const steps = only.length ? STEPS.filter(([n]) => only.includes(n)) : STEPS;
  const results = [];
  const total = { passed: 0, failed: 0, skipped: 0 };
  const started = Date.now();
  for (const step of steps) {
    const result = await runStep(step, verbose);
    const counts = countResults(result.log);
    for (const k of Object.keys(total)) total[k] += counts[k];
    const tally = counts.passed + counts.failed + counts.skipped > 0 ? `  ${counts.passed} passed, ${counts.failed} failed, ${counts.skipped} skipped` : '';
    const skippedNote = /^SKIPPED/m.test(result.log) ? '  (SKIPPED: see log with --verbose)' : '';
    console.log(`${result.ok ? 'PASS' : 'FAIL'}  ${result.name.padEnd(16)} ${(result.ms / 1000).toFixed(1).padStart(6)} s${tally}${skippedNote}`);
    results.push(result);
  }
  const failed = results.filter((r) => !r.ok);
  for (const r of failed) console.log(`\n===== log of ${r.name} (failed tasks only; --verbose for all) =====\n${failureLog(r.log).trimEnd()}\n===== end of ${r.name} =====`);
  console.log(`\n${results.length - failed.length}/${results.length} steps passed in ${((Date.now() - started) / 1000).toFixed(1)} s${failed.length ? `; failed: ${failed.map((r) => r.name).join(', ')}` : ''}`);
  console.log(`TOTAL ${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
  if (failed.length) process.exitCode = 1;
}
