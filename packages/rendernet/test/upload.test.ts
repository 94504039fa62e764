// The RenderNet upload helper against the stateful mock and its object store, over loopback:
// every source kind, abort (the pending asset archived), resume, expired URLs, PUT faults,
// failed processing and each bad input (refused before any request).
import { mkdtemp, mkdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer, startObjectStore, type MockServer, type ObjectStore } from '@assetkit/mock';
import { streamOf as streamPieces, until } from '@assetkit/mock/testing';
import { AbortedError, AmbiguousWriteError, AssetFailedError, InvalidRequestError, UnsupportedError } from '@assetkit/runtime/errors';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRenderNetClient, type RenderNetClient } from '../src/index.js';
import { imageSize } from '../src/image-size.js';
import { upload, waitUntilReady, type RenderNetUploadState } from '../src/upload.js';

/** A valid PNG header of the given size followed by filler: the helper reads width and height from it. */
function png(width: number, height: number, total = 4096): Uint8Array<ArrayBuffer> {
  const bytes = new Uint8Array(total).fill(7);
  bytes.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]);
  const view = new DataView(bytes.buffer);
  view.setUint32(16, width);
  view.setUint32(20, height);
  return bytes;
}

const streamOf = (bytes: Uint8Array, chunk = 1000) => streamPieces(bytes, chunk);

type Status = { id: string; status: string; size?: { width: number; height: number } };

