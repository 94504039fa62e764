// Upload throughput: the engine (@assetkit/runtime/upload, uploadParts from a file path) against a
// raw loop of parallel PUTs of the same bytes (each part read into memory, then fetch), both to the
// assetkit object store in its own process with a fixed latency per PUT. Runs as a bench child
// (result over IPC) or alone: node bench/scenarios/uploads.mjs '{"sizeMB":1024}'.
// Reports throughput (fraction of raw; target >= 0.85), peak RSS growth of the uploading process,
// and bytes the process wrote to storage while the engine uploaded (target 0: no temp files).
// Then the TwelveLabs flow on the TwelveLabs mock (same store latency): twelvelabs-js's
// multipartUpload.uploadFile against the engine driving the same endpoints ({"twelvelabs":false} skips it).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { mkdtemp, open, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { uploadParts } from '../../packages/runtime/dist/upload/index.js';
import { measure, MiB, report, reportFailure, sparseFile, startObjectStoreProcess, startProviderMock } from '../lib/provider-upload.mjs';
import { median, round, tmpDir } from '../lib/util.mjs';

const config = JSON.parse(process.argv[2] ?? '{}');
const SIZE = (config.sizeMB ?? 1024) * MiB;
const PART = (config.partMB ?? 8) * MiB;
const CONCURRENCY = config.concurrency ?? 4;
const LATENCY = config.latencyMs ?? 20;
const ROUNDS = config.rounds ?? 2;

/** Bytes this process caused to be written to storage (Linux /proc/self/io write_bytes; temp dirs are on disk). */
function writtenToStorage() {
  try {
    return Number(/write_bytes: (\d+)/.exec(readFileSync('/proc/self/io', 'utf8'))[1]);
  } catch {
    return undefined;
  }
}

/** The meter must see a real write, or a 0 below would prove nothing. */
async function meterSeesWrites(dir) {
  const before = writtenToStorage();
  if (before === undefined) return false;
  const f = await open(join(dir, 'meter-check.bin'), 'w');
  await f.write(new Uint8Array(MiB).fill(1));
  await f.close();
  return writtenToStorage() - before >= MiB;
}

const { dir, path } = await sparseFile('src', SIZE);
const store = await startObjectStoreProcess({ latencyMs: LATENCY });
const parts = Math.ceil(SIZE / PART);

const contenders = {
  async engine(key) {
    const uploadId = await store.call('create', { key });
    const result = await uploadParts({
      source: path,
      partSize: PART,
      concurrency: CONCURRENCY,
      sessionId: uploadId,
      getUrl: (partNumber) => store.call('presign', { key, uploadId, partNumber }),
    });
    return store.call('complete', { key, uploadId, parts: result.parts });
  },
  async raw(key) {
    const uploadId = await store.call('create', { key });
    const file = await open(path, 'r');
    const etags = [];
    let next = 1;
    try {
      await Promise.all(
        Array.from({ length: CONCURRENCY }, async () => {
          while (next <= parts) {
            const n = next++;
            const start = (n - 1) * PART;
            const body = new Uint8Array(Math.min(PART, SIZE - start));
            await file.read(body, 0, body.length, start);
            const url = await store.call('presign', { key, uploadId, partNumber: n });
            const res = await fetch(url, { method: 'PUT', body });
            await res.arrayBuffer();
            etags[n - 1] = { partNumber: n, etag: res.headers.get('etag') };
          }
        }),
      );
    } finally {
      await file.close();
    }
    return store.call('complete', { key, uploadId, parts: etags });
  },
};

