// (2) Listing throughput. Run as a child process with --expose-gc; sends its result over IPC.
// 10,000 assets, 50 per page, 25 ms of server latency per request, mock in its own process.
import { createHash } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { TwelvelabsApiClient } from 'twelvelabs-js';
import { createAssetClient } from '../../packages/unified/dist/index.js';
import { createTwelveLabsClient } from '../../packages/twelvelabs/dist/index.js';
import { median, round, startMockProcess } from '../lib/util.mjs';

const config = JSON.parse(process.argv[2] ?? '{}');
const ASSETS = config.assets ?? 10_000;
const PAGE_SIZE = 50;
const LATENCY_MS = config.latencyMs ?? 25;
const ROUNDS = config.rounds ?? 3;
if (typeof globalThis.gc !== 'function') throw new Error('run with --expose-gc');

const mock = await startMockProcess('twelvelabs', { assets: ASSETS, seed: 1, latencyMs: LATENCY_MS });
try {
  const { url, apiKey } = mock;
  const expected = createHash('sha256').update(mock.ids.join('\n')).digest('hex');
  mock.ids = undefined; // not part of anyone's heap growth

  const generated = createTwelveLabsClient({ apiKey, baseUrl: url });
  const unified = createAssetClient({ twelvelabs: { apiKey, baseUrl: url } });
  const sdk = new TwelvelabsApiClient({ apiKey, baseUrl: url });

  /** Each contender calls onAsset(id) for every asset, in order. */
  const contenders = {
    unified: async (onAsset) => {
      for await (const asset of unified.list({ providers: ['twelvelabs'], pageSize: PAGE_SIZE })) onAsset(asset.id);
    },
    sequential: async (onAsset) => {
      for (let page = 1, total = 1; page <= total; page++) {
        const { data } = await generated.GET('/assets', { params: { query: { page, page_limit: PAGE_SIZE } } });
        for (const asset of data.data) onAsset(asset._id);
        total = data.page_info.total_page;
      }
    },
    sdk: async (onAsset) => {
      const pager = await sdk.assets.list({ pageLimit: PAGE_SIZE });
      for await (const asset of pager) onAsset(asset.id);
    },
  };
  const names = Object.keys(contenders);

  async function measure(name) {
    const hash = createHash('sha256');
    let count = 0;
    let first = true;
    globalThis.gc();
    globalThis.gc();
    const base = process.memoryUsage().heapUsed;
    let peak = base;
    const sample = () => {
      const used = process.memoryUsage().heapUsed;
      if (used > peak) peak = used;
    };
    const sampler = setInterval(sample, 10);
    const t0 = performance.now();
    await contenders[name]((id) => {
      hash.update(first ? id : `\n${id}`);
      first = false;
      if (++count % PAGE_SIZE === 0) sample();
    });
    const ms = performance.now() - t0;
    clearInterval(sampler);
    sample();
    globalThis.gc();
    const retained = process.memoryUsage().heapUsed - base;
    return { ms, count, hash: hash.digest('hex'), peakGrowthMB: (peak - base) / 2 ** 20, retainedMB: retained / 2 ** 20 };
  }

  // One warm-up of the cheap contender (connections, JIT), then rotated rounds.
  await measure('unified');
  const runs = Object.fromEntries(names.map((n) => [n, []]));
  for (let r = 0; r < ROUNDS; r++) {
    const order = names.map((_, i) => names[(i + r) % names.length]);
    for (const name of order) runs[name].push(await measure(name));
  }
  const summary = Object.fromEntries(
    names.map((n) => [
      n,
      {
        medianMs: round(median(runs[n].map((x) => x.ms)), 1),
        runsMs: runs[n].map((x) => round(x.ms, 1)),
        count: runs[n][0].count,
        identical: runs[n].every((x) => x.hash === expected && x.count === ASSETS),
        peakGrowthMB: round(Math.max(...runs[n].map((x) => x.peakGrowthMB)), 2),
        retainedMB: round(Math.max(...runs[n].map((x) => x.retainedMB)), 2),
      },
    ]),
  );
  const pages = Math.ceil(ASSETS / PAGE_SIZE);
  process.send({
    config: { assets: ASSETS, pageSize: PAGE_SIZE, latencyMs: LATENCY_MS, rounds: ROUNDS, concurrency: 'default (4)' },
    idealSpeedupAtConcurrency4: round(pages / (1 + Math.ceil((pages - 1) / 4)), 3),
    ...summary,
    speedupVsSequential: round(summary.sequential.medianMs / summary.unified.medianMs, 3),
    speedupVsSdk: round(summary.sdk.medianMs / summary.unified.medianMs, 3),
    identical: names.every((n) => summary[n].identical),
  });
} catch (error) {
  process.send({ error: String(error?.stack ?? error) });
} finally {
  await mock.close();
}
