import { generateTenovosAssets, SYSTEM_PREFIX, type TenovosAsset, type TenovosMetadataEntry } from '../data/tenovos-assets.js';
import { subSeed } from '../prng.js';
import type { MockRequest, MockResponse, ProviderMock } from '../types.js';
import { header, matchSegment } from './route.js';
import { createSessionStore } from './tenovos-sessions.js';

export interface TenovosMockOptions {
  apiKey: string;
  assets: number;
  seed: number;
  username: string;
  password: string;
  tokenTtlMs: number;
  /** The server's own URL, echoed as endpointUrl. */
  url: () => string;
}

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
  const assets = generateTenovosAssets(options.assets, options.seed);
  const byId = new Map<string, TenovosAsset>();
  for (const a of assets) {
    byId.set(a.assetId, a);
    byId.set(a.fileId, a);
  }
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

  function asset(req: MockRequest, id: string): MockResponse {
    // Missing or wrong API key: the API gateway answers 403 before looking at the session.
    if (header(req.headers, 'x-api-key') !== options.apiKey) return plainError(403, 'Forbidden');
    if (!sessions.isLive(header(req.headers, 'authorization'), header(req.headers, 'accesstoken'))) return plainError(401, 'Unauthorized');
    const found = byId.get(id);
    // Tenovos has no 404 here: a missing asset is a 403 with this message.
    if (!found) return plainError(403, 'Asset not found');
    return { status: 200, body: { status: 'success', message: 'Asset retrieved successfully', data: view(found, req.query) } };
  }

  return {
    assets,
    handle(req) {
      if (req.path === '/auth/token') return req.method === 'POST' ? token(req) : plainError(403, 'Missing Authentication Token');
      const one = matchSegment(req.path, '/assets/asset/');
      // API Gateway answers unknown routes with 403 "Missing Authentication Token".
      if (!one || req.method !== 'GET') return plainError(403, 'Missing Authentication Token');
      if ('badEncoding' in one) return plainError(403, 'Asset not found');
      return asset(req, one.id);
    },
    faultBody: (status) => (status === 429 ? { message: 'Too Many Requests' } : { message: 'Internal server error' }),
    isAuthOperation: (req) => req.path === '/auth/token',
    expireTokens: () => sessions.expireAll(),
  };
}
