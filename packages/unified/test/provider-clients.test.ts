// Each generated client against its provider's mock: the success path and every
// error class from the status and body that provider really sends.
import { inspect } from 'node:util';
import { startMockServer, type FaultKind, type MockServer, type ProviderName } from '@assetkit/mock';
import { createRenderNetClient } from '@assetkit/rendernet';
import {
  AssetkitError,
  AuthenticationError,
  type CallOptions,
  InvalidResponseError,
  NotFoundError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from '@assetkit/runtime';
import { createTenovosClient } from '@assetkit/tenovos';
import { createTwelveLabsClient } from '@assetkit/twelvelabs';
import { afterEach, describe, expect, it } from 'vitest';

/** `get(id)`, and the same call with per-call options (same client, so Tenovos reuses its session). */
type Get = (id: string, call?: CallOptions) => Promise<unknown>;
// Short backoff so retries do not wait on jitter. No timeoutMs: the default (generous) one applies,
// so a busy machine cannot turn a slow answer into a failure. Only the stall test sets a short
// timeout, for the one call the mock never answers.
const fast = { retryDelay: { initialDelayMs: 5, maxDelayMs: 10 } };

/** Builds `get(id)` through the generated client, with the mock's or the given credentials. */
function getter(provider: ProviderName, mock: MockServer, overrides: { apiKey?: string; maxRetries?: number } = {}): Get {
  const base = { apiKey: overrides.apiKey ?? mock.apiKey, baseUrl: mock.url, maxRetries: overrides.maxRetries ?? 0, ...fast };
  if (provider === 'twelvelabs') {
    const c = createTwelveLabsClient(base);
    return (id, call) => (call ? c.withOptions(call) : c).GET('/assets/{asset_id}', { params: { path: { asset_id: id } } }).then((r) => r.data);
  }
  if (provider === 'rendernet') {
    const c = createRenderNetClient(base);
    return (id, call) => (call ? c.withOptions(call) : c).GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: id } } }).then((r) => r.data?.data);
  }
  const c = createTenovosClient({ ...base, username: mock.username!, password: mock.password! });
  return (id, call) => (call ? c.withOptions(call) : c).GET('/assets/asset/{id}', { params: { path: { id } } }).then((r) => r.data?.data);
}

const idOf = (provider: ProviderName, asset: unknown) =>
  (asset as Record<string, string>)[provider === 'twelvelabs' ? '_id' : provider === 'rendernet' ? 'id' : 'assetId']!;

const servers: MockServer[] = [];
const start = async (provider: ProviderName, plan?: (FaultKind | null)[]) => {
  const mock = await startMockServer(provider, { assets: 20, ...(plan && { faults: { plan, retryAfterSeconds: 2 } }) });
  servers.push(mock);
  return mock;
};
afterEach(async () => {
  await Promise.all(servers.splice(0).map((s) => s.close()));
});

async function failure(promise: Promise<unknown>): Promise<AssetkitError> {
  const error = await promise.then(
    () => new Error('expected failure'),
    (e: unknown) => e,
  );
  if (!(error instanceof AssetkitError)) throw error;
  return error;
}

describe.each(['twelvelabs', 'rendernet', 'tenovos'] as const)('%s generated client over its mock', (provider) => {
  it('gets an asset', async () => {
    const mock = await start(provider);
    const asset = mock.assets[5]!;
    expect(await getter(provider, mock)(idOf(provider, asset))).toEqual(asset);
  });

  it('a wrong API key is an authentication or permission error, and never shows the key', async () => {
    const mock = await start(provider);
    const error = await failure(getter(provider, mock, { apiKey: 'wrong-key-000111' })('x'));
    // Tenovos refuses a wrong key at the token operation with 401, like the others do on the call itself
    expect(error).toBeInstanceOf(AuthenticationError);
    expect(error.provider).toBe(provider);
    expect(error.status).toBe(401);
    expect(`${error.message} ${inspect(error)} ${JSON.stringify(error)}`).not.toContain('wrong-key-000111');
  });

  it('an unknown id is a not-found error', async () => {
    const mock = await start(provider);
    const error = await failure(getter(provider, mock)('no-such-asset'));
    expect(error).toBeInstanceOf(NotFoundError);
    expect(error.status).toBe(provider === 'tenovos' ? 403 : 404);
    if (provider !== 'tenovos') expect(error.code).toBeTruthy();
    expect(error.requestId).toMatch(/^mock-/);
  });

  it('429 is a rate-limit error with retryAfter; 503 a server error', async () => {
    const mock = await start(provider, ['429', '503']);
    const get = getter(provider, mock);
    const id = idOf(provider, mock.assets[0]);
    const limited = await failure(get(id));
    expect(limited).toBeInstanceOf(RateLimitError);
    expect((limited as RateLimitError).retryAfter).toBe(2);
    expect(await failure(get(id))).toBeInstanceOf(ServerError);
  });

  it('retries a 503 and a connection reset, then succeeds', async () => {
    const mock = await start(provider, ['503', 'reset']);
    const asset = mock.assets[1]!;
    expect(await getter(provider, mock, { maxRetries: 2 })(idOf(provider, asset))).toEqual(asset);
  });

  it('a non-JSON 200 is an invalid-response error; a stalled response a timeout', async () => {
    const mock = await start(provider, ['non-json', 'stall']);
    const get = getter(provider, mock);
    const id = idOf(provider, mock.assets[0]);
    // No timeout on this one: it (and Tenovos's token fetch) may take as long as a busy machine needs.
    expect(await failure(get(id))).toBeInstanceOf(InvalidResponseError);
    // The stalled request never gets an answer, so any timeout ends it; a short one keeps the test quick.
    const stalled = await failure(get(id, { timeoutMs: 200 }));
    expect(stalled).toBeInstanceOf(TimeoutError);
    expect(mock.stats.faults.stall).toBe(1);
  });
});

describe('Tenovos specifics', () => {
  it('fetches the token once for 20 concurrent calls and refreshes after expiry', async () => {
    const mock = await start('tenovos');
    const get = getter('tenovos', mock);
    const ids = mock.assets.slice(0, 20).map((a) => idOf('tenovos', a));
    await Promise.all(ids.map((id) => get(id)));
    expect(mock.stats.tokenRequests).toBe(1);
    mock.expireTokens();
    await Promise.all(ids.slice(0, 5).map((id) => get(id)));
    expect(mock.stats.tokenRequests).toBe(2);
  });
});
