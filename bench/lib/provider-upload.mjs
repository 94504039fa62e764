// Shared by the upload scenarios (uploads, uploads-rendernet, uploads-tenovos): the mocks and the object
// store in child processes, a sparse source file, one measured run (MB/s, peak RSS growth of this
// process), and how a scenario hands its result to bench/run.mjs.
import { fork } from 'node:child_process';
import { mkdtemp, open } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH, ROOT, round, tmpDir } from './util.mjs';

export const MiB = 1024 * 1024;

/** Forks `script` and resolves with its first message (what it serves), plus close(): "close", then its exit. */
function startServerChild(script, options) {
  return new Promise((resolve, reject) => {
    const child = fork(script, [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('error', reject);
    child.once('message', (m) => resolve({ ...m, close: () => new Promise((res) => (child.once('exit', res), child.send('close'))) }));
  });
}

/** A provider mock (rendernet, tenovos or twelvelabs) with its object store in a child process (provider-upload-child.mjs). */
export const startProviderMock = (options) => startServerChild(join(BENCH, 'lib', 'provider-upload-child.mjs'), options);

/**
 * The object store in a child process, driven over IPC: the runtime's own test helper
 * (packages/runtime/src/upload/test-store-child.mjs), so the bench and memory.test.ts share one.
 * Resolves with { url, call(op, args), close() }.
 */
export function startObjectStoreProcess(options) {
  return new Promise((resolve, reject) => {
    const child = fork(join(ROOT, 'packages', 'runtime', 'src', 'upload', 'test-store-child.mjs'), [], {
      env: { ...process.env, OBJECT_STORE_OPTIONS: JSON.stringify(options) },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    });
    const waiting = new Map();
    let nextId = 0;
    child.once('error', reject);
    child.on('message', (m) => {
      if (m.ready) {
        return resolve({
          url: m.ready,
          call: (op, args = {}) =>
            new Promise((res, rej) => {
              const id = nextId++;
              waiting.set(id, { res, rej });
              child.send({ ...args, op, id });
            }),
          // The child closes the store and exits when the IPC channel goes.
          close: () => new Promise((res) => (child.once('exit', res), child.disconnect())),
        });
      }
      const w = waiting.get(m.id);
      waiting.delete(m.id);
      if (m.error) w.rej(new Error(m.error));
      else w.res(m.value);
    });
  });
}

/** Hands a scenario's result to bench/run.mjs (over IPC), or prints it when run alone. */
export function report(result) {
  if (process.send) process.send(result);
  else console.log(JSON.stringify(result, null, 2));
}

/** Hands a scenario's failure to bench/run.mjs, or throws it when run alone. */
export function reportFailure(error) {
  if (process.send) process.send({ error: String(error?.stack ?? error) });
  else throw error;
}

/** A sparse file of `size` bytes: the same bytes for every contender, no disk blocks to wait for. */
export async function sparseFile(name, size) {
  const dir = await mkdtemp(join(tmpDir('uploads'), `${name}-`));
  const path = join(dir, 'source.bin');
  const handle = await open(path, 'w');
  await handle.truncate(size);
  await handle.close();
  return { dir, path };
}

export async function measure(size, fn) {
  globalThis.gc?.();
  const rss0 = process.memoryUsage().rss;
  let peak = rss0;
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 10);
  const t0 = performance.now();
  try {
    await fn();
  } finally {
    clearInterval(sampler);
  }
  const ms = performance.now() - t0;
  return { ms, mbPerSecond: size / MiB / (ms / 1000), peakRssGrowthMB: (peak - rss0) / MiB };
}

/** Warm-up once each, then interleaved rounds; medians of MB/s, max of RSS growth. */
async function compare(size, contenders, rounds) {
  for (const name of Object.keys(contenders)) await contenders[name]();
  const runs = Object.fromEntries(Object.keys(contenders).map((n) => [n, []]));
  for (let r = 0; r < rounds; r++) {
    const names = Object.keys(contenders);
    for (const name of r % 2 === 0 ? names : names.reverse()) runs[name].push(await measure(size, contenders[name]));
  }
  const med = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  return Object.fromEntries(
    Object.entries(runs).map(([n, xs]) => [n, { mbPerSecond: round(med(xs.map((x) => x.mbPerSecond)), 1), peakRssGrowthMB: round(Math.max(...xs.map((x) => x.peakRssGrowthMB)), 1), runs: xs.map((x) => round(x.mbPerSecond, 1)) }]),
  );
}

/** Compares the { helper, raw } contenders and reports the config, both, and the helper's fraction of raw. */
export async function reportHelperVsRaw(config, size, contenders, rounds) {
  const r = await compare(size, contenders, rounds);
  report({ config, helper: r.helper, raw: r.raw, throughputFraction: round(r.helper.mbPerSecond / r.raw.mbPerSecond, 3) });
}