async function twelvelabsContenders(tl, file) {
  const { TwelveLabs } = await import('twelvelabs-js');
  const { createTwelveLabsClient } = await import('../../packages/twelvelabs/dist/index.js');
  const { upload } = await import('../../packages/twelvelabs/dist/upload/index.js');
  // The wrapper class takes its base URL only from the environment.
  process.env.TWELVELABS_BASE_URL = tl.url;
  const sdk = new TwelveLabs({ apiKey: tl.apiKey });
  const client = createTwelveLabsClient({ apiKey: tl.apiKey, baseUrl: tl.url });
  return {
    async sdk() {
      // The SDK logs every step to the console; keep the bench output readable.
      const log = console.log;
      console.log = () => {};
      try {
        // Its defaults but for the workers: batches of 10 chunks, CONCURRENCY PUTs at once within a batch.
        const result = await sdk.multipartUpload.uploadFile(file, { maxWorkers: CONCURRENCY });
        if (!result.assetId) throw new Error('twelvelabs-js: no asset id');
      } finally {
        console.log = log;
      }
    },
    // The loopback limit of this store: a session, then a plain loop of CONCURRENCY parallel PUTs of the same
    // bytes (each part read into memory first), URLs fetched up front, no reports: nothing but the PUTs.
    async raw() {
      const api = async (path, body) => {
        const res = await fetch(`${tl.url}${path}`, { method: 'POST', headers: { 'x-api-key': tl.apiKey, 'content-type': 'application/json' }, body: JSON.stringify(body) });
        if (!res.ok) throw new Error(`POST ${path}: ${res.status} ${await res.text()}`);
        return res.json();
      };
      const session = await api('/assets/multipart-uploads', { filename: 'raw.mp4', type: 'video', total_size: SIZE });
      const urls = new Map(session.upload_urls.map((u) => [u.chunk_index, u.url]));
      for (let start = 1; start <= session.total_chunks; start += 50) {
        for (const u of (await api(`/assets/multipart-uploads/${session.upload_id}/presigned-urls`, { start, count: 50 })).upload_urls) urls.set(u.chunk_index, u.url);
      }
      const chunk = session.chunk_size;
      const handle = await open(file, 'r');
      let next = 1;
      try {
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (next <= session.total_chunks) {
              const n = next++;
              const body = new Uint8Array(Math.min(chunk, SIZE - (n - 1) * chunk));
              await handle.read(body, 0, body.length, (n - 1) * chunk);
              const res = await fetch(urls.get(n), { method: 'PUT', body });
              await res.arrayBuffer();
              if (!res.ok) throw new Error(`raw PUT ${n}: ${res.status}`);
            }
          }),
        );
      } finally {
        await handle.close();
      }
    },
    // The TwelveLabs helper as users call it (@assetkit/twelvelabs/upload), forced to multipart.
    async engine() {
      const result = await upload(client, { source: file, name: 'bench.mp4', multipartThreshold: 0, concurrency: CONCURRENCY });
      if (result.method !== 'multipart' || !result.assetId) throw new Error('assetkit upload: not a multipart upload');
    },
  };
}

/** Total bytes of the files under `dir` now (the temp chunk files twelvelabs-js writes and deletes). */
function bytesUnder(dir) {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    try {
      total += statSync(join(entry.parentPath ?? entry.path, entry.name)).size;
    } catch {
      // deleted between the listing and the stat
    }
  }
  return total;
}

/** Runs fn with TMPDIR pointed at a fresh empty dir; returns the most bytes seen there at once and the files made. */
async function withWatchedTmp(fn) {
  const tmp = await mkdtemp(join(tmpDir('uploads'), 'tmpdir-'));
  const saved = process.env.TMPDIR;
  process.env.TMPDIR = tmp; // os.tmpdir() reads it on every call
  let peak = 0;
  const watch = setInterval(() => (peak = Math.max(peak, bytesUnder(tmp))), 25);
  try {
    const value = await fn();
    peak = Math.max(peak, bytesUnder(tmp));
    return { value, tmpPeakBytes: peak };
  } finally {
    clearInterval(watch);
    if (saved === undefined) delete process.env.TMPDIR;
    else process.env.TMPDIR = saved;
    await rm(tmp, { recursive: true, force: true });
  }
}

