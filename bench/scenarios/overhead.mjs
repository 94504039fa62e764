// (1) Per-request overhead. Run as a child process; sends its result over IPC.
// Every contender fetches the same asset from one keep-alive loopback mock (latency 0,
// in its own process; with { inProcess: true } in this process, where the mock's own CPU
// time shares the event loop, which makes the client's share of each request larger). Contenders are interleaved round-robin, in a rotating order,
// so drift (thermal, GC, other tenants) hits them all alike.
import { performance } from 'node:perf_hooks';
import { TwelvelabsApiClient } from 'twelvelabs-js';
import { createAssetClient } from '../../packages/unified/dist/index.js';
import { createTwelveLabsClient } from '../../packages/twelvelabs/dist/index.js';
import { median, OPENAPI_FETCH, quantile, round, startMockProcess } from '../lib/util.mjs';

const { default: createClient } = await import(OPENAPI_FETCH);
const config = JSON.parse(process.argv[2] ?? '{}');
const ROUNDS = config.rounds ?? 30;
const PER_ROUND = config.perRound ?? 50;
const WARMUP = config.warmup ?? 300;

const MOCK_OPTIONS = { assets: 300, seed: 1, latencyMs: 0 };
const mock = config.inProcess ? await startInProcess() : await startMockProcess('twelvelabs', MOCK_OPTIONS);

async function startInProcess() {
  const { startMockServer } = await import('../../packages/mock/dist/index.js');
  const server = await startMockServer('twelvelabs', MOCK_OPTIONS);
  return { url: server.url, apiKey: server.apiKey, ids: server.assets.map((a) => a._id), close: () => server.close() };
}
try {
  const { url, apiKey } = mock;
  const id = mock.ids[17];
  const generated = createTwelveLabsClient({ apiKey, baseUrl: url });
  const bare = createClient({ baseUrl: url, headers: { 'x-api-key': apiKey } });
  const unified = createAssetClient({ twelvelabs: { apiKey, baseUrl: url } });
  const sdk = new TwelvelabsApiClient({ apiKey, baseUrl: url });
  const rawUrl = `${url}/assets/${id}`;
  const rawHeaders = { 'x-api-key': apiKey };

  /** name -> one request, resolving with the asset id it got (checked once). */
  const contenders = {
    raw: async () => JSON.parse(await (await fetch(rawUrl, { headers: rawHeaders })).text())._id,
    openapiFetch: async () => (await bare.GET('/assets/{asset_id}', { params: { path: { asset_id: id } } })).data._id,
    generated: async () => (await generated.GET('/assets/{asset_id}', { params: { path: { asset_id: id } } })).data._id,
    unified: async () => (await unified.get(`twelvelabs:${id}`)).id,
    sdk: async () => (await sdk.assets.retrieve(id)).id,
  };
  const names = Object.keys(contenders);
  for (const name of names) {
    const got = await contenders[name]();
    if (got !== id) throw new Error(`${name} returned asset ${got}, expected ${id}`);
  }
  // Warm-up, interleaved too.
  for (let i = 0; i < WARMUP; i++) for (const name of names) await contenders[name]();

  const samples = Object.fromEntries(names.map((n) => [n, []]));
  const roundMedians = Object.fromEntries(names.map((n) => [n, []]));
  const started = performance.now();
  for (let r = 0; r < ROUNDS; r++) {
    // Rotate the starting contender each round and alternate direction.
    const rotated = names.map((_, i) => names[(i + r) % names.length]);
    const order = r % 2 === 0 ? rotated : rotated.reverse();
    for (const name of order) {
      const fn = contenders[name];
      const times = [];
      for (let i = 0; i < PER_ROUND; i++) {
        const t0 = performance.now();
        await fn();
        times.push(performance.now() - t0);
      }
      samples[name].push(...times);
      roundMedians[name].push(median(times));
    }
  }
  const elapsedMs = performance.now() - started;

  const stats = Object.fromEntries(
    names.map((n) => [n, { medianMs: round(median(samples[n]), 4), p10Ms: round(quantile(samples[n], 0.1), 4), p90Ms: round(quantile(samples[n], 0.9), 4), n: samples[n].length }]),
  );
  /** Median over rounds of (contender's round median / baseline's round median): paired, so drift cancels. */
  const pairedRatio = (a, b) => {
    const ratios = roundMedians[a].map((v, i) => v / roundMedians[b][i]);
    return { ratio: round(median(ratios), 4), p25: round(quantile(ratios, 0.25), 4), p75: round(quantile(ratios, 0.75), 4) };
  };
  process.send({
    config: { rounds: ROUNDS, perRound: PER_ROUND, warmup: WARMUP, assetId: id, inProcess: Boolean(config.inProcess) },
    elapsedMs: round(elapsedMs, 0),
    stats,
    ratios: {
      generatedVsOpenapiFetch: pairedRatio('generated', 'openapiFetch'),
      unifiedVsRaw: pairedRatio('unified', 'raw'),
      generatedVsRaw: pairedRatio('generated', 'raw'),
      openapiFetchVsRaw: pairedRatio('openapiFetch', 'raw'),
      generatedVsSdk: pairedRatio('generated', 'sdk'),
      unifiedVsSdk: pairedRatio('unified', 'sdk'),
      sdkVsRaw: pairedRatio('sdk', 'raw'),
    },
  });
} catch (error) {
  process.send({ error: String(error?.stack ?? error) });
} finally {
  await mock.close();
}
