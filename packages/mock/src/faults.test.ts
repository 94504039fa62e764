import { afterEach, describe, expect, it } from 'vitest';
import type { TwelveLabsAsset } from './data/twelvelabs-assets.js';
import { createFaultSource } from './faults.js';
import { startMockServer } from './start-mock-server.js';
import { validatorFor } from './test-client.js';
import type { FaultKind, FaultOptions, MockServer, ProviderName } from './types.js';

const open: MockServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((m) => m.close()));
});
async function start(provider: ProviderName, faults: FaultOptions, seed = 1): Promise<MockServer> {
  const m = await startMockServer(provider, { assets: 20, seed, faults });
  open.push(m);
  return m;
}
const tl = (m: MockServer, path = '/assets', signal?: AbortSignal) => fetch(m.url + path, { headers: { 'x-api-key': m.apiKey }, signal });

describe('faults', () => {
  it('429: the provider error body, valid per spec, with Retry-After', async () => {
    const m = await start('twelvelabs', { plan: ['429'], retryAfterSeconds: 7 });
    const res = await tl(m);
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('7');
    const body = await res.json();
    expect(body.code).toBe('too_many_requests');
    expect(validatorFor('twelvelabs').validateResponse('GET', '/assets', 429, body)).toEqual([]);
    expect((await tl(m)).status).toBe(200);
    expect(m.stats.faults).toEqual({ '429': 1 });
  });

  it('5xx: each provider sends its own error body, valid per spec where the status is declared', async () => {
    const twelve = await start('twelvelabs', { plan: ['500', '502', '503'] });
    for (const status of [500, 502, 503]) {
      const res = await tl(twelve);
      expect(res.status).toBe(status);
      expect(validatorFor('twelvelabs').validateSchema('Error', await res.json())).toEqual([]);
    }
    const render = await start('rendernet', { plan: ['500', '429'] });
    const asset = render.assets[0] as { id: string };
    for (const status of [500, 429]) {
      const res = await fetch(`${render.url}/pub/v2/assets/${asset.id}`, { headers: { 'x-api-key': render.apiKey } });
      expect(res.status).toBe(status);
      expect(validatorFor('rendernet').validateResponse('GET', '/pub/v2/assets/{asset_id}', status, await res.json())).toEqual([]);
    }
    const tenovos = await start('tenovos', { plan: ['502', '429'] });
    const first = await fetch(`${tenovos.url}/assets/asset/x`);
    expect(first.status).toBe(502);
    expect(validatorFor('tenovos').validateResponse('GET', '/assets/asset/{id}', 502, await first.json())).toEqual([]);
    const second = await fetch(`${tenovos.url}/assets/asset/x`);
    expect(second.status).toBe(429);
    // The Tenovos spec declares no 429 (none is documented); the body still has the spec's Error shape.
    expect(validatorFor('tenovos').validateSchema('Error', await second.json())).toEqual([]);
  });

  it('reset: fetch rejects', async () => {
    const m = await start('twelvelabs', { plan: ['reset'] });
    await expect(tl(m)).rejects.toThrow();
    expect((await tl(m)).status).toBe(200);
  });

  it('truncate: headers arrive, reading the body rejects', async () => {
    const m = await start('twelvelabs', { plan: ['truncate'] });
    const res = await tl(m);
    expect(res.status).toBe(200);
    const declared = Number(res.headers.get('content-length'));
    expect(declared).toBeGreaterThan(0);
    await expect(res.text()).rejects.toThrow();
  });

  it('non-json: 200 application/json whose body does not parse', async () => {
    const m = await start('twelvelabs', { plan: ['non-json'] });
    const res = await tl(m);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/json');
    const text = await res.text();
    expect(() => JSON.parse(text)).toThrow(SyntaxError);
  });

  it('stall: no answer before the client gives up, and close() still returns promptly', async () => {
    const m = await startMockServer('twelvelabs', { assets: 5, faults: { plan: ['stall', 'stall'] } });
    await expect(tl(m, '/assets', AbortSignal.timeout(300))).rejects.toThrow(/timeout|aborted/i);
    const hanging = tl(m).then(
      () => 'answered',
      () => 'failed',
    );
    // Wait until the second request has really arrived (a fixed sleep would race a busy machine),
    // so close() has a stalled socket to deal with. If stalled sockets held close() open, this
    // test would hang until the suite's testTimeout and fail: no elapsed-time assertion needed.
    await expect.poll(() => m.stats.faults.stall, { timeout: 60_000, interval: 10 }).toBe(2);
    await m.close();
    expect(await hanging).toBe('failed');
  });

  it('never faults the Tenovos token operation unless includeAuth', async () => {
    const plain = await start('tenovos', { plan: ['503'] });
    const login = (m: MockServer) =>
      fetch(`${m.url}/auth/token`, { method: 'POST', headers: { 'x-api-key': m.apiKey }, body: JSON.stringify({ username: m.username, password: m.password }) });
    expect((await login(plain)).status).toBe(200);
    expect((await fetch(`${plain.url}/assets/asset/x`)).status).toBe(503);
    const withAuth = await start('tenovos', { plan: ['503'], includeAuth: true });
    expect((await login(withAuth)).status).toBe(503);
    expect(withAuth.stats.tokenRequests).toBe(1);
  });

  it('preflights are never faulted', async () => {
    const m = await start('twelvelabs', { plan: ['503'] });
    expect((await fetch(`${m.url}/assets`, { method: 'OPTIONS' })).status).toBe(204);
    expect((await tl(m)).status).toBe(503);
  });

  it('rates: the same seed gives the same sequence of fault kinds over 200 requests', async () => {
    const rates: FaultOptions = { rate429: 0.1, rate5xx: 0.1, rateNonJson: 0.1, rateReset: 0.05, rateTruncate: 0.05 };
    const observe = async (seed: number) => {
      const m = await start('twelvelabs', rates, seed);
      const kinds: string[] = [];
      for (let i = 0; i < 200; i++) {
        try {
          const res = await tl(m, '/assets?page_limit=2');
          const text = await res.text();
          kinds.push(res.status !== 200 ? String(res.status) : (() => { try { JSON.parse(text); return 'ok'; } catch { return 'non-json'; } })());
        } catch {
          kinds.push('dropped'); // reset, or truncate cutting the body off
        }
      }
      return { kinds, faults: m.stats.faults };
    };
    const a = await observe(11);
    const b = await observe(11);
    const c = await observe(12);
    expect(b.kinds).toEqual(a.kinds);
    expect(b.faults).toEqual(a.faults);
    expect(c.kinds).not.toEqual(a.kinds);
    for (const kind of ['429', '503', 'non-json', 'dropped', 'ok']) expect(a.kinds).toContain(kind);
    const faulted = a.kinds.filter((k) => k !== 'ok').length;
    expect(faulted).toBeGreaterThan(40);
    expect(faulted).toBeLessThan(140);
  });

  it('the fault source follows the plan, then the rates, deterministically', () => {
    const draw = (seed: number, options: FaultOptions) => {
      const next = createFaultSource(options, seed);
      return Array.from({ length: 300 }, () => next());
    };
    const options: FaultOptions = { plan: ['stall', null, '502'], rateStall: 0.2, rate5xx: 0.2, status5xx: 500 };
    const seq = draw(3, options);
    expect(seq.slice(0, 3)).toEqual(['stall', null, '502']);
    expect(draw(3, options)).toEqual(seq);
    expect(new Set(seq.slice(3))).toEqual(new Set<FaultKind | null>(['stall', '500', null]));
    expect(draw(4, options)).not.toEqual(seq);
    expect(draw(3, {}).every((k) => k === null)).toBe(true);
    expect(() => createFaultSource({ rate429: 0.7, rate5xx: 0.5 }, 1)).toThrow(RangeError);
    expect(() => createFaultSource({ plan: ['418' as FaultKind] }, 1)).toThrow(RangeError);
  });

  it('a truncated body is a prefix of the real answer', async () => {
    const m = await start('twelvelabs', { plan: ['truncate'] });
    const asset = m.assets[0] as TwelveLabsAsset;
    const res = await tl(m, `/assets/${asset._id}`);
    const reader = res.body!.getReader();
    const { value } = await reader.read();
    expect(JSON.stringify(asset).startsWith(Buffer.from(value!).toString('utf8'))).toBe(true);
    await expect(reader.read().then(() => reader.read())).rejects.toThrow();
  });
});
