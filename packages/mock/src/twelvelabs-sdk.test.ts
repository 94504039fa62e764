// The official TwelveLabs SDK (Fern-generated) against the mock: proves the mock's
// wire format is what real clients expect, not only what our own clients expect.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
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
});
