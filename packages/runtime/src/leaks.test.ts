// Credentials never leave where they belong (issue #10 "Leaks to close"), plus what serious SDK runtimes give
// (provider id, User-Agent, request id, logging, deadline, POST retry policy) and issue #13's error messages.
import { readFileSync } from 'node:fs';
import { sendJson } from '@assetkit/mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createProviderClient } from './create-client.js';
import {
  AssetkitError,
  ConfigurationError,
  ConnectionError,
  InvalidRequestError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from './errors.js';
import type { TestPaths } from './test-paths.js';
import { acmeDescriptor, failure, recordingServerForFile, refusingUrl } from './test-server.js';
import { RUNTIME_VERSION } from './version.js';

const API_KEY = 'sk-test-leaks-0123456789';
const descriptor = acmeDescriptor;

const server = recordingServerForFile(undefined, { afterEach: (_req, res) => sendJson(res, 200, { id: 'a1' }) });
// another origin (another port)
const other = recordingServerForFile((_req, res) => sendJson(res, 200, { id: 'elsewhere' }), { afterEach: true });

const client = (opts: Parameters<typeof createProviderClient>[1] = {}) =>
  createProviderClient<TestPaths>(descriptor, { apiKey: API_KEY, baseUrl: server.url, retryDelay: { initialDelayMs: 5, maxDelayMs: 20 }, ...opts });
const get = (c = client(), init: Record<string, unknown> = {}) => c.GET('/things/{id}', { params: { path: { id: 'a1' } }, ...init });
const post = (c = client()) => c.POST('/things/{id}', { params: { path: { id: 'a1' } }, body: { name: 'n' } });

function thrown(fn: () => unknown): AssetkitError {
  try {
    fn();
  } catch (error) {
    if (error instanceof AssetkitError) return error;
    throw error;
  }
  throw new Error('expected a throw');
}

describe('a key that cannot be a header value is refused at creation, without showing it', () => {
  for (const [label, key] of [
    ['\\n', 'sk-aaaa\nsk-bbbb'],
    ['\\r\\n', 'sk-aaaa\r\nsk-bbbb'],
    ['non-Latin-1', 'sk-aaaa\u2013bbbb'],
  ] as const) {
    it(`option with ${label}`, () => {
      const error = thrown(() => client({ apiKey: key }));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.provider).toBe('acme');
      expect(error.message).toContain('apiKey option');
      expect(error.message).not.toContain('sk-aaaa');
      expect(error.message).not.toContain('bbbb');
    });
  }

  it('names the environment variable when the key came from there', () => {
    process.env.ACME_API_KEY = 'sk-aaaa\u00e9\u4e00';
    try {
      const error = thrown(() => createProviderClient<TestPaths>(descriptor, { baseUrl: server.url }));
      expect(error).toBeInstanceOf(ConfigurationError);
      expect(error.message).toContain('ACME_API_KEY');
      expect(error.message).toContain('Latin-1');
      expect(error.message).not.toContain('sk-aaaa');
    } finally {
      delete process.env.ACME_API_KEY;
    }
  });
});

describe('the final URL of every request is checked, not only the base URL', () => {
  it('a per-request plain-HTTP baseUrl is refused before anything is sent', async () => {
    const error = await failure(get(client(), { baseUrl: 'http://api.acme.invalid/v1' }));
    expect(error).toBeInstanceOf(ConfigurationError);
    expect(error.provider).toBe('acme');
    expect(error.message).toContain('http://api.acme.invalid');
  });

  it('a per-request loopback baseUrl still works', async () => {
    expect((await get(client({ baseUrl: 'https://api.acme.example' }), { baseUrl: server.url })).data).toEqual({ id: 'a1' });
  });
});

describe('redirects: credentials never leave the configured origin', () => {
  for (const status of [302, 307]) {
    it(`a cross-origin ${status} is followed without the key`, async () => {
      server.respond((_req, res) => (res.writeHead(status, { location: `${other.url}/things/b2` }), void res.end()));
      const { data } = await get();
      expect(data).toEqual({ id: 'elsewhere' });
      expect(server.requests[0]!.headers['x-api-key']).toBe(API_KEY);
      expect(other.requests).toHaveLength(1);
      expect(other.requests[0]!.headers['x-api-key']).toBeUndefined();
    });
  }

  it('a cross-origin 307 keeps method and body, still without the key', async () => {
    server.respond((_req, res) => (res.writeHead(307, { location: `${other.url}/upload` }), void res.end()));
    await post();
    expect(other.requests[0]!.method).toBe('POST');
    expect(other.requests[0]!.body).toBe('{"name":"n"}');
    expect(other.requests[0]!.headers['x-api-key']).toBeUndefined();
  });

  it('a same-origin redirect keeps the key', async () => {
    server.respond((req, res) =>
      req.path === '/things/a1' ? (res.writeHead(302, { location: '/things/a2' }), void res.end()) : sendJson(res, 200, { id: 'a2' }),
    );
    expect((await get()).data).toEqual({ id: 'a2' });
    expect(server.requests.map((r) => r.headers['x-api-key'])).toEqual([API_KEY, API_KEY]);
  });
});

