// The TwelveLabs upload helper against the mock (and its S3-like object store) on loopback:
// direct, URL and multipart uploads, abort and resume, expired URLs, PUT faults, lost create
// answers, failed processing, and bad input refused before anything is sent.
import { createHash } from 'node:crypto';
import { mkdir, mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer, startObjectStore, type MockServer, type ObjectStore, type ObjectStoreOptions } from '@assetkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortedError, AmbiguousWriteError, AssetFailedError, createTwelveLabsClient, InvalidRequestError, TimeoutError, type TwelveLabsClient } from '../src/index.js';
import { upload, waitUntilReady, type ResumeState } from '../src/upload/index.js';

const CHUNK = 64 * 1024;
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const bytesOf = (n: number, seed = 7) => new Uint8Array(n).map((_, i) => (i * seed + (i >> 8)) & 0xff);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'tl-upload-'));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

interface Env {
  mock: MockServer;
  store: ObjectStore;
  client: TwelveLabsClient;
  close(): Promise<void>;
}

async function env(options: { store?: ObjectStoreOptions; mock?: Parameters<typeof startMockServer>[1] } = {}): Promise<Env> {
  const store = await startObjectStore({ minPartSize: 1024, ...options.store });
  const mock = await startMockServer('twelvelabs', { assets: 0, processing: { delayMs: 0 }, uploads: { chunkSize: CHUNK }, objectStore: store, ...options.mock });
  const client = createTwelveLabsClient({ apiKey: mock.apiKey, baseUrl: mock.url });
  return { mock, store, client, close: async () => (await mock.close(), await store.close()) };
}

async function fileOf(name: string, bytes: Uint8Array): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

const streamOf = (bytes: Uint8Array, piece = 10_000) =>
  new ReadableStream<Uint8Array>({
    start(controller) {
      for (let i = 0; i < bytes.length; i += piece) controller.enqueue(bytes.slice(i, i + piece));
      controller.close();
    },
  });

describe('small files go direct (POST /assets, streamed form-data)', () => {
  let e: Env;
  beforeAll(async () => (e = await env()));
  afterAll(() => e.close());

  it.each([
    ['a file path', async (b: Uint8Array) => ({ source: await fileOf('small.mp4', b) })],
    ['a Blob', async (b: Uint8Array) => ({ source: new Blob([b as Uint8Array<ArrayBuffer>], { type: 'video/mp4' }) })],
    ['bytes', async (b: Uint8Array) => ({ source: b, name: 'bytes.mp4' })],
    ['a ReadableStream of unknown length', async (b: Uint8Array) => ({ source: streamOf(b), name: 'stream.mp4' })],
  ])('from %s', async (_what, make) => {
    const bytes = bytesOf(150_000);
    const progress: number[] = [];
    const result = await upload(e.client, { ...(await make(bytes)), metadata: { team: 'docs' }, onProgress: (p) => progress.push(p.bytesSent) });
    expect(result.method).toBe('direct');
    expect(result.asset).toMatchObject({ _id: result.assetId, method: 'direct' });
    expect(e.mock.upload(result.assetId)).toEqual({ size: bytes.length, sha256: sha256(bytes) });
    expect(progress.at(-1)).toBe(bytes.length);
    const ready = await waitUntilReady(e.client, result.assetId, { intervalMs: 10 });
    expect(ready).toMatchObject({ status: 'ready', size: bytes.length, user_metadata: { team: 'docs' } });
  });

  it('a URL by method=url', async () => {
    const result = await upload(e.client, { source: { url: 'https://cdn.example.com/media/promo.mp4' }, name: 'promo.mp4' });
    expect(result).toMatchObject({ method: 'url', asset: { method: 'url', filename: 'promo.mp4' } });
    expect(e.store.stats().puts).toBe(0);
  });
});

