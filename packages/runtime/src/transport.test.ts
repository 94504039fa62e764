import { inspect } from 'node:util';
import { sendJson } from '@assetkit/mock';
import { afterEach, describe, expect, it } from 'vitest';
import { createProviderClient } from './create-client.js';
import {
  AbortedError,
  AssetkitError,
  AuthenticationError,
  BadRequestError,
  ConfigurationError,
  ConflictError,
  ConnectionError,
  InvalidResponseError,
  NotFoundError,
  PermissionDeniedError,
  RateLimitError,
  ServerError,
  TimeoutError,
} from './errors.js';
import type { TestPaths } from './test-paths.js';
import { acmeDescriptor, failure as failWith, recordingServerForFile, refusingUrl } from './test-server.js';

const API_KEY = 'sk-test-runtime-0123456789';
const descriptor = acmeDescriptor;

const server = recordingServerForFile(undefined, { afterEach: true });
const seen: unknown[] = []; // every error and log line, scanned for the key at the end
const logs: string[] = [];

const client = (opts: Parameters<typeof createProviderClient>[1] = {}) =>
  createProviderClient<TestPaths>(descriptor, {
    apiKey: API_KEY,
    baseUrl: server.url,
    retryDelay: { initialDelayMs: 5, maxDelayMs: 20 },
    debug: (line) => logs.push(line),
    ...opts,
  });

// Every error is kept, to be scanned for the key at the end.
const failure = (promise: Promise<unknown>) => failWith(promise, (error) => seen.push(error));

const get = (c = client(), id = 'a1', init: { signal?: AbortSignal } = {}) => c.GET('/things/{id}', { params: { path: { id } }, ...init });

describe('runtime: success path', () => {
  it('sends the key, returns typed data and the raw Response', async () => {
    server.respond((_req, res) => sendJson(res, 200, { id: 'a1', n: 3 }, { 'x-ratelimit-remaining': '42' }));
    const { data, response } = await get();
    expect(data).toEqual({ id: 'a1', n: 3 });
    expect(response.headers.get('x-ratelimit-remaining')).toBe('42');
    expect(server.requests[0]!.headers['x-api-key']).toBe(API_KEY);
  });
});

describe('runtime: typed errors', () => {
  const cases: [number, new (...a: never[]) => AssetkitError, unknown][] = [
    [400, BadRequestError, { code: 'parameter_invalid', message: 'page_limit is invalid' }],
    [422, BadRequestError, { message: 'unprocessable' }],
    [401, AuthenticationError, { code: 'api_key_invalid', message: 'bad key' }],
    [403, PermissionDeniedError, { message: 'Forbidden' }],
    [403, NotFoundError, { message: 'Asset not found' }],
    [404, NotFoundError, { data: null, err: { code: 'ASSET_NOT_FOUND', message: 'Asset not found' } }],
    [409, ConflictError, { code: 'conflict', message: 'exists' }],
    [429, RateLimitError, { code: 'too_many_requests', message: 'slow down' }],
    [500, ServerError, { message: 'Internal server error' }],
  ];
  for (const [status, Class, body] of cases) {
    it(`${status} ${JSON.stringify(body)} -> ${Class.name}`, async () => {
      server.respond((_req, res) => sendJson(res, status, body, { 'x-request-id': 'req-77' }));
      const error = await failure(get(client({ maxRetries: 0 })));
      expect(error).toBeInstanceOf(Class);
      expect(error.provider).toBe('acme');
      expect(error.status).toBe(status);
      expect(error.requestId).toBe('req-77');
      expect(error.body).toEqual(body);
      expect(error.response?.status).toBe(status);
      const said = (body as { message?: string; err?: { message: string } }).err?.message ?? (body as { message: string }).message;
      expect(error.message).toContain(said);
      expect(error.message).toContain(String(status));
    });
  }

  it('carries Retry-After on a rate-limit error', async () => {
    server.respond((_req, res) => sendJson(res, 429, { code: 'too_many_requests', message: 'slow' }, { 'retry-after': '7' }));
    const error = await failure(get(client({ maxRetries: 0 })));
    expect(error).toBeInstanceOf(RateLimitError);
    expect((error as RateLimitError).retryAfter).toBe(7);
    expect(error.code).toBe('too_many_requests');
  });

  it('a 200 that is not JSON is an invalid-response error, not a crash', async () => {
    server.respond((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('<html>oops</html>');
    });
    const error = await failure(get());
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect(error.status).toBe(200);
    expect(server.requests).toHaveLength(1);
  });

  it('a refused connection is a connection error after the retries', async () => {
    const url = await refusingUrl();
    const error = await failure(get(client({ baseUrl: url, maxRetries: 1 })));
    expect(error).toBeInstanceOf(ConnectionError);
  });
});