describe('Retry-After beyond the cap or the deadline fails at once', () => {
  it('Retry-After 120 s over a 60 s cap: RateLimitError with retryAfter, one request', async () => {
    server.respond((_req, res) => sendJson(res, 429, { message: 'slow down' }, { 'retry-after': '120' }));
    const error = await failure(get());
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(120);
    expect(server.requests).toHaveLength(1);
  });

  it('Retry-After 5 s with deadlineMs 1000: RateLimitError at once', async () => {
    server.respond((_req, res) => sendJson(res, 429, { message: 'slow down' }, { 'retry-after': '5' }));
    // "At once" without a stopwatch: no retry was scheduled (no onRetry, so no backoff sleep).
    // 5 s of Retry-After can never fit in a 1 s deadline, however fast or slow the machine.
    const retries: unknown[] = [];
    const error = await failure(get(client({ deadlineMs: 1000, onRetry: (e) => retries.push(e) })));
    expect(error).toBeInstanceOf(RateLimitError);
    expect(retries).toEqual([]);
    expect(server.requests).toHaveLength(1);
  });
});

describe('deadline and error messages (#13)', () => {
  it('deadlineMs bounds the whole call, attempts plus backoff', async () => {
    server.respond(() => {
      /* never answers */
    });
    // The message says the deadline ended it, not a 20 s per-attempt timeout; no stopwatch, so no
    // upper bound a busy machine could break (a deadline that never fired would hit testTimeout).
    const error = await failure(get(client({ timeoutMs: 20_000, deadlineMs: 300, maxRetries: 5 })));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('deadline of 300 ms');
  });

  it('a timeout says which attempt of how many', async () => {
    server.respond(() => {
      /* never answers */
    });
    const error = await failure(get(client({ timeoutMs: 100, maxRetries: 1 })));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(error.message).toContain('attempt 2 of 2');
  });

  it('a connection error names host and port', async () => {
    const url = await refusingUrl();
    const error = await failure(get(client({ baseUrl: url, maxRetries: 0 })));
    expect(error).toBeInstanceOf(ConnectionError);
    expect(error.message).toContain(new URL(url).host);
    expect(error.message).toContain('ECONNREFUSED');
  });
});

describe('POST is retried only when it provably did not reach the server', () => {
  it('503 without Retry-After: not retried; 429/503 with Retry-After: retried', async () => {
    server.respond((_req, res) => sendJson(res, 503, { message: 'down' }));
    expect(await failure(post())).toBeInstanceOf(ServerError);
    expect(server.requests).toHaveLength(1);
    let n = 0;
    server.respond((_req, res) => (n++ === 0 ? sendJson(res, 429, { message: 'slow' }, { 'retry-after': '0' }) : sendJson(res, 200, { id: 'p' })));
    expect((await post()).data).toEqual({ id: 'p' });
    expect(server.requests).toHaveLength(3);
  });

  it('a refused connection is retried (nothing was sent)', async () => {
    const url = await refusingUrl();
    const retries: number[] = [];
    await failure(post(client({ baseUrl: url, maxRetries: 2, onRetry: (e) => retries.push(e.attempt) })));
    expect(retries).toEqual([1, 2]);
  });
});

describe('what serious SDK runtimes give', () => {
  it('provider is always the id, never the display name', async () => {
    expect(thrown(() => client({ baseUrl: 'http://api.acme.invalid' })).provider).toBe('acme');
    expect((await failure(client().GET('/things/{id}', { params: { path: { id: '..' } } }))).provider).toBe('acme');
    expect(thrown(() => client({ baseUrl: 'nonsense' })).provider).toBe('acme');
    const error = await failure(get(client(), { baseUrl: 'http://x.invalid' }));
    expect(error.provider).toBe('acme');
    expect(error).not.toBeInstanceOf(InvalidRequestError);
  });

  it('a User-Agent names assetkit, the provider package and the runtime version', async () => {
    await get(createProviderClient<TestPaths>({ ...descriptor, version: '9.8.7' }, { apiKey: API_KEY, baseUrl: server.url }));
    expect(server.requests[0]!.headers['user-agent']).toBe(`assetkit-acme/9.8.7 assetkit-runtime/${RUNTIME_VERSION}`);
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')) as { version: string };
    expect(RUNTIME_VERSION).toBe(pkg.version);
  });

  it('the request id is returned on success', async () => {
    server.respond((_req, res) => sendJson(res, 200, { id: 'a1' }, { 'x-request-id': 'req-42' }));
    expect((await get()).requestId).toBe('req-42');
  });

  it('logLevel and logger: levelled, redacted lines', async () => {
    const lines: Record<string, string[]> = { error: [], warn: [], info: [], debug: [] };
    const logger = { error: (l: string) => lines.error!.push(l), warn: (l: string) => lines.warn!.push(l), info: (l: string) => lines.info!.push(l), debug: (l: string) => lines.debug!.push(l) };
    let n = 0;
    server.respond((_req, res) => (n++ === 0 ? sendJson(res, 500, { message: `bad ${API_KEY}` }) : sendJson(res, 200, { id: 'a1' })));
    await get(client({ logLevel: 'info', logger }));
    expect(lines.info).toHaveLength(1);
    expect(lines.info![0]).toContain('retrying');
    expect(lines.debug).toHaveLength(0);
    await get(client({ logLevel: 'debug', logger, headers: { 'x-echo': API_KEY } }), { baseUrl: `${server.url}/${API_KEY}` });
    expect(lines.debug!.length).toBeGreaterThan(0);
    expect(JSON.stringify(lines)).not.toContain(API_KEY);
    await get(client({ logLevel: 'off', logger }));
    expect(lines.debug).toHaveLength(2);
  });
});
