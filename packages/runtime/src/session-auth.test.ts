import { inspect } from 'node:util';
import { sendJson, startRecordingServer, type RecordedRequest, type RecordingServer } from '@assetkit/mock';
import type { ServerResponse } from 'node:http';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createProviderClient } from './create-client.js';
import { descriptorSessionAuth } from './session-token-client.js';
import type { ProviderDescriptor } from './descriptor.js';
import { AssetkitError, AuthenticationError, ConfigurationError } from './errors.js';
import type { TestPaths } from './test-paths.js';

// The session shape of Tenovos, as the generator derives it from specs/tenovos.yaml.
const descriptor: ProviderDescriptor = {
  provider: 'tenovos',
  displayName: 'Tenovos',
  servers: ['https://api.tenovos.io/v1'],
  apiKey: { header: 'X-API-Key', env: 'TENOVOS_API_KEY' },
  session: {
    tokenPath: '/auth/token',
    env: { username: 'TENOVOS_USERNAME', password: 'TENOVOS_PASSWORD' },
    loginBody: { username: '$username', password: '$password' },
    refreshBody: { session: { accessToken: '$session.accessToken', refreshToken: '$session.refreshToken' } },
    headers: { Authorization: 'session.authorization', AccessToken: 'session.accessToken' },
    expiresAt: 'session.expireEpoch',
    refreshToken: 'session.refreshToken',
  },
};
const SECRETS = { apiKey: 'tv-api-key-5551', username: 'jane@example.com', password: 'hunter2-password' };

/** A token server: issues numbered sessions; `ttlMs` decides expireEpoch; accepts only the newest access token. */
let server: RecordingServer;
let issued = 0;
let ttlMs = 3_600_000;
let live = '';
const tokenCalls = () => server.requests.filter((r) => r.path === '/auth/token');
function handler(req: RecordedRequest, res: ServerResponse) {
  if (req.path === '/auth/token') {
    const body = JSON.parse(req.body);
    if (body.password !== undefined && body.password !== SECRETS.password) return sendJson(res, 401, { status: 'error', message: 'Incorrect username or password.' });
    issued++;
    live = `access-${issued}`;
    // answer slowly so concurrent callers overlap
    setTimeout(
      () => sendJson(res, 200, { username: SECRETS.username, password: '', session: { authorization: `id-${issued}`, accessToken: live, refreshToken: `refresh-${issued}`, expireEpoch: Date.now() + ttlMs } }),
      30,
    );
    return;
  }
  if (req.headers['accesstoken'] !== live || req.headers['x-api-key'] !== SECRETS.apiKey) return sendJson(res, 401, { message: 'Unauthorized' });
  sendJson(res, 200, { id: 'a1' });
}

beforeAll(async () => {
  server = await startRecordingServer(handler);
});
beforeEach(() => {
  server.requests.length = 0;
  ttlMs = 3_600_000;
});
afterAll(() => server.close());

const client = () => createProviderClient<TestPaths>(descriptor, { ...SECRETS, baseUrl: server.url, retryDelay: { initialDelayMs: 5 } }, descriptorSessionAuth);
const get = (c: ReturnType<typeof client>) => c.GET('/things/{id}', { params: { path: { id: 'a1' } } });

describe('session auth (Tenovos token flow)', () => {
  it('20 concurrent calls share one token request', async () => {
    const c = client();
    const results = await Promise.all(Array.from({ length: 20 }, () => get(c)));
    expect(results.every((r) => r.data?.id === 'a1')).toBe(true);
    expect(tokenCalls()).toHaveLength(1);
    expect(JSON.parse(tokenCalls()[0]!.body)).toEqual({ username: SECRETS.username, password: SECRETS.password });
    const calls = server.requests.filter((r) => r.path !== '/auth/token');
    expect(calls).toHaveLength(20);
    for (const call of calls) {
      expect(call.headers['authorization']).toMatch(/^id-\d+$/); // raw, no "Bearer"
      expect(call.headers['x-api-key']).toBe(SECRETS.apiKey);
    }
  });

  it('refreshes with the refresh token before the access token expires', async () => {
    ttlMs = 60_200; // just outside the 60 s refresh margin
    const c = client();
    await get(c);
    expect(tokenCalls()).toHaveLength(1);
    await new Promise((r) => setTimeout(r, 300)); // now inside the margin
    await Promise.all([get(c), get(c), get(c)]);
    expect(tokenCalls()).toHaveLength(2);
    const refresh = JSON.parse(tokenCalls()[1]!.body);
    expect(refresh).toEqual({ session: { accessToken: `access-${issued - 1}`, refreshToken: `refresh-${issued - 1}` } });
  });

  it('renews once after a 401 and retries the call', async () => {
    const c = client();
    await get(c);
    live = 'revoked-by-server';
    const { data } = await get(c);
    expect(data?.id).toBe('a1');
    expect(tokenCalls()).toHaveLength(2);
  });

  it('a 401 that survives a fresh session is an authentication error', async () => {
    const c = client();
    await get(c);
    server.respond((req, res) => (req.path === '/auth/token' ? handler(req, res) : sendJson(res, 401, { message: 'Unauthorized' })));
    try {
      await expect(get(c)).rejects.toBeInstanceOf(AuthenticationError);
      expect(tokenCalls()).toHaveLength(2);
    } finally {
      server.respond(handler);
    }
  });

  it('wrong credentials fail with an authentication error that names no secret', async () => {
    const c = createProviderClient<TestPaths>(descriptor, { ...SECRETS, password: 'wrong-password-123', baseUrl: server.url }, descriptorSessionAuth);
    const error = (await get(c).catch((e: unknown) => e)) as AssetkitError;
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.message).toContain('Incorrect username or password');
    const text = `${inspect(error)} ${JSON.stringify(error)} ${inspect(c)}`;
    for (const secret of ['wrong-password-123', SECRETS.apiKey]) expect(text).not.toContain(secret);
  });

  it('names the environment variables of missing credentials', () => {
    for (const name of ['TENOVOS_USERNAME', 'TENOVOS_PASSWORD']) delete process.env[name];
    expect(() => createProviderClient(descriptor, { apiKey: 'k', baseUrl: server.url }, descriptorSessionAuth)).toThrow(ConfigurationError);
    expect(() => createProviderClient(descriptor, { apiKey: 'k', baseUrl: server.url }, descriptorSessionAuth)).toThrow(/TENOVOS_USERNAME/);
    expect(() => createProviderClient(descriptor, { apiKey: 'k', username: 'u', baseUrl: server.url }, descriptorSessionAuth)).toThrow(/TENOVOS_PASSWORD/);
  });
});
