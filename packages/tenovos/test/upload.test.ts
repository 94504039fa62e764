// The Tenovos upload helper against the stateful mock and its object store, over loopback, with small
// parts (`tenovosPartSize`): every source kind, multipart, abort (session cancelled), resume in a fresh
// client (no finished part re-sent), expired URLs, PUT faults, failed processing, lost answers, bad input.
import { mkdtemp, mkdir, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer, startObjectStore, type MockOptions, type MockServer, type ObjectStore } from '@assetkit/mock';
import { streamOf as streamPieces, until } from '@assetkit/mock/testing';
import { AbortedError, AmbiguousWriteError, AssetFailedError, InvalidRequestError, UnsupportedError } from '@assetkit/runtime/errors';
import type { ResumeState } from '@assetkit/runtime/upload';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenovosClient, type TenovosClient } from '../src/index.js';
import { upload, waitUntilReady, type TenovosUploadOptions } from '../src/upload/index.js';

const PART = 1024;
type MockAsset = { assetId: string; filename: string; metadataTemplateId: string; securityTemplateIds: string[]; fileState: string };

const bytesOf = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 255);
const streamOf = (bytes: Uint8Array, chunk = 700) => streamPieces(bytes, chunk);

interface Setup {
  mock: MockServer;
  store: ObjectStore;
  client: TenovosClient;
  templates: Pick<TenovosUploadOptions, 'metadataTemplateId' | 'securityTemplateIds' | 'partSize'>;
  close(): Promise<void>;
}

async function setup(storeOptions: Parameters<typeof startObjectStore>[0] = {}, mockOptions: MockOptions = {}): Promise<Setup> {
  const store = await startObjectStore({ minPartSize: PART, keepBytes: true, ...storeOptions });
  const mock = await startMockServer('tenovos', { assets: 3, tenovosPartSize: PART, processing: { delayMs: 0 }, objectStore: store, ...mockOptions });
  const client = createTenovosClient({ apiKey: mock.apiKey, username: mock.username, password: mock.password, baseUrl: mock.url, maxRetries: 0 });
  const seeded = mock.assets[0] as MockAsset;
  return {
    mock,
    store,
    client,
    templates: { metadataTemplateId: seeded.metadataTemplateId, securityTemplateIds: seeded.securityTemplateIds, partSize: PART },
    async close() {
      await mock.close();
      await store.close();
    },
  };
}

const stateOf = (m: MockServer, id: string) => (m.assets as MockAsset[]).find((a) => a.assetId === id);