try {
  // Warm up both (fetch, JIT), then interleave rounds so drift hits both alike.
  for (const name of ['engine', 'raw']) await contenders[name](`warm-${name}`).catch((e) => Promise.reject(new Error(`${name}: ${e}`)));
  const runs = { engine: [], raw: [] };
  const meterWorks = await meterSeesWrites(dir);
  let engineWritten = 0;
  for (let r = 0; r < ROUNDS; r++) {
    for (const name of r % 2 === 0 ? ['raw', 'engine'] : ['engine', 'raw']) {
      const before = writtenToStorage();
      const m = await measure(SIZE, () => contenders[name](`${name}-${r}`));
      if (name === 'engine' && before !== undefined) engineWritten += writtenToStorage() - before;
      const stored = (await store.call('stats')).objects;
      runs[name].push({ ...m, stored });
    }
  }
  const pick = (name) => ({
    mbPerSecond: round(median(runs[name].map((x) => x.mbPerSecond)), 1),
    peakRssGrowthMB: round(Math.max(...runs[name].map((x) => x.peakRssGrowthMB)), 1),
    runs: runs[name].map((x) => round(x.mbPerSecond, 1)),
  });
  const engine = pick('engine');
  const raw = pick('raw');

  // twelvelabs-js (uploadFile) against the engine on the TwelveLabs mock, same file, same store latency.
  let twelvelabs = null;
  if (config.twelvelabs !== false) {
    const tl = await startProviderMock({ provider: 'twelvelabs', latencyMs: LATENCY, chunkSize: PART });
    try {
      const c = await twelvelabsContenders(tl, path);
      await c.sdk();
      await c.engine(); // warm-up
      await c.raw();
      const runs = { sdk: [], engine: [], raw: [] };
      for (let r = 0; r < ROUNDS; r++) {
        for (const name of r % 2 === 0 ? ['sdk', 'raw', 'engine'] : ['engine', 'raw', 'sdk']) {
          // Bytes written are counted inside the watched TMPDIR's life: making and removing that dir is not the contender's.
          const { value, tmpPeakBytes } = await withWatchedTmp(async () => {
            const before = writtenToStorage();
            const m = await measure(SIZE, () => c[name]());
            return { m, written: meterWorks ? writtenToStorage() - before : null };
          });
          runs[name].push({ ...value.m, tmpPeakBytes, written: value.written });
        }
      }
      const out = {};
      for (const name of ['sdk', 'engine', 'raw']) {
        const rs = runs[name];
        out[name] = {
          mbPerSecond: round(median(rs.map((x) => x.mbPerSecond)), 1),
          runs: rs.map((x) => round(x.mbPerSecond, 1)),
          peakRssGrowthMB: round(Math.max(...rs.map((x) => x.peakRssGrowthMB)), 1),
          // Most bytes found at once in the (fresh, empty) TMPDIR during a run.
          tmpDirPeakBytes: Math.max(...rs.map((x) => x.tmpPeakBytes)),
          bytesWrittenToStorage: meterWorks ? Math.max(...rs.map((x) => x.written)) : null,
        };
      }
      const limitMB = (CONCURRENCY * PART) / MiB + 64;
      twelvelabs = {
        ...out,
        engineVsSdk: round(out.engine.mbPerSecond / out.sdk.mbPerSecond, 3),
        // vs the raw loop of parallel PUTs of the same bytes to the same store: the loopback limit.
        engineVsRaw: round(out.engine.mbPerSecond / out.raw.mbPerSecond, 3),
        rssLimitMB: limitMB,
      };
    } finally {
      await tl.close();
    }
  }
  const result = {
    config: { sizeMB: SIZE / MiB, partMB: PART / MiB, concurrency: CONCURRENCY, latencyMs: LATENCY, rounds: ROUNDS },
    engine,
    raw,
    throughputFraction: round(engine.mbPerSecond / raw.mbPerSecond, 3),
    // Everything the uploading process wrote to disk (temp dirs included) while the engine ran.
    engineBytesWrittenToStorage: meterWorks ? engineWritten : null,
    twelvelabs,
  };
  report(result);
} catch (error) {
  reportFailure(error);
} finally {
  await store.close();
  await rm(dir, { recursive: true, force: true });
}