describe('RenderNet upload', () => {
  let mock: MockServer;
  let client: RenderNetClient;
  let dir: string;
  const asset = (id: string) => (mock.assets as Status[]).find((a) => a.id === id);
  beforeAll(async () => {
    mock = await startMockServer('rendernet', { assets: 3, processing: { delayMs: 0 }, objectStore: await startObjectStore({ keepBytes: true }) });
    client = createRenderNetClient({ apiKey: mock.apiKey, baseUrl: mock.url, maxRetries: 0 });
    dir = await mkdtemp(join(tmpdir(), 'rn-upload-'));
  });
  afterAll(async () => {
    await mock?.objectStore.close();
    await mock?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads a file path, size read from the PNG header, and waits until active', async () => {
    const file = join(dir, 'photo.png');
    await writeFile(file, png(640, 480, 50_000));
    const states: RenderNetUploadState[] = [];
    const progress: number[] = [];
    const result = await upload(client, { source: file, onStateChange: (s) => void states.push(s), onProgress: (p) => progress.push(p.bytesSent) });
    expect(result.assetId).toMatch(/^ast_/);
    expect(result.asset.size).toEqual({ width: 640, height: 480 });
    expect(states.map((s) => s.assetId)).toEqual([result.assetId]);
    expect(progress.at(-1)).toBe(50_000);
    const stored = mock.objectStore.getObject(`rendernet/${result.assetId}.png`);
    expect(stored?.size).toBe(50_000);
    const ready = await waitUntilReady(client, result.assetId, { intervalMs: 1 });
    expect(ready.status).toBe('active');
  });

  it('uploads a Blob, bytes and a ReadableStream of unknown length', async () => {
    const blob = await upload(client, { source: new Blob([png(10, 20)], { type: 'image/png' }) });
    expect(blob.asset.size).toEqual({ width: 10, height: 20 });
    const bytes = await upload(client, { source: new Uint8Array(3000).fill(1), name: 'clip.mp4', size: { width: 1920, height: 1080 } });
    expect(bytes.asset.type).toBe('video');
    expect(mock.objectStore.getObject(`rendernet/${bytes.assetId}.mp4`)?.size).toBe(3000);
    const sound = new Uint8Array(12_345).fill(3);
    const stream = await upload(client, { source: streamOf(sound), name: 'voice.mp3' });
    expect(stream.asset.type).toBe('audio');
    expect(mock.objectStore.getObject(`rendernet/${stream.assetId}.mp3`)?.bytes).toEqual(sound);
  });

  it('abort in the middle stops the PUT and archives the pending asset', async () => {
    const store = await startObjectStore({ faults: { plan: ['stall'] } });
    const m = await startMockServer('rendernet', { assets: 1, objectStore: store });
    try {
      const c = createRenderNetClient({ apiKey: m.apiKey, baseUrl: m.url });
      const controller = new AbortController();
      let id = '';
      const done = upload(c, { source: png(5, 5), name: 'a.png', signal: controller.signal, onStateChange: (s) => void (id = s.assetId) });
      await until(() => store.stats().putsInFlight > 0);
      controller.abort();
      const error = await done.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortedError);
      expect((error as Error).message).toContain(`${id} was archived`);
      expect((m.assets as Status[]).find((a) => a.id === id)?.status).toBe('archive');
    } finally {
      await store.close();
      await m.close();
    }
  });

  it('resumes from a saved state in a fresh client without creating another asset', async () => {
    const store = await startObjectStore();
    const m = await startMockServer('rendernet', { assets: 1, objectStore: store, processing: { delayMs: 0 } });
    try {
      // What a process that died after creating the asset had saved (its own create, its state).
      const first = createRenderNetClient({ apiKey: m.apiKey, baseUrl: m.url });
      const { data } = await first.POST('/pub/v2/assets/upload', { params: { query: { type: 'image' } }, body: { size: { width: 8, height: 8 } } });
      const saved = JSON.stringify({ provider: 'rendernet', assetId: data.data.id, uploadUrl: data.data.upload_url, type: 'image', size: 4096 });
      const state = JSON.parse(saved) as RenderNetUploadState;
      expect((m.assets as Status[]).find((a) => a.id === state.assetId)?.status).toBe('pending');
      const count = m.assets.length;
      const fresh = createRenderNetClient({ apiKey: m.apiKey, baseUrl: m.url });
      const resumed = await upload(fresh, { source: png(8, 8), name: 'a.png', resumeState: state });
      expect(resumed.assetId).toBe(state.assetId);
      expect(m.assets.length).toBe(count);
      expect((await waitUntilReady(fresh, resumed.assetId, { intervalMs: 1 })).status).toBe('active');
      // Resuming a finished upload sends nothing.
      const puts = store.stats().puts;
      await upload(fresh, { source: png(8, 8), name: 'a.png', resumeState: state });
      expect(store.stats().puts).toBe(puts);
      // A state whose asset was archived is refused.
      await fresh.POST('/pub/v1/assets/archive', { body: { ids: [state.assetId] } });
      await expect(upload(fresh, { source: png(8, 8), name: 'a.png', resumeState: state })).rejects.toThrow(/was archived; start a new upload/);
    } finally {
      await store.close();
      await m.close();
    }
  });

  it('a failing onStateChange (e.g. the state could not be saved) archives the asset too', async () => {
    let id = '';
    const error = await upload(client, {
      source: png(4, 4),
      name: 'x.png',
      onStateChange: (st) => {
        id = st.assetId;
        throw new Error('disk full');
      },
    }).catch((e: unknown) => e);
    expect((error as Error).message).toMatch(new RegExp(`disk full \\(the pending RenderNet asset ${id} was archived\\)`));
    expect(asset(id)?.status).toBe('archive');
  });

  it('replaces an expired upload URL by a new asset and archives the old one', async () => {
    const store = await startObjectStore({ faults: { plan: ['expired'] } });
    const m = await startMockServer('rendernet', { assets: 1, objectStore: store });
    try {
      const c = createRenderNetClient({ apiKey: m.apiKey, baseUrl: m.url });
      const ids: string[] = [];
      const result = await upload(c, { source: png(4, 4), name: 'x.png', onStateChange: (s) => void ids.push(s.assetId) });
      expect(ids).toHaveLength(2);
      expect(result.assetId).toBe(ids[1]);
      const statuses = Object.fromEntries((m.assets as Status[]).map((a) => [a.id, a.status]));
      expect(statuses[ids[0]!]).toBe('archive');
      expect(store.getObject(`rendernet/${ids[1]}.png`)?.size).toBe(4096);
    } finally {
      await store.close();
      await m.close();
    }
  });

  it('archiving the replaced asset is retried after a 503: no pending asset is left behind', async () => {
    // API requests in order: create, create (the replacement), archive (503), archive again.
    const store = await startObjectStore({ faults: { plan: ['expired'] } });
    const m = await startMockServer('rendernet', { assets: 1, objectStore: store, faults: { plan: [null, null, '503', null] } });
    try {
      const c = createRenderNetClient({ apiKey: m.apiKey, baseUrl: m.url, maxRetries: 0, retryDelay: { initialDelayMs: 1, maxDelayMs: 5 } });
      const result = await upload(c, { source: png(4, 4), name: 'x.png' });
      expect(m.stats.faults['503']).toBe(1);
      const created = m.inspect().created;
      expect(created).toHaveLength(2);
      expect(created.filter((a) => a.live).map((a) => a.id)).toEqual([result.assetId]);
    } finally {
      await store.close();
      await m.close();
    }
  });

  it('retries the PUT after a 500 and a reset', async () => {
    const store = await startObjectStore({ faults: { plan: ['500', 'reset'] } });
    const m = await startMockServer('rendernet', { assets: 1, objectStore: store });
    try {
      const c = createRenderNetClient({ apiKey: m.apiKey, baseUrl: m.url });
      const result = await upload(c, { source: png(4, 4, 100_000), name: 'x.png' });
      expect(store.stats().puts).toBe(3);
      expect(store.getObject(`rendernet/${result.assetId}.png`)?.size).toBe(100_000);
    } finally {
      await store.close();
      await m.close();
    }
  });

  it('a censored asset is an AssetFailedError with the reason', async () => {
    const m = await startMockServer('rendernet', { assets: 1, processing: { delayMs: 0, failRate: 1 } });
    try {
      const c = createRenderNetClient({ apiKey: m.apiKey, baseUrl: m.url });
      const { assetId } = await upload(c, { source: png(4, 4), name: 'x.png' });
      const error = await waitUntilReady(c, assetId, { intervalMs: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AssetFailedError);
      expect(error).toMatchObject({ reason: 'censored', assetId, provider: 'rendernet' });
    } finally {
      await m.close();
    }
  });

  it('a lost create answer is an AmbiguousWriteError, not a second asset', async () => {
    const m = await startMockServer('rendernet', { assets: 1, faults: { plan: ['reset'] } });
    try {
      const c = createRenderNetClient({ apiKey: m.apiKey, baseUrl: m.url });
      const before = m.stats.requests;
      const error = await upload(c, { source: png(4, 4), name: 'x.png' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AmbiguousWriteError);
      expect(m.stats.requests - before).toBe(1);
    } finally {
      await m.close();
    }
  });

  it('refuses bad input before sending anything, naming the problem', async () => {
    await mkdir(join(dir, 'folder.png'));
    await writeFile(join(dir, 'empty.png'), new Uint8Array(0));
    await writeFile(join(dir, 'doc.pdf'), 'pdf');
    const big = join(dir, 'big.mp4');
    await writeFile(big, '');
    await truncate(big, 5 * 1024 ** 3 + 1); // sparse: no disk used
    const before = mock.stats.requests;
    const cases: Array<[Parameters<typeof upload>[1], RegExp, Function]> = [
      [{ source: join(dir, 'missing.png') }, /no file at .*missing\.png/, InvalidRequestError],
      [{ source: join(dir, 'folder.png') }, /directory/i, InvalidRequestError],
      [{ source: join(dir, 'empty.png') }, /empty/i, InvalidRequestError],
      [{ source: big, size: { width: 1, height: 1 } }, /5368709121 bytes, above RenderNet's limit of 5368709120 bytes for video/, InvalidRequestError],
      [{ source: new Uint8Array(5000), name: 'a.png', maxBytes: 4096 }, /above RenderNet's limit of 4096/, InvalidRequestError],
      [{ source: join(dir, 'doc.pdf') }, /unsupported file type \(.*doc\.pdf\)/, InvalidRequestError],
      [{ source: { url: 'https://example.com/a.png' } }, /cannot import from a URL/, UnsupportedError],
      [{ source: { url: 'ftp://example.com/a.png' } }, /source.url must be an http\(s\) URL, got scheme "ftp"/, InvalidRequestError],
      [{ source: new Uint8Array(100), name: 'clip.webm' }, /needs the video's pixel size/, InvalidRequestError],
      [{ source: new Uint8Array(100), name: 'a.webp' }, /needs the image's pixel size/, InvalidRequestError],
      [{ source: new Uint8Array(100), name: 'a.png', size: { width: 0, height: 3 } }, /positive integers/, InvalidRequestError],
      [{ source: new Uint8Array(100), name: 'a.mp3', metadata: { title: 'x' } }, /no metadata/, InvalidRequestError],
    ];
    for (const [options, message, type] of cases) {
      const error = await upload(client, options).catch((e: unknown) => e);
      expect(error, String(message)).toBeInstanceOf(type);
      expect((error as Error).message).toMatch(message);
    }
    expect(mock.stats.requests).toBe(before);
  });
});

describe('imageSize', () => {
  it('reads PNG, GIF and JPEG headers and nothing else', () => {
    expect(imageSize(png(3, 4))).toEqual({ width: 3, height: 4 });
    expect(imageSize(new Uint8Array([0x47, 0x49, 0x46, 0x38, 0x39, 0x61, 7, 0, 9, 0]))).toEqual({ width: 7, height: 9 });
    const jpeg = new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 0, 4, 0, 0, 0xff, 0xc0, 0, 11, 8, 0, 50, 0, 70, 3, 0, 0, 0]);
    expect(imageSize(jpeg)).toEqual({ width: 70, height: 50 });
    expect(imageSize(new Uint8Array(30))).toBeUndefined();
  });
});
