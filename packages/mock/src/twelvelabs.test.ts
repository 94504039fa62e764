import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TwelveLabsAsset } from './data/twelvelabs-assets.js';
import { startMockServer } from './start-mock-server.js';
import { call } from './test-client.js';
import type { TlError, TlPage } from './test-twelvelabs.js';
import type { MockServer } from './types.js';

type Page = TlPage<TwelveLabsAsset>;
type ErrorBody = TlError;

const LIST = '/assets';
const ONE = '/assets/{asset_id}';

describe('TwelveLabs mock', () => {
  let big: MockServer;
  let small: MockServer;
  let key: Record<string, string>;

  beforeAll(async () => {
    big = await startMockServer('twelvelabs', { assets: 10_000 });
    small = await startMockServer('twelvelabs', { assets: 40, seed: 7 });
    key = { 'x-api-key': big.apiKey };
  });
  afterAll(async () => {
    await big?.close();
    await small?.close();
  });

  it('holds a 10,000-asset data set', () => {
    expect(big.assets).toHaveLength(10_000);
  });

  it('pages through 10,000 assets at 50 a page: each id once, newest first, page_info right', async () => {
    const seen: TwelveLabsAsset[] = [];
    for (let page = 1; page <= 200; page++) {
      const { status, body } = await call<Page>(big, { template: LIST, path: `/assets?page=${page}&page_limit=50`, headers: key });
      expect(status).toBe(200);
      expect(body.page_info).toEqual({ limit_per_page: 50, page, total_page: 200, total_results: 10_000 });
      expect(body.data).toHaveLength(50);
      seen.push(...body.data);
    }
    const ids = seen.map((a) => a._id);
    expect(new Set(ids).size).toBe(10_000);
    expect(ids).toEqual(big.assets.map((a) => (a as TwelveLabsAsset)._id));
    const outOfOrder = seen.findIndex((a, i) => i > 0 && Date.parse(seen[i - 1]!.created_at) <= Date.parse(a.created_at));
    expect(outOfOrder).toBe(-1);
    const past = await call<Page>(big, { template: LIST, path: '/assets?page=201&page_limit=50', headers: key });
    expect(past.body).toEqual({ data: [], page_info: { limit_per_page: 50, page: 201, total_page: 200, total_results: 10_000 } });
  });

  it('defaults to page 1 of 10', async () => {
    const { body } = await call<Page>(small, { template: LIST, path: '/assets', headers: { 'x-api-key': small.apiKey } });
    expect(body.page_info).toEqual({ limit_per_page: 10, page: 1, total_page: 4, total_results: 40 });
    expect(body.data.map((a) => a._id)).toEqual(small.assets.slice(0, 10).map((a) => (a as TwelveLabsAsset)._id));
  });

  it('combines filters: AND across asset_ids and asset_types, OR within each', async () => {
    const all = big.assets as readonly TwelveLabsAsset[];
    const video = all.find((a) => a.file_type.startsWith('video/'))!;
    const image = all.find((a) => a.file_type.startsWith('image/'))!;
    const audio = all.find((a) => a.file_type.startsWith('audio/'))!;
    const ids = `asset_ids=${video._id}&asset_ids=${image._id}&asset_ids=${audio._id}&asset_ids=000000000000000000000000`;
    const both = await call<Page>(big, { template: LIST, path: `/assets?${ids}&asset_types=video&asset_types=image`, headers: key });
    expect(new Set(both.body.data.map((a) => a._id))).toEqual(new Set([video._id, image._id]));
    expect(both.body.page_info.total_results).toBe(2);
    const onlyIds = await call<Page>(big, { template: LIST, path: `/assets?${ids}`, headers: key });
    expect(onlyIds.body.page_info.total_results).toBe(3);
    const audioOnly = await call<Page>(big, { template: LIST, path: '/assets?asset_types=audio&page_limit=50', headers: key });
    const audioCount = all.filter((a) => a.file_type.startsWith('audio/')).length;
    expect(audioOnly.body.page_info).toMatchObject({ total_results: audioCount, total_page: Math.ceil(audioCount / 50) });
    expect(audioOnly.body.data.every((a) => a.file_type.startsWith('audio/'))).toBe(true);
  });

  it.each([
    ['page=0', 'page'],
    ['page=abc', 'page'],
    ['page=1.5', 'page'],
    ['page_limit=0', 'page_limit'],
    ['page_limit=51', 'page_limit'],
    ['page_limit=-3', 'page_limit'],
    ['asset_types=spreadsheet', 'asset_types'],
    ['asset_types=video&asset_types=gif', 'asset_types'],
  ])('answers %s with 400 parameter_invalid naming %s', async (query, name) => {
    const { status, body } = await call<ErrorBody>(big, { template: LIST, path: `/assets?${query}`, headers: key });
    expect(status).toBe(400);
    expect(body.code).toBe('parameter_invalid');
    expect(body.message).toContain(name);
  });

  it('accepts page_limit 50 and 1 at the bounds', async () => {
    expect((await call<Page>(big, { template: LIST, path: '/assets?page_limit=1', headers: key })).body.data).toHaveLength(1);
    expect((await call<Page>(big, { template: LIST, path: '/assets?page_limit=50', headers: key })).status).toBe(200);
  });

  it('refuses a missing or wrong API key with 401 api_key_invalid, and reads the header case-insensitively', async () => {
    for (const headers of [{}, { 'x-api-key': 'nope' }, { 'X-Api-Key': `${big.apiKey}x` }] as Record<string, string>[]) {
      const { status, body } = await call<ErrorBody>(big, { template: LIST, path: '/assets', headers });
      expect(status).toBe(401);
      expect(body.code).toBe('api_key_invalid');
    }
    expect((await call(big, { template: ONE, path: '/assets/abc' })).status).toBe(401);
    expect((await call(big, { template: LIST, path: '/assets', headers: { 'X-API-KEY': big.apiKey } })).status).toBe(200);
  });

  it('retrieves one asset by id, and 404s unknown or near-miss ids', async () => {
    const asset = big.assets[1234] as TwelveLabsAsset;
    const found = await call<TwelveLabsAsset>(big, { template: ONE, path: `/assets/${asset._id}`, headers: key });
    expect(found.status).toBe(200);
    expect(found.body).toEqual(asset);
    for (const id of [asset._id.toUpperCase(), `${asset._id}0`, 'nope', encodeURIComponent(`${asset._id} `)]) {
      const missing = await call<ErrorBody>(big, { template: ONE, path: `/assets/${id}`, headers: key });
      expect(missing.status).toBe(404);
      expect(missing.body.code).toBe('resource_not_exist');
    }
  });

  it('decodes the path segment before matching', async () => {
    const asset = big.assets[0] as TwelveLabsAsset;
    const encoded = [...asset._id].map((c) => `%${c.charCodeAt(0).toString(16)}`).join('');
    expect((await call(big, { template: ONE, path: `/assets/${encoded}`, headers: key })).status).toBe(200);
  });

  it('generates data shaped like the real API', () => {
    const all = big.assets as readonly TwelveLabsAsset[];
    const share = (pred: (a: TwelveLabsAsset) => boolean) => all.filter(pred).length / all.length;
    expect(all.every((a) => /^[0-9a-f]{24}$/.test(a._id))).toBe(true);
    for (const kind of ['image/', 'video/', 'audio/']) expect(share((a) => a.file_type.startsWith(kind))).toBeGreaterThan(0.1);
    expect(share((a) => a.status === 'ready')).toBeGreaterThan(0.75);
    expect(share((a) => a.status === 'processing')).toBeGreaterThan(0.02);
    expect(share((a) => a.status === 'failed')).toBeGreaterThan(0.01);
    expect(all.filter((a) => a.status === 'processing').every((a) => a.size === undefined && a.duration === undefined)).toBe(true);
    expect(all.filter((a) => a.file_type.startsWith('image/')).every((a) => a.duration === undefined && a.hls === undefined)).toBe(true);
    expect(all.some((a) => a.duration !== undefined && !Number.isInteger(a.duration))).toBe(true);
    expect(share((a) => a.hls?.manifest_url !== undefined)).toBeGreaterThan(0.05);
    expect(all.filter((a) => a.hls && a.hls.status !== 'ready').every((a) => a.hls!.manifest_url === undefined)).toBe(true);
    expect(share((a) => a.thumbnail !== undefined)).toBeGreaterThan(0.2);
    expect(share((a) => a.user_metadata !== undefined)).toBeGreaterThan(0.2);
    expect(share((a) => a.user_metadata === undefined)).toBeGreaterThan(0.2);
    const values = all.flatMap((a) => Object.values(a.user_metadata ?? {}));
    expect(new Set(values.map((v) => typeof v))).toEqual(new Set(['string', 'number', 'boolean']));
    expect(all.some((a) => a.filename === undefined)).toBe(true);
    expect(all.some((a) => a.method === undefined)).toBe(true);
  });

  it('answers unknown paths with 404 in the TwelveLabs error shape', async () => {
    const { status, body } = await call<ErrorBody>(big, { path: '/indexes', headers: key });
    expect(status).toBe(404);
    expect(body.code).toBe('resource_not_exist');
  });
});
