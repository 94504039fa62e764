import { afterEach, describe, expect, it, vi } from 'vitest';
import { SYSTEM_PREFIX, type TenovosAsset } from './data/tenovos-assets.js';
import { startMockServer } from './start-mock-server.js';
import { call } from './test-client.js';
import type { MockOptions, MockServer } from './types.js';

interface TokenResponse {
  endpointUrl: string;
  username: string;
  password: string;
  session: { authorization: string; accessToken: string; refreshToken: string; expireEpoch: number };
}
interface AssetResponse {
  status: string;
  message: string;
  data: TenovosAsset;
}
const TOKEN = '/auth/token';
const ASSET = '/assets/asset/{id}';

let mock: MockServer | undefined;
afterEach(async () => {
  await mock?.close();
  mock = undefined;
});

async function start(options: MockOptions = {}): Promise<MockServer> {
  mock = await startMockServer('tenovos', { assets: 50, ...options });
  return mock;
}

async function login(m: MockServer): Promise<TokenResponse> {
  const { status, body } = await call<TokenResponse>(m, {
    method: 'POST',
    template: TOKEN,
    path: TOKEN,
    headers: { 'X-API-Key': m.apiKey },
    body: { username: m.username, password: m.password },
  });
  expect(status).toBe(200);
  return body;
}

function authHeaders(m: MockServer, token: TokenResponse): Record<string, string> {
  return { 'X-API-Key': m.apiKey, Authorization: token.session.authorization, AccessToken: token.session.accessToken };
}