describe('runtime: retries', () => {
  it('429 with Retry-After: 1, then 200, succeeds after about a second', async () => {
    let n = 0;
    server.respond((_req, res) =>
      n++ === 0 ? sendJson(res, 429, { code: 'too_many_requests', message: 'slow' }, { 'retry-after': '1' }) : sendJson(res, 200, { id: 'a1' }),
    );
    const delays: number[] = [];
    const started = Date.now();
    const { data } = await get(client({ onRetry: (e) => delays.push(e.delayMs) }));
    const elapsed = Date.now() - started;
    expect(data).toEqual({ id: 'a1' });
    expect(server.requests).toHaveLength(2);
    expect(delays).toEqual([1000]);
    // A lower bound only: it proves the client really waited, and a busy machine only makes it
    // longer. No upper bound, which would measure the machine rather than the client.
    expect(elapsed).toBeGreaterThanOrEqual(950);
  });

  it('5xx three times with maxRetries 2 ends in a server error after exactly 3 attempts', async () => {
    server.respond((_req, res) => sendJson(res, 503, { message: 'unavailable' }));
    const error = await failure(get(client({ maxRetries: 2 })));
    expect(error).toBeInstanceOf(ServerError);
    expect(error.status).toBe(503);
    expect(server.requests).toHaveLength(3);
  });

  it('maxRetries 0 disables retries, per client and per call', async () => {
    server.respond((_req, res) => sendJson(res, 500, { message: 'boom' }));
    await failure(get(client({ maxRetries: 0 })));
    expect(server.requests).toHaveLength(1);
    await failure(get(client({ maxRetries: 5 }).withOptions({ maxRetries: 0 })));
    expect(server.requests).toHaveLength(2);
  });

  it('does not retry POST by default, and does when the caller opts in', async () => {
    server.respond((_req, res) => sendJson(res, 503, { message: 'unavailable' }));
    const post = (c: ReturnType<typeof client>) => c.POST('/things/{id}', { params: { path: { id: 'a1' } }, body: { name: 'n' } });
    await failure(post(client()));
    expect(server.requests).toHaveLength(1);
    await failure(post(client({ retryPost: true, maxRetries: 2 })));
    expect(server.requests).toHaveLength(4);
    expect(server.requests[3]!.body).toBe('{"name":"n"}');
  });

  it('does not retry 4xx other than 408 and 429', async () => {
    server.respond((_req, res) => sendJson(res, 404, { message: 'nope' }));
    await failure(get());
    expect(server.requests).toHaveLength(1);
  });

  it('retries a body cut off mid-stream', async () => {
    let n = 0;
    server.respond((_req, res) => {
      if (n++ === 0) {
        res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
        res.write('{"id":"a');
        setTimeout(() => res.socket?.destroy(), 10);
      } else sendJson(res, 200, { id: 'a1' });
    });
    const { data } = await get();
    expect(data).toEqual({ id: 'a1' });
    expect(server.requests).toHaveLength(2);
  });
});