describe('large files go through a multipart session', () => {
  let e: Env;
  beforeAll(async () => (e = await env()));
  afterAll(() => e.close());

  it('from a file: every chunk once, reported, completed, the asset ready', async () => {
    const bytes = bytesOf(CHUNK * 12 + 777);
    const path = await fileOf('big.mp4', bytes);
    const before = e.store.stats().puts;
    const states: ResumeState[] = [];
    const result = await upload(e.client, { source: path, multipartThreshold: 0, concurrency: 4, reportBatch: 3, onStateChange: (s) => void states.push(s) });
    expect(result.method).toBe('multipart');
    expect(e.store.stats().puts - before).toBe(13);
    expect(e.mock.upload(result.assetId)).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
    expect(result.asset).toMatchObject({ _id: result.assetId, method: 'multipart', filename: 'big.mp4', size: bytes.length });
    expect(result.state?.parts).toHaveLength(13);
    expect(states.at(-1)?.data).toMatchObject({ provider: 'twelvelabs', uploadId: expect.any(String), assetId: result.assetId, chunkSize: CHUNK, totalChunks: 13 });
    // Small and serialisable: about 60 bytes a part.
    expect(JSON.stringify(states.at(-1)).length).toBeLessThan(2000);
    // Reports went in batches (13 chunks, batches of 3 or more), not one call per chunk.
    const reports = Object.entries(e.mock.stats.byPath).filter(([p]) => /^\/assets\/multipart-uploads\/[^/]+$/.test(p));
    expect(reports).toHaveLength(1);
    expect(reports[0]![1]).toBeLessThanOrEqual(5);
    expect(await waitUntilReady(e.client, result.assetId, { intervalMs: 10 })).toMatchObject({ status: 'ready' });

    // Resuming a finished upload sends nothing and gives the asset; a chunk reported again is a duplicate.
    const puts = e.store.stats().puts;
    const again = await upload(e.client, { source: path, resumeState: states.at(-1)! });
    expect(again.assetId).toBe(result.assetId);
    expect(e.store.stats().puts).toBe(puts);
    const first = result.state!.parts[0]!;
    const { data } = await e.client.POST('/assets/multipart-uploads/{upload_id}', {
      params: { path: { upload_id: result.state!.sessionId } },
      body: { completed_chunks: [{ chunk_index: 1, proof: first.etag.replace(/"/g, ''), proof_type: 'etag', chunk_size: first.size }] },
    });
    expect(data).toMatchObject({ duplicate_chunks: 1, processed_chunks: 0, total_completed: 13 });
  });

  it('from a ReadableStream given its size (read one chunk at a time)', async () => {
    const bytes = bytesOf(CHUNK * 5 + 10, 11);
    const result = await upload(e.client, { source: streamOf(bytes, 7000), size: bytes.length, name: 'live.mp4', multipartThreshold: 0 });
    expect(result.method).toBe('multipart');
    expect(e.mock.upload(result.assetId)).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
  });

  it('more chunks than the first set of URLs covers: fresh URLs are fetched ahead, 50 at most per call', async () => {
    const bytes = bytesOf(CHUNK * 60 + 1, 3);
    const path = await fileOf('sixty.mov', bytes);
    const result = await upload(e.client, { source: path, multipartThreshold: 0, concurrency: 6 });
    expect(e.mock.upload(result.assetId)).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
    const urlCalls = Object.entries(e.mock.stats.byPath).filter(([p]) => p.endsWith('/presigned-urls')).reduce((n, [, c]) => n + c, 0);
    expect(urlCalls).toBeGreaterThanOrEqual(2);
    expect(urlCalls).toBeLessThanOrEqual(4);
  });
});

describe('abort and resume', () => {
  it('abort stops every PUT and keeps the state; a fresh client resumes without sending finished chunks again', async () => {
    const e = await env({ store: { latencyMs: 20 } });
    try {
      const bytes = bytesOf(CHUNK * 20 + 5, 5);
      const path = await fileOf('resume.mp4', bytes);
      const controller = new AbortController();
      let saved: string | undefined;
      // Every chunk PUT goes through this fetch: none may start once abort was called.
      let putsAfterAbort = 0;
      const countingFetch: typeof fetch = (input, init) => {
        if (controller.signal.aborted) putsAfterAbort++;
        return fetch(input, init);
      };
      const failure = await upload(e.client, {
        source: path,
        multipartThreshold: 0,
        concurrency: 3,
        fetch: countingFetch,
        signal: controller.signal,
        onStateChange: (s) => {
          saved = JSON.stringify(s);
          if (s.parts.length >= 4) controller.abort();
        },
      }).catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(AbortedError);
      expect((failure as Error).message).toMatch(/no operation to cancel a multipart upload/);
      expect(putsAfterAbort).toBe(0); // no PUT after abort
      expect(e.store.stats().puts).toBeLessThan(21);
      const state = JSON.parse(saved!) as ResumeState;
      expect(state.parts.length).toBeGreaterThanOrEqual(4);
      expect(state.parts.length).toBeLessThan(21);

      // A new process: a new client, only the saved JSON.
      const fresh = createTwelveLabsClient({ apiKey: e.mock.apiKey, baseUrl: e.mock.url });
      const result = await upload(fresh, { source: path, resumeState: state, multipartThreshold: 0 });
      expect(result.assetId).toBe((state.data as { assetId: string }).assetId);
      // The store counts the PUTs that stored each part (one store upload here): the saved parts were stored
      // exactly once, i.e. never sent again; every other part at least once.
      const stored = e.store.stats().partPuts;
      const storeUpload = new Set(Object.keys(stored).map((k) => k.split(':')[0]));
      expect(storeUpload.size).toBe(1);
      const countOf = (n: number) => stored[`${[...storeUpload][0]}:${n}`] ?? 0;
      for (const p of state.parts) expect(countOf(p.partNumber)).toBe(1);
      for (let n = 1; n <= 21; n++) expect(countOf(n)).toBeGreaterThanOrEqual(1);
      expect(e.mock.upload(result.assetId)).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
    } finally {
      await e.close();
    }
  });

  it('a resume state does not fit another file', async () => {
    const e = await env();
    try {
      const path = await fileOf('one.mp4', bytesOf(CHUNK * 3));
      let saved: ResumeState | undefined;
      await upload(e.client, { source: path, multipartThreshold: 0, onStateChange: (s) => void (saved = s) });
      const other = await fileOf('other.mp4', bytesOf(CHUNK * 3, 9));
      await expect(upload(e.client, { source: other, resumeState: saved! })).rejects.toThrow(InvalidRequestError);
    } finally {
      await e.close();
    }
  });
});

describe('the network misbehaves', () => {
  it('expired URLs (all of them, mid-upload) are replaced and the upload completes', async () => {
    const e = await env();
    try {
      const bytes = bytesOf(CHUNK * 16, 13);
      let expired = false;
      const result = await upload(e.client, {
        source: bytes,
        name: 'expiry.mp4',
        multipartThreshold: 0,
        concurrency: 2,
        onStateChange: (s) => {
          if (!expired && s.parts.length === 2) {
            expired = true;
            e.store.expireAll();
          }
        },
      });
      expect(expired).toBe(true);
      expect(e.mock.upload(result.assetId)).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
    } finally {
      await e.close();
    }
  });

  it('PUTs answering 500, resets and expired are retried per chunk', async () => {
    const e = await env({ store: { faults: { plan: [null, '500', 'reset', 'expired', '500'] } } });
    try {
      const bytes = bytesOf(CHUNK * 6 + 3, 17);
      const result = await upload(e.client, { source: bytes, name: 'faults.mp4', multipartThreshold: 0 });
      expect(e.mock.upload(result.assetId)).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
      expect(e.store.stats().faults).toMatchObject({ '500': 2, reset: 1, expired: 1 });
    } finally {
      await e.close();
    }
  });

  it('a chunk that keeps failing stops the upload and says what is left of the session', async () => {
    const e = await env({ store: { faults: { rate500: 1 } } });
    try {
      const error = await upload(e.client, { source: bytesOf(CHUNK * 3), name: 'doomed.mp4', multipartThreshold: 0, maxRetries: 1 }).catch((x: unknown) => x);
      expect((error as Error).message).toMatch(/500/);
      expect((error as Error).message).toMatch(/session \w+ stays incomplete .* until it expires at/);
    } finally {
      await e.close();
    }
  });

  it('a lost answer to the session create is reconciled through the list of incomplete uploads, not repeated', async () => {
    const e = await env({ mock: { faults: { plan: ['truncate'] } } });
    try {
      const bytes = bytesOf(CHUNK * 4 + 9, 19);
      const result = await upload(e.client, { source: bytes, name: 'lost.mp4', multipartThreshold: 0 });
      expect(e.mock.stats.byPath['/assets/multipart-uploads']).toBe(2); // the create, then one list: no second create
      expect(e.mock.upload(result.assetId)).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
    } finally {
      await e.close();
    }
  });

  it('a lost session create that cannot be told from other new sessions is an AmbiguousWriteError', async () => {
    const e = await env({ mock: { faults: { plan: [null, 'truncate'] } } });
    try {
      const size = CHUNK * 2;
      // Another upload of the same size started just before.
      await e.client.POST('/assets/multipart-uploads', { body: { filename: 'other.mp4', type: 'video', total_size: size } });
      const error = await upload(e.client, { source: bytesOf(size), name: 'mine.mp4', multipartThreshold: 0 }).catch((x: unknown) => x);
      expect(error).toBeInstanceOf(AmbiguousWriteError);
      expect((error as Error).message).toMatch(/2 incomplete sessions/);
      expect(e.mock.stats.byPath['/assets/multipart-uploads']).toBe(3); // two creates and one list, no third create
      expect(e.store.stats().puts).toBe(0);
    } finally {
      await e.close();
    }
  });

  it('a lost answer to a direct create is an AmbiguousWriteError, not a second asset', async () => {
    const e = await env({ mock: { faults: { plan: ['truncate'] } } });
    try {
      await expect(upload(e.client, { source: bytesOf(1000), name: 'once.mp4' })).rejects.toBeInstanceOf(AmbiguousWriteError);
      expect(e.mock.stats.byPath['/assets']).toBe(1);
    } finally {
      await e.close();
    }
  });
});

describe('processing', () => {
  it('a failed asset is an AssetFailedError with the platform reason', async () => {
    const e = await env({ mock: { processing: { delayMs: 0, failRate: 1 } } });
    try {
      const { assetId } = await upload(e.client, { source: bytesOf(CHUNK * 2), name: 'broken.mp4', multipartThreshold: 0 });
      const error = (await waitUntilReady(e.client, assetId, { intervalMs: 10 }).catch((x: unknown) => x)) as AssetFailedError;
      expect(error).toBeInstanceOf(AssetFailedError);
      expect(error.assetId).toBe(assetId);
      const { data } = await e.client.GET('/assets/{asset_id}', { params: { path: { asset_id: assetId } } });
      expect(error.reason).toBe(data.error?.message);
      expect(error.message).toContain(data.error!.message!);
    } finally {
      await e.close();
    }
  });
});

describe('waitUntilReady', () => {
  it('gives up at its deadline with a TimeoutError, and stops at once on abort', async () => {
    const e = await env({ mock: { processing: { delayMs: 3_600_000 } } });
    try {
      const { assetId } = await upload(e.client, { source: bytesOf(100), name: 'slow.mp4' });
      await expect(waitUntilReady(e.client, assetId, { intervalMs: 10, deadlineMs: 100 })).rejects.toBeInstanceOf(TimeoutError);
      // The asset is never ready (an hour of processing): only the deadline or the abort can end
      // these waits, so when they fire does not change the outcome.
      const controller = new AbortController();
      const waiting = waitUntilReady(e.client, assetId, { intervalMs: 60_000, signal: controller.signal });
      setTimeout(() => controller.abort(), 20);
      await expect(waiting).rejects.toBeInstanceOf(AbortedError);
    } finally {
      await e.close();
    }
  });
});

describe('bad input is refused before anything is sent', () => {
  let e: Env;
  let sparse: (name: string, size: number) => Promise<string>;
  beforeAll(async () => {
    e = await env();
    sparse = async (name, size) => {
      const path = join(dir, name);
      const f = await open(path, 'w');
      await f.truncate(size);
      await f.close();
      return path;
    };
    await mkdir(join(dir, 'a-directory'), { recursive: true });
  });
  afterAll(() => e.close());

  it.each([
    ['a missing file', () => ({ source: join(dir, 'nope.mp4') }), /no file at/],
    ['a directory', () => ({ source: join(dir, 'a-directory') }), /is a directory/],
    ['an empty file', async () => ({ source: await sparse('empty.mp4', 0) }), /empty/],
    ['empty bytes', () => ({ source: new Uint8Array(0), name: 'x.mp4' }), /empty/],
    ['a video over 10 GB', async () => ({ source: await sparse('huge.mp4', 10 * 1000 ** 3 + 1) }), /at most 10 GB/],
    ['an image over 32 MB', async () => ({ source: await sparse('huge.png', 32 * 1000 ** 2 + 1) }), /at most 32 MB/],
    ['a PDF over 200 MB (no multipart for documents)', async () => ({ source: await sparse('huge.pdf', 200 * 1000 ** 2 + 1) }), /cannot use multipart/],
    ['an unsupported type', async () => ({ source: await fileOf('tool.exe', bytesOf(100)) }), /does not take \.exe files/],
    ['bytes with neither name nor kind', () => ({ source: bytesOf(100) }), /without an extension or MIME type/],
    ['a URL that is not http(s)', () => ({ source: { url: 'ftp://example.com/a.mp4' } }), /must be http or https/],
    ['a URL that is not a URL', () => ({ source: { url: 'not a url' } }), /not an absolute URL/],
    ['metadata that is not scalar', () => ({ source: bytesOf(10), name: 'a.mp4', metadata: { a: {} as unknown as string } }), /metadata/],
    ['a long stream without its size', () => ({ source: streamOf(bytesOf(3000)), name: 's.mp4', multipartThreshold: 1000 }), /pass its length as size/],
  ])('%s', async (_what, make, message) => {
    const requests = e.mock.stats.requests;
    const puts = e.store.stats().puts;
    const error = await upload(e.client, (await make()) as Parameters<typeof upload>[1]).catch((x: unknown) => x);
    expect(error).toBeInstanceOf(InvalidRequestError);
    expect((error as Error).message).toMatch(message);
    expect(e.mock.stats.requests).toBe(requests);
    expect(e.store.stats().puts).toBe(puts);
  });
});
