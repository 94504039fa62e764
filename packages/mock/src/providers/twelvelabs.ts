import { generateTwelveLabsAssets, kindOf, type TwelveLabsAsset } from '../data/twelvelabs-assets.js';
import type { MockRequest, MockResponse, ProviderMock } from '../types.js';
import { header, matchSegment } from './route.js';

const DOCS_URL = 'https://docs.twelvelabs.io/v1.3/api-reference/error-codes';
const ASSET_TYPES = new Set(['image', 'video', 'audio']);

function error(status: number, code: string, message: string): MockResponse {
  return { status, body: { code, message, docs_url: DOCS_URL } };
}

/** Parses an integer query parameter; `undefined` when absent, `null` when invalid or out of range. */
function intParam(query: URLSearchParams, name: string, min: number, max: number): number | null | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}

function list(assets: readonly TwelveLabsAsset[], query: URLSearchParams): MockResponse {
  const page = intParam(query, 'page', 1, Number.MAX_SAFE_INTEGER);
  if (page === null) return error(400, 'parameter_invalid', 'The page parameter is invalid: it must be an integer of at least 1.');
  const limit = intParam(query, 'page_limit', 1, 50);
  if (limit === null) return error(400, 'parameter_invalid', 'The page_limit parameter is invalid: it must be an integer between 1 and 50.');
  const types = query.getAll('asset_types');
  const badType = types.find((t) => !ASSET_TYPES.has(t));
  if (badType !== undefined) {
    return error(400, 'parameter_invalid', `The asset_types parameter is invalid: "${badType}" is not one of image, video, audio.`);
  }
  const ids = query.getAll('asset_ids');
  // AND across filters, OR within one.
  const idSet = ids.length > 0 ? new Set(ids) : undefined;
  const typeSet = types.length > 0 ? new Set(types) : undefined;
  const matching = idSet || typeSet
    ? assets.filter((a) => (!idSet || idSet.has(a._id)) && (!typeSet || typeSet.has(kindOf(a))))
    : assets;
  const p = page ?? 1;
  const size = limit ?? 10;
  return {
    status: 200,
    body: {
      data: matching.slice((p - 1) * size, p * size),
      page_info: { limit_per_page: size, page: p, total_page: Math.ceil(matching.length / size), total_results: matching.length },
    },
  };
}

/** TwelveLabs v1.3: GET /assets and GET /assets/{asset_id}, authenticated by `x-api-key`. */
export function createTwelveLabsMock(options: { apiKey: string; assets: number; seed: number }): ProviderMock {
  const assets = generateTwelveLabsAssets(options.assets, options.seed);
  const byId = new Map(assets.map((a) => [a._id, a]));
  return {
    assets,
    handle(req: MockRequest): MockResponse {
      const key = header(req.headers, 'x-api-key');
      if (key !== options.apiKey) {
        return error(401, 'api_key_invalid', key === undefined ? 'No API key was provided in the x-api-key header.' : 'The API key you provided is not valid.');
      }
      const isList = req.path === '/assets';
      const one = matchSegment(req.path, '/assets/');
      if (!isList && !one) return error(404, 'resource_not_exist', `There is no endpoint ${req.method} ${req.path}.`);
      if (req.method !== 'GET') return { ...error(405, 'method_not_allowed', `${req.method} is not supported on ${req.path} by this mock.`), headers: { allow: 'GET, OPTIONS' } };
      if (isList) return list(assets, req.query);
      if (one && 'badEncoding' in one) return error(400, 'parameter_invalid', 'The asset_id parameter is invalid.');
      const asset = one ? byId.get(one.id) : undefined;
      return asset ? { status: 200, body: asset } : error(404, 'resource_not_exist', `The asset you requested does not exist.`);
    },
    faultBody: (status, retryAfter) =>
      status === 429
        ? { code: 'too_many_requests', message: `You have exceeded the rate limit. Please try again later after ${retryAfter} seconds.`, docs_url: DOCS_URL }
        : { code: 'internal_error', message: `The server failed with status ${status}. Please try again later.` },
    isAuthOperation: () => false,
    expireTokens: () => {},
  };
}
