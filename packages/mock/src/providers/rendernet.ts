import { generateRenderNetAssets } from '../data/rendernet-assets.js';
import type { MockResponse, ProviderMock } from '../types.js';
import { header, matchSegment } from './route.js';

function error(status: number, code: string, message: string): MockResponse {
  return { status, body: { data: null, err: { code, message } } };
}

/** RenderNet: GET /pub/v2/assets/{asset_id} in the `{data, err}` envelope, authenticated by `X-API-KEY`. No list endpoint. */
export function createRenderNetMock(options: { apiKey: string; assets: number; seed: number }): ProviderMock {
  const assets = generateRenderNetAssets(options.assets, options.seed);
  const byId = new Map(assets.map((a) => [a.id, a]));
  return {
    assets,
    handle(req) {
      const key = header(req.headers, 'x-api-key');
      if (key !== options.apiKey) return error(401, 'UNAUTHORIZED', key === undefined ? 'Missing X-API-KEY header' : 'Invalid API key');
      const one = matchSegment(req.path, '/pub/v2/assets/');
      if (!one) return error(404, 'NOT_FOUND', `Cannot ${req.method} ${req.path}`);
      if (req.method !== 'GET') return error(404, 'NOT_FOUND', `Cannot ${req.method} ${req.path}`);
      if ('badEncoding' in one) return error(400, 'INVALID_ASSET_ID', 'Invalid asset id');
      const asset = byId.get(one.id);
      return asset ? { status: 200, body: { data: asset, err: {} } } : error(404, 'ASSET_NOT_FOUND', 'Asset not found');
    },
    faultBody: (status) =>
      status === 429
        ? { data: null, err: { code: 'RATE_LIMITED', message: 'Too many requests, please slow down' } }
        : { data: null, err: { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong' } },
    isAuthOperation: () => false,
    expireTokens: () => {},
  };
}