describe('runtime: timeouts and cancellation', () => {
  it('a stalled response ends in a timeout error', async () => {
    server.respond(() => {
      /* never answers */
    });
    // The server never answers, so the timeout is the only way out whatever the machine's speed.
    // Attempts are counted on the client side (onRetry): on a starved machine a 150 ms timer can
    // fire before the server has even read the request, so the server's count is not asserted.
    const retried: AssetkitError[] = [];
    const error = await failure(get(client({ timeoutMs: 150, maxRetries: 1, onRetry: (e) => retried.push(e.error) })));
    expect(error).toBeInstanceOf(TimeoutError);
    expect(retried).toHaveLength(1);
    expect(retried[0]).toBeInstanceOf(TimeoutError);
  });

  it('per-call timeout overrides the client default', async () => {
    server.respond(() => {}); // never answers: only the 100 ms per-call timeout can end the call
    const error = await failure(get(client({ timeoutMs: 60_000 }).withOptions({ timeoutMs: 100, maxRetries: 0 })));
    expect(error).toBeInstanceOf(TimeoutError);
  });

  it('an abort during the backoff sleep ends the call at once, with no further attempt', async () => {
    // Retry-After 60 s is longer than the suite's testTimeout: if the abort did not end the sleep,
    // the test would time out. The abort comes right after the sleep has begun (the transport
    // calls onRetry, then sleeps, in the same tick), not after a wall-clock delay.
    server.respond((_req, res) => sendJson(res, 503, { message: 'later' }, { 'retry-after': '60' }));
    const controller = new AbortController();
    const onRetry = () => setImmediate(() => controller.abort());
    const error = await failure(get(client({ onRetry }), 'a1', { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortedError);
    expect(server.requests).toHaveLength(1);
  });

  it('an abort while waiting for the response is an abort error, not a retry', async () => {
    // Aborted by the server's handler, i.e. once the request has surely arrived and is waiting.
    const controller = new AbortController();
    server.respond(() => controller.abort());
    const error = await failure(get(client(), 'a1', { signal: controller.signal }));
    expect(error).toBeInstanceOf(AbortedError);
    expect(server.requests).toHaveLength(1);
  });
});

describe('runtime: configuration', () => {
  it('names the environment variable when the key is missing', () => {
    delete process.env.ACME_API_KEY;
    expect(() => createProviderClient(descriptor, { baseUrl: server.url })).toThrow(ConfigurationError);
    expect(() => createProviderClient(descriptor, { baseUrl: server.url })).toThrow(/ACME_API_KEY/);
  });

  it('takes the key from the environment', async () => {
    process.env.ACME_API_KEY = 'env-key-abcdef';
    server.respond((_req, res) => sendJson(res, 200, { id: 'a1' }));
    await createProviderClient<TestPaths>(descriptor, { baseUrl: server.url }).GET('/things/{id}', { params: { path: { id: 'a1' } } });
    expect(server.requests[0]!.headers['x-api-key']).toBe('env-key-abcdef');
    delete process.env.ACME_API_KEY;
  });

  it('refuses a plain-HTTP base URL that is not loopback, unless allowed', () => {
    expect(() => client({ baseUrl: 'http://api.acme.example' })).toThrow(ConfigurationError);
    expect(() => client({ baseUrl: 'http://api.acme.example', allowInsecureBaseUrl: true })).not.toThrow();
    expect(() => client({ baseUrl: 'https://api.acme.example' })).not.toThrow();
    expect(() => client({ baseUrl: 'not a url' })).toThrow(/not an absolute URL/);
  });

  it('rejects nonsense retry and timeout settings', () => {
    expect(() => client({ maxRetries: -1 })).toThrow(/maxRetries/);
    expect(() => client({ timeoutMs: 0 })).toThrow(/timeoutMs/);
  });
});

describe('runtime: secrets', () => {
  it('never shows the key in inspect, JSON, errors or debug lines', async () => {
    const c = client();
    expect(inspect(c)).not.toContain(API_KEY);
    expect(JSON.stringify(c)).not.toContain(API_KEY);
    server.respond((_req, res) => sendJson(res, 401, { code: 'api_key_invalid', message: `The key ${API_KEY} is not valid` }));
    const error = await failure(get(c));
    expect(error.message).toContain('[REDACTED]');
    expect(logs.length).toBeGreaterThan(0);
    for (const item of [...seen, ...logs]) {
      const text = typeof item === 'string' ? item : `${inspect(item)} ${JSON.stringify(item)} ${String(item)}`;
      expect(text).not.toContain(API_KEY);
    }
  });
});
