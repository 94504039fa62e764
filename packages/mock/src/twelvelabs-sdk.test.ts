// The official TwelveLabs SDK (Fern-generated) against the mock: proves the mock's
// wire format is what real clients expect, not only what our own clients expect.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { TwelveLabs, TwelvelabsApiClient } from 'twelvelabs-js';
import type { TwelveLabsAsset } from './data/twelvelabs-assets.js';
import { startMockServer } from './start-mock-server.js';
import type { MockServer } from './types.js';

describe('twelvelabs-js against the TwelveLabs mock', () => {
  let mock: MockServer;
  let client: TwelvelabsApiClient;
  beforeAll(async () => {
    mock = await startMockServer('twelvelabs', { assets: 120, seed: 3 });
    // baseUrl replaces https://api.twelvelabs.io/v1.3 wholesale; the SDK appends `assets`, `assets/{id}`.
    client = new TwelvelabsApiClient({ apiKey: mock.apiKey, baseUrl: mock.url });
  });
  afterAll(() => mock?.close());

  it('retrieves one asset', async () => {
    const expected = mock.assets[17] as TwelveLabsAsset;
    const asset = await client.assets.retrieve(expected._id);
    expect(asset.id).toBe(expected._id);
    expect(asset.fileType).toBe(expected.file_type);
    expect(asset.createdAt?.toISOString()).toBe(new Date(expected.created_at).toISOString());
    expect(mock.stats.byPath[`/assets/${expected._id}`]).toBe(1);
  });

  it('pages through every asset with the SDK pager', async () => {
    const before = mock.stats.byPath['/assets'] ?? 0;
    const ids: string[] = [];
    const pager = await client.assets.list({ pageLimit: 50 });
    for await (const asset of pager) ids.push(asset.id!);
    expect(ids).toEqual(mock.assets.map((a) => (a as TwelveLabsAsset)._id));
    // Pages 1-3 hold the data; the pager stops only after an empty page 4.
    expect((mock.stats.byPath['/assets'] ?? 0) - before).toBe(4);
  });

  it('sends filters as repeated keys the mock understands', async () => {
    const videos = (mock.assets as TwelveLabsAsset[]).filter((a) => a.file_type.startsWith('video/'));
    const page = await client.assets.list({ assetTypes: ['video'], pageLimit: 50 });
    expect(page.data.map((a) => a.id)).toEqual(videos.slice(0, 50).map((a) => a._id));
  });

  it('the documented TwelveLabs wrapper reaches the mock through TWELVELABS_BASE_URL (its only base-URL option)', async () => {
    const saved = process.env.TWELVELABS_BASE_URL;
    process.env.TWELVELABS_BASE_URL = mock.url;
    try {
      const wrapper = new TwelveLabs({ apiKey: mock.apiKey });
      const expected = mock.assets[0] as TwelveLabsAsset;
      expect((await wrapper.assets.retrieve(expected._id)).id).toBe(expected._id);
    } finally {
      if (saved === undefined) delete process.env.TWELVELABS_BASE_URL;
      else process.env.TWELVELABS_BASE_URL = saved;
    }
  });

  it('surfaces the mock 404 and 401 as SDK errors with the spec error body', async () => {
    await expect(client.assets.retrieve('000000000000000000000000', { maxRetries: 0 })).rejects.toMatchObject({
      statusCode: 404,
      body: { code: 'resource_not_exist' },
    });
    const wrongKey = new TwelvelabsApiClient({ apiKey: 'wrong', baseUrl: mock.url });
    await expect(wrongKey.assets.retrieve('x', { maxRetries: 0 })).rejects.toMatchObject({ statusCode: 401, body: { code: 'api_key_invalid' } });
  });

  it('creates assets by URL and by file, then retrieves and lists them', async () => {
    const byUrl = await client.assets.create({ method: 'url', url: 'https://cdn.example.com/promo.mp4', enableHls: true, userMetadata: JSON.stringify({ team: 'sdk' }) });
    expect(byUrl).toMatchObject({ method: 'url', status: 'processing', filename: 'promo.mp4', userMetadata: { team: 'sdk' } });
    const bytes = new Uint8Array(20_000).map((_, i) => i % 251);
    const byFile = await client.assets.create({ method: 'direct', file: new Blob([bytes], { type: 'image/png' }), filename: 'still.png' });
    expect(byFile).toMatchObject({ method: 'direct', filename: 'still.png', fileType: 'image/png' });
    expect(mock.upload(byFile.id!)).toEqual({ size: 20_000, sha256: createHash('sha256').update(bytes).digest('hex') });
    const got = await client.assets.retrieve(byUrl.id!);
    expect(got.id).toBe(byUrl.id);
    const page = await client.assets.list({ pageLimit: 2 });
    expect(page.data.map((a) => a.id)).toEqual([byFile.id, byUrl.id]);
  });

  it('edits user metadata (merge, replace, delete) and deletes an asset', async () => {
    const made = await client.assets.create({ method: 'url', url: 'https://cdn.example.com/meta.jpg', userMetadata: JSON.stringify({ a: 1, b: 'x' }) });
    const id = made.id!;
    await client.assets.updateUserMetadata(id, { userMetadata: { b: null, c: true } });
    expect((await client.assets.retrieve(id)).userMetadata).toEqual({ a: 1, c: true });
    await client.assets.replaceUserMetadata(id, { userMetadata: { only: 'this' } });
    expect((await client.assets.retrieve(id)).userMetadata).toEqual({ only: 'this' });
    await client.assets.deleteUserMetadata(id);
    expect((await client.assets.retrieve(id)).userMetadata).toBeUndefined();
    await client.assets.delete(id);
    await expect(client.assets.retrieve(id, { maxRetries: 0 })).rejects.toMatchObject({ statusCode: 404 });
  });

  it('uploads a file with its own multipart uploadFile helper, chunks going to the object store', async () => {
    const small = await startMockServer('twelvelabs', { assets: 0, processing: { delayMs: 0 }, uploads: { chunkSize: 64 * 1024 } });
    const dir = await mkdtemp(join(tmpdir(), 'tl-sdk-'));
    const saved = process.env.TWELVELABS_BASE_URL;
    // The helper narrates on the console; keep the test output readable.
    const log = vi.spyOn(console, 'log').mockImplementation(() => {});
    try {
      const bytes = new Uint8Array(64 * 1024 * 12 + 777).map((_, i) => (i * 13) & 0xff);
      const path = join(dir, 'clip.mp4');
      await writeFile(path, bytes);
      process.env.TWELVELABS_BASE_URL = small.url;
      const sdk = new TwelveLabs({ apiKey: small.apiKey });
      const result = await sdk.multipartUpload.uploadFile(path, { batchSize: 5 });
      expect(result.assetUrl).toMatch(/^http:\/\/127\.0\.0\.1:/);
      expect(small.upload(result.assetId)).toMatchObject({ size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') });
      const asset = await sdk.assets.retrieve(result.assetId);
      expect(asset).toMatchObject({ method: 'multipart', status: 'ready', filename: 'clip.mp4', size: bytes.length });
      expect(small.objectStore.stats().puts).toBe(13);
    } finally {
      log.mockRestore();
      if (saved === undefined) delete process.env.TWELVELABS_BASE_URL;
      else process.env.TWELVELABS_BASE_URL = saved;
      await rm(dir, { recursive: true, force: true });
      await small.close();
    }
  });
});
