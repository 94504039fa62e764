// The browser entry leaves redirect following (and the User-Agent) to the Node build: in a browser,
// redirect 'manual' hides the target anyway. A runtime that resolves the "browser" condition but hands
// back a real 3xx (an edge worker) gets a typed error naming the redirect, and nothing reaches the target.
import { sendJson, startRecordingServer, type RecordingServer } from '@assetkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createProviderClient } from './browser.js';
import { createProviderClient as createNodeClient } from './create-client.js';
import type { ProviderDescriptor } from './descriptor.js';
import { InvalidResponseError } from './errors.js';
import type { TestPaths } from './test-paths.js';

const descriptor: ProviderDescriptor = {
  provider: 'acme',
  displayName: 'Acme',
  servers: ['https://api.acme.example/v1'],
  apiKey: { header: 'x-api-key', env: 'ACME_API_KEY' },
};
const API_KEY = 'sk-test-browser-redirect-0123';
let server: RecordingServer;
let other: RecordingServer;
beforeAll(async () => {
  other = await startRecordingServer((_req, res) => sendJson(res, 200, { id: 'elsewhere' }));
  server = await startRecordingServer((_req, res) => (res.writeHead(302, { location: `${other.url}/things/b2` }), void res.end()));
});
afterAll(async () => {
  await server.close();
  await other.close();
});

describe('browser entry: redirects are refused, not followed', () => {
  it('a 302 is an InvalidResponseError naming the status; the other origin sees no request', async () => {
    const c = createProviderClient<TestPaths>(descriptor, { apiKey: API_KEY, baseUrl: server.url });
    const error = await c.GET('/things/{id}', { params: { path: { id: 'a1' } } }).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(InvalidResponseError);
    expect((error as InvalidResponseError).message).toMatch(/GET \/things\/a1 was redirected \(302\)/);
    expect((error as InvalidResponseError).provider).toBe('acme');
    expect(other.requests).toHaveLength(0);
  });

  it('sends no User-Agent of its own; the Node entry does, and follows the same redirect without the key', async () => {
    const before = server.requests.length;
    await createProviderClient<TestPaths>(descriptor, { apiKey: API_KEY, baseUrl: server.url })
      .GET('/things/{id}', { params: { path: { id: 'a1' } } })
      .catch(() => undefined);
    expect(server.requests[before]!.headers['user-agent']).not.toMatch(/assetkit-runtime/);
    const { data } = await createNodeClient<TestPaths>(descriptor, { apiKey: API_KEY, baseUrl: server.url }).GET('/things/{id}', { params: { path: { id: 'a1' } } });
    expect(data).toEqual({ id: 'elsewhere' });
    expect(server.requests.at(-1)!.headers['user-agent']).toMatch(/^assetkit-acme assetkit-runtime\//);
    expect(other.requests).toHaveLength(1);
    expect(other.requests[0]!.headers['x-api-key']).toBeUndefined();
  });
});
