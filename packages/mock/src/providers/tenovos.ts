import { generateTenovosCatalog, SYSTEM_PREFIX, type TenovosAsset, type TenovosMetadataEntry } from '../data/tenovos-assets.js';
import { createPrng, subSeed } from '../prng.js';
import type { MockRequest, MockResponse, ProviderMock } from '../types.js';
import { header, matchSegment } from './route.js';
import { keywordSearch, QueryError, scan } from './tenovos-search.js';
import { createSessionStore } from './tenovos-sessions.js';
import { createAssetState, type TenovosUploadStore } from './tenovos-state.js';
import { createWrites } from './tenovos-writes.js';

export type { TenovosUploadStore } from './tenovos-state.js';

export interface TenovosMockOptions {
  apiKey: string;
  assets: number;
  seed: number;
  username: string;
  password: string;
  tokenTtlMs: number;
  /** The server's own URL, echoed as endpointUrl. */
  url: () => string;
  /** Where presigned upload URLs point; needed only by uploads and downloads. */
  objectStore?: () => TenovosUploadStore | undefined;
  /** Bytes per part URL of a multipart upload. Default 100 MiB (the service's fixed part size). */
  partSize?: number;
  processing?: { delayMs?: number; failRate?: number; seed?: number };
  /** How many assets (generated + created) one server holds at most. Default assets + 10_000. */
  maxAssets?: number;
}

export const TENOVOS_PART_SIZE = 100 * 1024 * 1024;

/** The operations of specs/tenovos.yaml besides the token operation. */
const ROUTES: ReadonlyArray<readonly [string, RegExp]> = [
  ['POST', /^\/search\/keyword$/],
  ['POST', /^\/asset\/scan$/],
  ['POST', /^\/asset$/],
  ['POST', /^\/asset\/complete$/],
  ['PATCH', /^\/asset\/[^/]+$/],
  ['POST', /^\/asset\/[^/]+\/delete$/],
  ['GET', /^\/asset\/[^/]+\/content$/],
  ['GET', /^\/assets\/asset\/[^/]+$/],
];

const authError = (status: number, message: string): MockResponse => ({ status, body: { status: 'error', message } });
const plainError = (status: number, message: string): MockResponse => ({ status, body: { message } });

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function hasValue(entry: TenovosMetadataEntry): boolean {
  const v = entry.value;
  return v !== undefined && v !== null && v !== '' && !(Array.isArray(v) && v.length === 0);
}

/** Applies the `empty` and `system` query flags (both default true; only the literal "false" turns one off). */
function view(asset: TenovosAsset, query: URLSearchParams): TenovosAsset {
  const dropEmpty = query.get('empty') === 'false';
  const dropSystem = query.get('system') === 'false';
  if (!dropEmpty && !dropSystem) return asset;
  const metadata = asset.metadata.filter((e) => (!dropEmpty || hasValue(e)) && (!dropSystem || !e.name.startsWith(SYSTEM_PREFIX)));
  return { ...asset, metadata };
}

/**
 * Tenovos 1.5: POST /auth/token (login or refresh, API key only) and
 * GET /assets/asset/{id} (API key + Authorization + AccessToken of a live session).
 */