describe('Tenovos upload', () => {
  let s: Setup;
  let dir: string;
  beforeAll(async () => {
    s = await setup();
    dir = await mkdtemp(join(tmpdir(), 'tv-upload-'));
  });
  afterAll(async () => {
    await s?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('uploads a small file path with one PUT and waits until it has renditions', async () => {
    const file = join(dir, 'small.jpg');
    await writeFile(file, bytesOf(900));
    const result = await upload(s.client, { source: file, ...s.templates });
    expect(result.asset.filename).toBe('small.jpg');
    expect(result.state).toBeUndefined();
    const ready = await waitUntilReady(s.client, result.assetId, { intervalMs: 1 });
    expect(ready.fileSizeInBytes).toBe(900);
    expect(ready.renditionsDocument?.imageThumb).toMatch(/^https:/);
  });

  it('uploads a large file path in parts, then completes (metadata and templates sent as given)', async () => {
    const file = join(dir, 'big.mp4');
    const bytes = bytesOf(10 * PART + 17);
    await writeFile(file, bytes);
    const states: ResumeState[] = [];
    const progress: number[] = [];
    const result = await upload(s.client, { source: file, ...s.templates, concurrency: 3, onStateChange: (st) => void states.push(st), onProgress: (p) => progress.push(p.bytesSent) });
    expect(result.state?.parts).toHaveLength(11);
    expect(states.at(-1)?.parts).toHaveLength(11);
    expect(progress.at(-1)).toBe(bytes.length);
    const ready = await waitUntilReady(s.client, result.assetId, { intervalMs: 1 });
    expect(ready.fileSizeInBytes).toBe(bytes.length);
    expect(ready.metadataTemplateId).toBe(s.templates.metadataTemplateId);
    expect(ready.securityTemplateIds).toEqual(s.templates.securityTemplateIds);
    expect(s.store.stats().openUploads).toBe(0);
  });

  it('uploads a Blob, bytes, and ReadableStreams of unknown length (one part) and of given size (parts)', async () => {
    const blob = await upload(s.client, { source: new File([bytesOf(5000)], 'clip.mov'), ...s.templates });
    expect((await waitUntilReady(s.client, blob.assetId, { intervalMs: 1 })).fileSizeInBytes).toBe(5000);
    const bytes = await upload(s.client, { source: bytesOf(300), name: 'notes.txt', ...s.templates });
    expect((await waitUntilReady(s.client, bytes.assetId, { intervalMs: 1 })).fileSizeInBytes).toBe(300);
    const small = await upload(s.client, { source: streamOf(bytesOf(PART)), name: 'one-part.bin', ...s.templates });
    expect(small.state).toBeUndefined();
    expect((await waitUntilReady(s.client, small.assetId, { intervalMs: 1 })).fileSizeInBytes).toBe(PART);
    const long = bytesOf(4 * PART + 5, 9);
    const parts = await upload(s.client, { source: streamOf(long), size: long.length, name: 'stream.bin', ...s.templates });
    expect(parts.state?.parts).toHaveLength(5);
    expect((await waitUntilReady(s.client, parts.assetId, { intervalMs: 1 })).fileSizeInBytes).toBe(long.length);
  });

  it('refuses bad input before sending anything, naming the problem', async () => {
    await mkdir(join(dir, 'folder.jpg'));
    await writeFile(join(dir, 'empty.jpg'), new Uint8Array(0));
    const huge = join(dir, 'huge.bin');
    await writeFile(huge, '');
    await truncate(huge, PART * 10_000 + 1); // sparse
    const tooBigForOnePut = join(dir, 'six-gib.bin');
    await writeFile(tooBigForOnePut, '');
    await truncate(tooBigForOnePut, 5 * 1024 ** 3 + 1);
    const before = s.mock.stats.requests;
    const t = s.templates;
    const cases: Array<[TenovosUploadOptions, RegExp, Function]> = [
      [{ source: join(dir, 'missing.jpg'), ...t }, /no file at .*missing\.jpg/, InvalidRequestError],
      [{ source: join(dir, 'folder.jpg'), ...t }, /directory/, InvalidRequestError],
      [{ source: join(dir, 'empty.jpg'), ...t }, /empty/, InvalidRequestError],
      [{ source: huge, ...t }, /10240001 bytes, above Tenovos' limit of 10240000 bytes \(10000 parts of 1024 bytes\)/, InvalidRequestError],
      [{ source: tooBigForOnePut, ...t, multipart: false }, /above Tenovos' limit of 5368709120 bytes for one PUT/, InvalidRequestError],
      [{ source: { url: 'https://example.com/a.jpg' }, ...t }, /cannot import from a URL/, UnsupportedError],
      [{ source: { url: 'file:///etc/passwd' }, ...t }, /source.url must be an http\(s\) URL, got scheme "file"/, InvalidRequestError],
      [{ source: bytesOf(10), ...t }, /name is required/, InvalidRequestError],
      [{ source: bytesOf(10), name: 'a/b.jpg', ...t }, /without a directory/, InvalidRequestError],
      [{ source: bytesOf(10), name: 'a.jpg', ...t, metadataTemplateId: '' }, /metadataTemplateId is required/, InvalidRequestError],
      [{ source: bytesOf(10), name: 'a.jpg', ...t, securityTemplateIds: [] }, /securityTemplateIds must list 1 to 50/, InvalidRequestError],
      [{ source: streamOf(bytesOf(3 * PART)), name: 'a.bin', ...t }, /longer than one part .* pass `size`/, InvalidRequestError],
    ];
    for (const [options, message, type] of cases) {
      const error = await upload(s.client, options).catch((e: unknown) => e);
      expect(error, String(message)).toBeInstanceOf(type);
      expect((error as Error).message).toMatch(message);
    }
    // No token request, no create: the checks come first.
    expect(s.mock.stats.requests).toBe(before);
  });
});

describe('Tenovos upload failures and resume', () => {
  it('abort in the middle of a multipart upload stops the parts and cancels the session', async () => {
    const s = await setup({ faults: { plan: [null, null, 'stall'] } });
    try {
      const controller = new AbortController();
      let assetId = '';
      const done = upload(s.client, {
        source: bytesOf(8 * PART),
        name: 'abort.bin',
        ...s.templates,
        concurrency: 2,
        signal: controller.signal,
        onStateChange: (st) => void (assetId = (st.data as { asset: { objectId: string } }).asset.objectId),
      });
      await until(() => (s.store.stats().faults.stall ?? 0) > 0);
      controller.abort();
      const error = await done.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortedError);
      expect((error as Error).message).toMatch(/multipart upload .* was cancelled/);
      expect(s.store.stats().openUploads).toBe(0);
      // The asset never gets a file.
      expect((await s.client.GET('/assets/asset/{id}', { params: { path: { id: assetId } } })).data.data).not.toHaveProperty('fileSizeInBytes');
    } finally {
      await s.close();
    }
  });

  it('abort during a single PUT moves the half-made asset to the recycle bin', async () => {
    const s = await setup({ faults: { plan: ['stall'] } });
    try {
      const controller = new AbortController();
      const done = upload(s.client, { source: bytesOf(500), name: 'single-abort.jpg', ...s.templates, signal: controller.signal });
      await until(() => (s.store.stats().faults.stall ?? 0) > 0);
      controller.abort();
      const error = await done.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AbortedError);
      const id = /asset (\S+) was moved to the recycle bin/.exec((error as Error).message)?.[1] ?? '';
      expect(stateOf(s.mock, id)?.fileState).toBe('recycle bin');
    } finally {
      await s.close();
    }
  });

  it('resumes in a fresh client from the saved state without sending finished parts again', async () => {
    const s = await setup({ faults: { plan: [null, null, null, 'stall'] } });
    try {
      const bytes = bytesOf(7 * PART + 3, 5);
      let saved = '';
      const controller = new AbortController();
      const first = upload(s.client, {
        source: bytes,
        name: 'resume.bin',
        ...s.templates,
        concurrency: 1,
        cancelOnFailure: false,
        signal: controller.signal,
        onStateChange: (st) => void (saved = JSON.stringify(st)),
      });
      await until(() => (s.store.stats().faults.stall ?? 0) > 0);
      controller.abort();
      await expect(first).rejects.toThrow(/left open to resume/);
      const state = JSON.parse(saved) as ResumeState;
      expect(state.parts.map((p) => p.partNumber)).toEqual([1, 2, 3]);
      expect(JSON.stringify(state).length).toBeLessThan(4000);

      const fresh = createTenovosClient({ apiKey: s.mock.apiKey, username: s.mock.username, password: s.mock.password, baseUrl: s.mock.url });
      const assetsBefore = s.mock.assets.length;
      const result = await upload(fresh, { source: bytes, name: 'resume.bin', ...s.templates, resumeState: state });
      expect(s.mock.assets.length).toBe(assetsBefore); // no second asset
      const puts = s.store.stats().partPuts;
      expect(Object.keys(puts)).toHaveLength(8);
      expect(Object.values(puts).every((n) => n === 1)).toBe(true); // each part stored once
      expect((await waitUntilReady(fresh, result.assetId, { intervalMs: 1 })).fileSizeInBytes).toBe(bytes.length);
    } finally {
      await s.close();
    }
  });

  it('an expired URL cannot be replaced: the multipart session is cancelled, a single-PUT asset recycled', async () => {
    const s = await setup({ faults: { plan: [null, 'expired', 'expired'] } });
    try {
      const error = await upload(s.client, { source: bytesOf(4 * PART), name: 'late.bin', ...s.templates, concurrency: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsupportedError);
      expect((error as Error).message).toMatch(/expired and Tenovos cannot issue a new one.*was cancelled/);
      expect(s.store.stats().openUploads).toBe(0);

      const single = await upload(s.client, { source: bytesOf(100), name: 'late.jpg', ...s.templates }).catch((e: unknown) => e);
      expect(single).toBeInstanceOf(UnsupportedError);
      const id = /asset (\S+) was moved to the recycle bin/.exec((single as Error).message)?.[1] ?? '';
      expect(stateOf(s.mock, id)?.fileState).toBe('recycle bin');
    } finally {
      await s.close();
    }
  });

  it('a failed multipart upload leaves no open session and no live asset, even when cancel and recycle first answer 503', async () => {
    // API requests in order: create, cancel (503, then again), recycle (503, then again).
    const s = await setup({ faults: { plan: ['expired'] } }, { faults: { plan: [null, '503', null, '503', null] } });
    try {
      const error = await upload(s.client, { source: bytesOf(3 * PART), name: 'cleanup.bin', ...s.templates, concurrency: 1 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsupportedError);
      expect((error as Error).message).toMatch(/was cancelled and asset \S+ moved to the recycle bin/);
      expect(s.mock.stats.faults['503']).toBe(2);
      const seen = s.mock.inspect();
      expect(seen.openSessions).toBe(0);
      expect(seen.created).toHaveLength(1);
      expect(seen.created[0]).toMatchObject({ name: 'cleanup.bin', live: false, hasFile: false });
      expect(s.store.stats().openUploads).toBe(0);
    } finally {
      await s.close();
    }
  });

  it('retries parts after a 500 and a reset', async () => {
    const s = await setup({ faults: { plan: [null, '500', 'reset'] } });
    try {
      const bytes = bytesOf(5 * PART);
      const result = await upload(s.client, { source: bytes, name: 'faulty.bin', ...s.templates, concurrency: 2 });
      expect(s.store.stats().faults).toMatchObject({ '500': 1, reset: 1 });
      expect((await waitUntilReady(s.client, result.assetId, { intervalMs: 1 })).fileSizeInBytes).toBe(bytes.length);
    } finally {
      await s.close();
    }
  });

  it('failed processing: no rendition by the deadline is AssetFailedError; the recycle bin too', async () => {
    const s = await setup({}, { processing: { delayMs: 0, failRate: 1 } });
    try {
      const { assetId } = await upload(s.client, { source: bytesOf(100), name: 'broken.jpg', ...s.templates });
      const error = await waitUntilReady(s.client, assetId, { intervalMs: 5, deadlineMs: 200 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AssetFailedError);
      expect(error).toMatchObject({ reason: 'no renditions', assetId, provider: 'tenovos' });
      await s.client.POST('/asset/{id}/delete', { params: { path: { id: assetId } }, body: { action: 'delete', deleteType: 'full' } });
      await expect(waitUntilReady(s.client, assetId, { intervalMs: 5 })).rejects.toMatchObject({ reason: 'recycle bin' });
    } finally {
      await s.close();
    }
  });

  it('a lost create answer is reconciled by name and reported as AmbiguousWriteError with the asset id', async () => {
    const s = await setup({}, { faults: { plan: ['truncate'] } });
    try {
      const error = await upload(s.client, { source: bytesOf(100), name: 'lost-answer.jpg', ...s.templates }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AmbiguousWriteError);
      const created = (s.mock.assets as MockAsset[]).filter((a) => a.filename === 'lost-answer.jpg');
      expect(created).toHaveLength(1);
      expect((error as AmbiguousWriteError).assetId).toBe(created[0]!.assetId);
    } finally {
      await s.close();
    }
  });

  it('a lost complete answer is reconciled from the asset file size', async () => {
    const s = await setup({}, { faults: { plan: [null, 'truncate'] } });
    try {
      const result = await upload(s.client, { source: bytesOf(3 * PART), name: 'complete.bin', ...s.templates });
      expect((await waitUntilReady(s.client, result.assetId, { intervalMs: 1 })).fileSizeInBytes).toBe(3 * PART);
    } finally {
      await s.close();
    }
  });
});