describe('Tenovos mock', () => {
  it('logs in and retrieves an asset by asset id and by file id', async () => {
    const m = await start();
    const token = await login(m);
    expect(token.password).toBe('');
    expect(token.username).toBe('demo@assetkit.dev');
    expect(token.endpointUrl).toBe(m.url);
    expect(token.session.expireEpoch).toBeGreaterThan(Date.now() + 3_500_000);
    expect(token.session.expireEpoch).toBeLessThanOrEqual(Date.now() + 3_600_000);
    const asset = m.assets[3] as TenovosAsset;
    for (const id of [asset.assetId, asset.fileId]) {
      const { status, body } = await call<AssetResponse>(m, { template: ASSET, path: `/assets/asset/${id}`, headers: authHeaders(m, token) });
      expect(status).toBe(200);
      expect(body.status).toBe('success');
      expect(body.data).toEqual(asset);
    }
    expect(m.stats.tokenRequests).toBe(1);
  });

  it('refuses wrong credentials, a missing API key and malformed bodies', async () => {
    const m = await start({ username: 'ops@example.com', password: 's3cret' });
    const post = (body: unknown, headers: Record<string, string> = { 'X-API-Key': m.apiKey }) =>
      call<{ status: string; message: string }>(m, { method: 'POST', template: TOKEN, path: TOKEN, headers, body });
    const wrong = await post({ username: 'ops@example.com', password: 'nope' });
    expect(wrong).toMatchObject({ status: 401, body: { status: 'error', message: 'Incorrect username or password.' } });
    expect((await post({ username: 'demo@assetkit.dev', password: 's3cret' })).status).toBe(401);
    expect((await post({ username: 'ops@example.com', password: 's3cret' }, {})).status).toBe(401);
    expect((await post({ username: 'ops@example.com', password: 's3cret' }, { 'X-API-Key': 'other' })).status).toBe(401);
    for (const bad of ['{not json', [], { username: 'ops@example.com' }, { session: 'x' }, {}]) {
      const answer = await post(bad);
      expect(answer.status).toBe(400);
      expect(answer.body.status).toBe('error');
    }
    expect((await post({ username: 'ops@example.com', password: 's3cret' })).status).toBe(200);
    expect(m.stats.tokenRequests).toBe(10);
  });

  it('refreshes a session with its refresh token (the whole previous response is accepted too)', async () => {
    const m = await start();
    const first = await login(m);
    const refresh = (body: unknown) => call<TokenResponse>(m, { method: 'POST', template: TOKEN, path: TOKEN, headers: { 'X-API-Key': m.apiKey }, body });
    const second = await refresh({ session: { accessToken: first.session.accessToken, refreshToken: first.session.refreshToken } });
    expect(second.status).toBe(200);
    expect(second.body.session.accessToken).not.toBe(first.session.accessToken);
    expect(second.body.session.authorization).not.toBe(first.session.authorization);
    expect((await refresh(second.body)).status).toBe(200);
    const unknown = await refresh({ session: { accessToken: 'a', refreshToken: 'not-issued' } });
    expect(unknown.status).toBe(401);
    const asset = m.assets[0] as TenovosAsset;
    expect((await call(m, { template: ASSET, path: `/assets/asset/${asset.assetId}`, headers: authHeaders(m, second.body) })).status).toBe(200);
  });

  it('answers 401 for missing, mismatched, unknown or expired tokens, and 403 Forbidden for a bad API key', async () => {
    const m = await start();
    const token = await login(m);
    const other = await login(m);
    const path = `/assets/asset/${(m.assets[0] as TenovosAsset).assetId}`;
    const get = (headers: Record<string, string>) => call<{ message: string }>(m, { template: ASSET, path, headers });
    const good = authHeaders(m, token);
    expect((await get(good)).status).toBe(200);
    expect(await get({ 'X-API-Key': m.apiKey })).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
    expect((await get({ ...good, AccessToken: 'forged' })).status).toBe(401);
    expect((await get({ ...good, Authorization: other.session.authorization })).status).toBe(401);
    expect((await get({ ...good, Authorization: `Bearer ${token.session.authorization}` })).status).toBe(401);
    expect(await get({ ...good, 'X-API-Key': 'wrong' })).toMatchObject({ status: 403, body: { message: 'Forbidden' } });
    m.expireTokens();
    expect(await get(good)).toMatchObject({ status: 401, body: { message: 'Unauthorized' } });
    expect((await get(authHeaders(m, other))).status).toBe(401);
    // Refresh tokens outlive the access token.
    const renewed = await call<TokenResponse>(m, { method: 'POST', template: TOKEN, path: TOKEN, headers: { 'X-API-Key': m.apiKey }, body: token });
    expect((await get(authHeaders(m, renewed.body))).status).toBe(200);
  });

  it('expires access tokens after tokenTtlMs', async () => {
    // Only Date is faked, and only the test moves it: a slow machine cannot expire the token
    // before the first call, which a real 400 ms TTL allowed.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const m = await start({ tokenTtlMs: 400 });
      const token = await login(m);
      const path = `/assets/asset/${(m.assets[0] as TenovosAsset).assetId}`;
      vi.setSystemTime(Date.now() + 399);
      expect((await call(m, { template: ASSET, path, headers: authHeaders(m, token) })).status).toBe(200);
      vi.setSystemTime(Date.now() + 1);
      expect((await call(m, { template: ASSET, path, headers: authHeaders(m, token) })).status).toBe(401);
    } finally {
      vi.useRealTimers();
    }
  });

  it('answers an unknown id with 403 "Asset not found"', async () => {
    const m = await start();
    const headers = authHeaders(m, await login(m));
    for (const id of ['2dee909b-6b2b-4da8-96c3-af90fc1662ec', 'not-a-uuid', '%E0%A4%A']) {
      expect(await call(m, { template: ASSET, path: `/assets/asset/${id}`, headers })).toMatchObject({ status: 403, body: { message: 'Asset not found' } });
    }
  });

  it('drops empty metadata with empty=false and system metadata with system=false', async () => {
    const m = await start();
    const headers = authHeaders(m, await login(m));
    const asset = (m.assets as readonly TenovosAsset[]).find((a) => a.metadata.some((e) => !('value' in e)))!;
    const get = async (query: string) =>
      (await call<AssetResponse>(m, { template: ASSET, path: `/assets/asset/${asset.assetId}${query}`, headers })).body.data.metadata;
    const names = (entries: TenovosAsset['metadata']) => entries.map((e) => e.name);
    const all = await get('');
    expect(all).toEqual(asset.metadata);
    expect(await get('?empty=true&system=true')).toEqual(asset.metadata);
    const nonEmpty = await get('?empty=false');
    expect(nonEmpty.length).toBeLessThan(all.length);
    expect(nonEmpty.every((e) => e.value !== undefined && e.value !== null && e.value !== '' && !(Array.isArray(e.value) && e.value.length === 0))).toBe(true);
    const noSystem = await get('?system=false');
    expect(names(noSystem)).toEqual(names(all).filter((n) => !n.startsWith(SYSTEM_PREFIX)));
    expect(names(all).some((n) => n.startsWith(SYSTEM_PREFIX))).toBe(true);
    const both = await get('?empty=false&system=false');
    expect(names(both)).toEqual(names(nonEmpty).filter((n) => !n.startsWith(SYSTEM_PREFIX)));
  });

  it('generates string, list and table metadata, renditions and recycle-bin states', async () => {
    const m = await start({ assets: 300 });
    const all = m.assets as readonly TenovosAsset[];
    const values = all.flatMap((a) => a.metadata.map((e) => e.value));
    expect(values.some((v) => typeof v === 'string')).toBe(true);
    expect(values.some((v) => Array.isArray(v) && typeof v[0] === 'string')).toBe(true);
    expect(values.some((v) => Array.isArray(v) && Array.isArray(v[0]))).toBe(true);
    expect(all.some((a) => a.fileState === 'recycle bin')).toBe(true);
    expect(all.filter((a) => a.fileState === 'available').length / all.length).toBeGreaterThan(0.85);
    expect(all.some((a) => a.renditionsDocument?.imageThumb && a.renditionsDocument.width)).toBe(true);
    expect(all.some((a) => a.renditionsDocument === undefined)).toBe(true);
    expect(all.every((a) => /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/.test(a.assetId))).toBe(true);
  });
});