export function createTenovosMock(options: TenovosMockOptions): ProviderMock {
  const catalog = generateTenovosCatalog(options.assets, options.seed);
  const assets = catalog.assets;
  const partSize = options.partSize ?? TENOVOS_PART_SIZE;
  if (!Number.isInteger(partSize) || partSize < 1) throw new RangeError(`partSize must be a positive integer, got ${partSize}`);
  const delayMs = options.processing?.delayMs ?? 50;
  const failRate = options.processing?.failRate ?? 0;
  if (!(delayMs >= 0)) throw new RangeError(`processing.delayMs must be >= 0, got ${delayMs}`);
  if (!(failRate >= 0 && failRate <= 1)) throw new RangeError(`processing.failRate must be between 0 and 1, got ${failRate}`);
  const state = createAssetState({
    assets,
    store: () => options.objectStore?.(),
    processing: { delayMs },
    maxAssets: options.maxAssets ?? options.assets + 10_000,
  });
  const writes = createWrites({
    state,
    store: () => {
      const store = options.objectStore?.();
      if (!store) throw new Error('this Tenovos mock has no object store for uploads');
      return store;
    },
    prng: createPrng(subSeed(options.processing?.seed ?? options.seed, 'tenovos-writes')),
    partSize,
    failRate,
    metadataTemplates: new Set(catalog.metadataTemplates),
    securityTemplates: new Set(catalog.securityTemplates),
    userId: catalog.users[0] ?? '00000000-0000-4000-8000-000000000000',
  });
  const sessions = createSessionStore({ seed: subSeed(options.seed, 'tokens'), ttlMs: options.tokenTtlMs, username: options.username });

  const tokenResponse = (): MockResponse => ({
    status: 200,
    body: {
      endpointUrl: options.url(),
      clientId: '4d5e6f7a8b9c0d1e2f3a4b5c6d',
      userPoolId: 'us-east-1_MockPool1',
      username: options.username,
      password: '',
      session: sessions.issue(),
    },
  });

  function token(req: MockRequest): MockResponse {
    const key = header(req.headers, 'x-api-key');
    if (key !== options.apiKey) return authError(401, key === undefined ? 'Missing X-API-Key header' : 'Invalid API key');
    let body: unknown;
    try {
      body = JSON.parse(req.body);
    } catch {
      return authError(400, 'Invalid Authentication Parameters');
    }
    if (!isObject(body)) return authError(400, 'Invalid Authentication Parameters');
    // A refresh may send the whole previous token response (which has password ""), so session wins.
    if (body.session !== undefined) {
      const session = body.session;
      if (!isObject(session) || typeof session.refreshToken !== 'string' || typeof session.accessToken !== 'string') {
        return authError(400, 'Invalid Authentication Parameters');
      }
      return sessions.knowsRefreshToken(session.refreshToken) ? tokenResponse() : authError(401, 'Invalid Refresh Token');
    }
    if (typeof body.username !== 'string' || body.username === '') return authError(400, 'Missing required parameter USERNAME');
    if (typeof body.password !== 'string' || body.password === '') return authError(400, 'Missing required parameter PASSWORD');
    if (body.username !== options.username || body.password !== options.password) {
      return authError(401, 'Incorrect username or password.');
    }
    return tokenResponse();
  }

  /** Missing or wrong API key: the API gateway answers 403 before looking at the session. */
  function refuseCaller(req: MockRequest): MockResponse | undefined {
    if (header(req.headers, 'x-api-key') !== options.apiKey) return plainError(403, 'Forbidden');
    if (!sessions.isLive(header(req.headers, 'authorization'), header(req.headers, 'accesstoken'))) return plainError(401, 'Unauthorized');
    return undefined;
  }

  function asset(req: MockRequest, id: string): MockResponse {
    const found = state.get(id);
    // Tenovos has no 404 here: a missing asset is a 403 with this message.
    if (!found) return plainError(403, 'Asset not found');
    return { status: 200, body: { status: 'success', message: 'Asset retrieved successfully', data: view(state.current(found), req.query) } };
  }

  function jsonBody(req: MockRequest): { value: unknown } | undefined {
    try {
      return { value: JSON.parse(req.body) };
    } catch {
      return undefined;
    }
  }

  function query(req: MockRequest, run: (body: unknown) => unknown): MockResponse {
    const body = jsonBody(req);
    try {
      if (!body) throw new QueryError('the body is not JSON');
      return { status: 200, body: run(body.value) };
    } catch (error) {
      if (error instanceof QueryError) return { status: 400, body: { status: 'error', message: 'Invalid Search Query', detail: error.message } };
      throw error;
    }
  }

  /** Routes /asset/{id}, /asset/{id}/delete and /asset/{id}/content (object ids only). */
  function assetRoute(req: MockRequest, rawId: string, action: string): MockResponse {
    let id: string;
    try {
      id = decodeURIComponent(rawId);
    } catch {
      return plainError(502, 'Internal server error');
    }
    const record = state.get(id);
    const method = { '': 'PATCH', '/delete': 'POST', '/content': 'GET' }[action];
    if (req.method !== method) return plainError(403, 'Missing Authentication Token');
    if (!record || record.asset.assetId !== id) return plainError(403, 'Asset not found');
    const body = jsonBody(req);
    if (action === '/content') return writes.content(record);
    if (action === '/delete') return writes.recycle(record, body?.value);
    return body ? writes.update(record, body.value) : plainError(403, 'Failed to parse Asset');
  }

  function route(req: MockRequest): MockResponse {
    const { path, method } = req;
    if (path === '/search/keyword' && method === 'POST') return query(req, (body) => keywordSearch(state, body));
    if (path === '/asset/scan' && method === 'POST') return query(req, (body) => scan(state, body));
    if (path === '/asset' && method === 'POST') {
      const body = jsonBody(req);
      return body ? writes.create(body.value) : plainError(403, 'Unexpected end of JSON input');
    }
    if (path === '/asset/complete' && method === 'POST') {
      const body = jsonBody(req);
      return writes.complete(body?.value);
    }
    const legacy = /^\/asset\/([^/]+)(|\/delete|\/content)$/.exec(path);
    if (legacy && legacy[1] !== 'scan' && legacy[1] !== 'complete') return assetRoute(req, legacy[1]!, legacy[2]!);
    const one = matchSegment(path, '/assets/asset/');
    if (one && method === 'GET') return 'badEncoding' in one ? plainError(403, 'Asset not found') : asset(req, one.id);
    // API Gateway answers unknown routes with 403 "Missing Authentication Token".
    return plainError(403, 'Missing Authentication Token');
  }

  return {
    assets,
    handle(req) {
      if (req.path === '/auth/token') return req.method === 'POST' ? token(req) : plainError(403, 'Missing Authentication Token');
      // API Gateway answers a route it does not have before it looks at credentials.
      if (!ROUTES.some(([method, pattern]) => req.method === method && pattern.test(req.path))) return plainError(403, 'Missing Authentication Token');
      return refuseCaller(req) ?? route(req);
    },
    faultBody: (status) => (status === 429 ? { message: 'Too Many Requests' } : { message: 'Internal server error' }),
    isAuthOperation: (req) => req.path === '/auth/token',
    expireTokens: () => sessions.expireAll(),
    inspect: () => state.inspect(),
  };
}
