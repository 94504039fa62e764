import { request as httpRequest, Agent } from 'node:http';
import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer } from './start-mock-server.js';
import type { MockServer, ProviderName } from './types.js';

const open: MockServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((m) => m.close()));
});
async function start(provider: ProviderName, options = {}): Promise<MockServer> {
  const m = await startMockServer(provider, { assets: 10, ...options });
  open.push(m);
  return m;
}

describe('startMockServer', () => {
  it('listens on 127.0.0.1 with default keys and credentials', async () => {
    const tl = await start('twelvelabs');
    const tn = await start('tenovos');
    expect(tl.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect(tl.apiKey).toBe('mock-twelvelabs-key');
    expect(tl.username).toBeUndefined();
    expect({ apiKey: tn.apiKey, username: tn.username, password: tn.password }).toEqual({
      apiKey: 'mock-tenovos-key',
      username: 'demo@assetkit.dev',
      password: 'mock-password',
    });
    const custom = await start('rendernet', { apiKey: 'k-1' });
    expect((await fetch(`${custom.url}/pub/v2/assets/x`, { headers: { 'x-api-key': 'mock-rendernet-key' } })).status).toBe(401);
  });

  it('answers preflights with 204 and CORS headers, without auth', async () => {
    for (const provider of ['twelvelabs', 'rendernet', 'tenovos'] as const) {
      const m = await start(provider);
      const res = await fetch(`${m.url}/anything`, {
        method: 'OPTIONS',
        headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'GET', 'access-control-request-headers': 'authorization,accesstoken,x-api-key' },
      });
      expect(res.status).toBe(204);
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-allow-headers')).toBe('authorization,accesstoken,x-api-key');
      expect(res.headers.get('access-control-allow-methods')).toContain('GET');
    }
  });

  it('sends CORS, content-length and a counter-based X-Request-Id on every response', async () => {
    const m = await start('twelvelabs');
    const ids: string[] = [];
    for (const headers of [{ 'x-api-key': m.apiKey }, {}] as Record<string, string>[]) {
      const res = await fetch(`${m.url}/assets`, { headers });
      const text = await res.text();
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect(res.headers.get('access-control-expose-headers')).toBe('*');
      expect(res.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
      ids.push(res.headers.get('x-request-id')!);
    }
    expect(ids).toEqual(['mock-twelvelabs-000001', 'mock-twelvelabs-000002']);
  });

  it('keeps connections alive across requests', async () => {
    const m = await start('twelvelabs');
    const agent = new Agent({ keepAlive: true, maxSockets: 1 });
    const ports: number[] = [];
    for (let i = 0; i < 3; i++) {
      await new Promise<void>((resolve, reject) => {
        const req = httpRequest(`${m.url}/assets`, { agent, headers: { 'x-api-key': m.apiKey } }, (res) => {
          ports.push(req.socket!.localPort!);
          expect(res.headers.connection).toBe('keep-alive');
          res.resume();
          res.on('end', resolve);
        });
        req.on('error', reject);
        req.end();
      });
    }
    agent.destroy();
    expect(new Set(ports).size).toBe(1);
  });

  it('adds latencyMs to every response', async () => {
    const m = await start('twelvelabs', { latencyMs: 120 });
    const started = performance.now();
    await (await fetch(`${m.url}/assets`, { headers: { 'x-api-key': m.apiKey } })).text();
    expect(performance.now() - started).toBeGreaterThanOrEqual(110);
  });

  it('counts requests per path and token requests', async () => {
    const m = await start('tenovos');
    const body = JSON.stringify({ username: m.username, password: m.password });
    await (await fetch(`${m.url}/auth/token`, { method: 'POST', headers: { 'x-api-key': m.apiKey }, body })).text();
    await (await fetch(`${m.url}/assets/asset/a?system=false`)).text();
    await (await fetch(`${m.url}/assets/asset/a`)).text();
    expect(m.stats).toEqual({ requests: 3, byPath: { '/auth/token': 1, '/assets/asset/a': 2 }, tokenRequests: 1, faults: {} });
  });

  it('serves on a requested port, and rejects bad options', async () => {
    const probe = await start('rendernet');
    const port = Number(new URL(probe.url).port);
    await probe.close();
    open.pop();
    const again = await start('rendernet', { port });
    expect(again.url).toBe(`http://127.0.0.1:${port}`);
    await expect(startMockServer('rendernet', { port })).rejects.toThrow(/EADDRINUSE/);
    await expect(startMockServer('rendernet', { assets: -1 })).rejects.toThrow(RangeError);
    await expect(startMockServer('nope' as ProviderName)).rejects.toThrow(/unknown provider/);
  });

  it('serves an empty data set', async () => {
    const m = await start('twelvelabs', { assets: 0 });
    const body = await (await fetch(`${m.url}/assets`, { headers: { 'x-api-key': m.apiKey } })).json();
    expect(body).toEqual({ data: [], page_info: { limit_per_page: 10, page: 1, total_page: 0, total_results: 0 } });
  });

  it('close() is idempotent and stops accepting connections', async () => {
    const m = await startMockServer('twelvelabs', { assets: 1 });
    await Promise.all([m.close(), m.close()]);
    await expect(fetch(`${m.url}/assets`)).rejects.toThrow();
  });
});
