// Shared helpers for the benchmarks: paths, statistics, child processes.
import { fork } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const BENCH = dirname(dirname(fileURLToPath(import.meta.url)));
export const ROOT = dirname(BENCH);
export const TMP = join(BENCH, 'tmp');
export const pkgDist = (name, file = 'index.js') => join(ROOT, 'packages', name, 'dist', file);
/** openapi-fetch is a dependency of the runtime, not of the root: import it from there. */
export const OPENAPI_FETCH = join(ROOT, 'packages', 'runtime', 'node_modules', 'openapi-fetch', 'dist', 'index.mjs');

export function tmpDir(name) {
  const dir = join(TMP, name);
  mkdirSync(dir, { recursive: true });
  return dir;
}

export function quantile(values, q) {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}
export const median = (values) => quantile(values, 0.5);
export const round = (n, digits = 3) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : n);

/**
 * Runs `script` in a child node process (with --expose-gc) and resolves with the
 * first message it sends. The child is killed if it takes longer than `timeoutMs`.
 */
export function runChild(script, args = [], { timeoutMs = 120_000, execArgv = ['--expose-gc'] } = {}) {
  return new Promise((resolve, reject) => {
    const child = fork(script, args, { execArgv, stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    let result;
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${script} took longer than ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('message', (message) => (result = message));
    child.once('error', (error) => (clearTimeout(timer), reject(error)));
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      if (result?.error) reject(new Error(`${script}: ${result.error}`));
      else if (result !== undefined) resolve(result);
      else reject(new Error(`${script} exited (${signal ?? code}) without a result`));
    });
  });
}

/**
 * Starts a mock server in its own process, so its CPU time and heap stay out of
 * the measurements. Resolves with { url, apiKey, ids, close() }.
 */
export function startMockProcess(provider, options) {
  return new Promise((resolve, reject) => {
    const child = fork(join(BENCH, 'lib', 'mock-child.mjs'), [provider, JSON.stringify(options)], {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const timer = setTimeout(() => (child.kill('SIGKILL'), reject(new Error('mock server did not start in 30 s'))), 30_000);
    child.once('error', (error) => (clearTimeout(timer), reject(error)));
    child.once('message', (info) => {
      clearTimeout(timer);
      if (info.error) return reject(new Error(info.error));
      const exited = new Promise((r) => child.once('exit', r));
      resolve({
        ...info,
        close: async () => {
          child.send('close');
          const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
          await exited;
          clearTimeout(killer);
        },
      });
    });
  });
}
