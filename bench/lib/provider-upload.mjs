// Shared by the RenderNet and Tenovos upload scenarios: the provider mock in a child process, a sparse
// source file, and one measured run (MB/s, peak RSS growth of this process).
import { fork } from 'node:child_process';
import { mkdtemp, open } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BENCH, tmpDir } from './util.mjs';

export const MiB = 1024 * 1024;

export function startProviderMock(options) {
  return new Promise((resolve, reject) => {
    const child = fork(join(BENCH, 'lib', 'provider-upload-child.mjs'), [JSON.stringify(options)], { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    child.once('error', reject);
    child.once('message', (m) => resolve({ ...m, close: () => new Promise((res) => (child.once('exit', res), child.send('close'))) }));
  });
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
export async function compare(size, contenders, rounds, round) {
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
