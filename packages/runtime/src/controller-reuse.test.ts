// The transport reuses one AbortController across plain JSON calls (a speed measure): a timeout
// must still end only its own call, and a body someone still holds must never be cut by it.
import { sendJson } from '@assetkit/mock';
import { describe, expect, it } from 'vitest';
import { createProviderClient } from './create-client.js';
import { TimeoutError } from './errors.js';
import type { TestPaths } from './test-paths.js';
import { acmeDescriptor, recordingServerForFile } from './test-server.js';

const descriptor = acmeDescriptor;
let cuts = 0;
const server = recordingServerForFile((req, res) => {
  if (req.path === '/things/stall') return; // never answers
  if (req.path === '/things/cut' && cuts++ === 0) {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': '100' });
    res.write('{"id":"c');
    setTimeout(() => res.socket?.destroy(), 10);
    return;
  }
  sendJson(res, 200, { id: req.path.split('/').pop() });
});

describe('controller reuse', () => {
  it('many plain calls, then a timeout, then plain calls again: each ends on its own terms', async () => {
    // 30 s is a hang ceiling only: the one timeout this test is about is the 'stall' id, a server that never answers.
    const c = createProviderClient<TestPaths>(descriptor, { apiKey: 'sk-test-reuse-0123', baseUrl: server.url, maxRetries: 0, timeoutMs: 30_000 });
    for (let i = 0; i < 150; i++) expect((await c.GET('/things/{id}', { params: { path: { id: `n${i}` } } })).data).toEqual({ id: `n${i}` });
    const stalled = c.withOptions({ timeoutMs: 100 });
    await expect(stalled.GET('/things/{id}', { params: { path: { id: 'stall' } } })).rejects.toBeInstanceOf(TimeoutError);
    expect((await c.GET('/things/{id}', { params: { path: { id: 'after' } } })).data).toEqual({ id: 'after' });
  });

  it('calls running while one retries a cut-off body, and while one times out, all end on their own terms', async () => {
    const c = createProviderClient<TestPaths>(descriptor, { apiKey: 'sk-test-reuse-0123', baseUrl: server.url, retryDelay: { initialDelayMs: 50, maxDelayMs: 50 } });
    const plain = (id: string) => c.GET('/things/{id}', { params: { path: { id } } }).then((r) => r.data);
    const chain = async (n: number) => {
      const got = [];
      for (let i = 0; i < n; i++) got.push(await plain(`p${i}`));
      return got;
    };
    const [cut, stalled, a, b] = await Promise.allSettled([
      plain('cut'),
      c.withOptions({ timeoutMs: 120, maxRetries: 0 }).GET('/things/{id}', { params: { path: { id: 'stall' } } }),
      chain(40),
      chain(40),
    ]);
    expect(cut).toEqual({ status: 'fulfilled', value: { id: 'cut' } });
    expect(stalled.status === 'rejected' && stalled.reason).toBeInstanceOf(TimeoutError);
    expect(a.status === 'fulfilled' && a.value).toHaveLength(40);
    expect(b.status === 'fulfilled' && b.value).toHaveLength(40);
  });

  it('a streamed body still being read is not cut when a later plain call times out', async () => {
    // The timeout must be the client's own (a withOptions() client has its own kept controller), so it also
    // covers 'warm' and 'held': 2 s leaves them room on a busy machine; only 'stall' never answers.
    const c = createProviderClient<TestPaths>(descriptor, { apiKey: 'sk-test-reuse-0123', baseUrl: server.url, maxRetries: 0, timeoutMs: 2_000 });
    await c.GET('/things/{id}', { params: { path: { id: 'warm' } } });
    const held = await c.GET('/things/{id}', { params: { path: { id: 'held' } }, parseAs: 'stream' });
    await expect(c.GET('/things/{id}', { params: { path: { id: 'stall' } } })).rejects.toBeInstanceOf(TimeoutError);
    expect(await new Response(held.data as unknown as ReadableStream).json()).toEqual({ id: 'held' });
  });
});
