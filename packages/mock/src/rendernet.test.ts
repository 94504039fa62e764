import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RenderNetAsset } from './data/rendernet-assets.js';
import { startMockServer } from './start-mock-server.js';
import { call } from './test-client.js';
import type { MockServer } from './types.js';

interface Envelope {
  data: RenderNetAsset | null;
  err: { code?: string; message?: string };
}
const ONE = '/pub/v2/assets/{asset_id}';

describe('RenderNet mock', () => {
  let mock: MockServer;
  let key: Record<string, string>;
  beforeAll(async () => {
    mock = await startMockServer('rendernet', { assets: 500 });
    key = { 'X-API-KEY': mock.apiKey };
  });
  afterAll(() => mock?.close());

  it('returns an asset in the {data, err: {}} envelope', async () => {
    const asset = mock.assets[42] as RenderNetAsset;
    const { status, body } = await call<Envelope>(mock, { template: ONE, path: `/pub/v2/assets/${asset.id}`, headers: key });
    expect(status).toBe(200);
    expect(body).toEqual({ data: asset, err: {} });
  });

  it('validates every asset of the data set against the spec', async () => {
    for (const asset of (mock.assets as readonly RenderNetAsset[]).slice(0, 60)) {
      expect((await call(mock, { template: ONE, path: `/pub/v2/assets/${asset.id}`, headers: key })).status).toBe(200);
    }
  });

  it('answers a missing or wrong key with 401 UNAUTHORIZED, whatever the header case', async () => {
    const asset = mock.assets[0] as RenderNetAsset;
    for (const headers of [{}, { 'X-API-KEY': 'wrong' }] as Record<string, string>[]) {
      const { status, body } = await call<Envelope>(mock, { template: ONE, path: `/pub/v2/assets/${asset.id}`, headers });
      expect(status).toBe(401);
      expect(body.data).toBeNull();
      expect(body.err.code).toBe('UNAUTHORIZED');
    }
    expect((await call(mock, { template: ONE, path: `/pub/v2/assets/${asset.id}`, headers: { 'x-api-key': mock.apiKey } })).status).toBe(200);
  });

  it('answers an unknown id with 404 ASSET_NOT_FOUND', async () => {
    const { status, body } = await call<Envelope>(mock, { template: ONE, path: '/pub/v2/assets/ast_nope', headers: key });
    expect(status).toBe(404);
    expect(body).toEqual({ data: null, err: { code: 'ASSET_NOT_FOUND', message: 'Asset not found' } });
  });

  it('has no list endpoint: other paths are 404 in the error envelope', async () => {
    for (const path of ['/pub/v2/assets', '/pub/v2/assets/', '/pub/v1/assets/x', '/']) {
      const { status, body } = await call<Envelope>(mock, { path, headers: key });
      expect(status).toBe(404);
      expect(body.data).toBeNull();
      expect(body.err.code).toBeTypeOf('string');
    }
  });

  it('generates a realistic mix of kinds and statuses with kind-specific fields', () => {
    const all = mock.assets as readonly RenderNetAsset[];
    expect(new Set(all.map((a) => a.type))).toEqual(new Set(['image', 'video', 'audio']));
    expect(new Set(all.map((a) => a.status))).toEqual(new Set(['active', 'pending', 'processing', 'archive', 'censored']));
    expect(all.filter((a) => a.status === 'active').length / all.length).toBeGreaterThan(0.7);
    expect(all.filter((a) => a.type === 'audio').every((a) => a.size === undefined && a.frames === undefined)).toBe(true);
    expect(all.filter((a) => a.type === 'image').every((a) => a.size !== undefined && a.duration === undefined)).toBe(true);
    expect(all.filter((a) => a.type === 'video' && a.duration !== undefined).every((a) => Number.isInteger(a.duration) && a.frames! > 0)).toBe(true);
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
  });
});
