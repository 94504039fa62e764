import { startMockServer, type MockServer } from '@assetkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigurationError, createAssetClient, InvalidRequestError, type Asset } from '../src/index.js';
import { clientFor, collect } from './helpers.js';

let tl: MockServer;
beforeAll(async () => {
  tl = await startMockServer('twelvelabs', { assets: 2_000, seed: 13 });
});
afterAll(() => tl.close());

const tlIds = () => (tl.assets as { _id: string }[]).map((a) => a._id);

describe('a long listing sets no listener limit off (bug 2)', () => {
  it('2,000 pages through one caller signal: no MaxListenersExceededWarning', async () => {
    // Before the fix every request left a listener on one shared signal until GC: the warning fired past 1,500 pages.
    const big = await startMockServer('twelvelabs', { assets: 20_000, seed: 2 });
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(`${w.name}: ${w.message}`);
    process.on('warning', onWarning);
    try {
      const controller = new AbortController();
      const client = clientFor({ twelvelabs: big });
      let count = 0;
      for await (const _ of client.list({ pageSize: 10, concurrency: 4, signal: controller.signal })) count++;
      expect(count).toBe(20_000);
      // Warnings are emitted on the next tick.
      await new Promise((r) => setImmediate(r));
    } finally {
      process.off('warning', onWarning);
      await big.close();
    }
    expect(warnings.filter((w) => w.includes('MaxListeners'))).toEqual([]);
  });

  it('aborting the caller signal still stops the pages in flight', async () => {
    const slow = await startMockServer('twelvelabs', { assets: 500, latencyMs: 30 });
    try {
      const controller = new AbortController();
      const client = clientFor({ twelvelabs: slow });
      let seen = 0;
      const before = slow.stats.requests;
      const error = await (async () => {
        for await (const _ of client.list({ pageSize: 10, signal: controller.signal })) if (++seen === 15) controller.abort();
      })().catch((e: unknown) => e);
      expect((error as Error).name).toMatch(/Abort/);
      expect(seen).toBeLessThan(500);
      expect(slow.stats.requests - before).toBeLessThan(50);
    } finally {
      await slow.close();
    }
  });
});

describe('a half-configured provider fails only when used (bug 3)', () => {
  it('TENOVOS_API_KEY alone: TwelveLabs works, Tenovos names the missing variable', async () => {
    const saved = { ...process.env };
    for (const name of ['TENOVOS_USERNAME', 'TENOVOS_PASSWORD', 'RENDERNET_API_KEY']) delete process.env[name];
    process.env.TENOVOS_API_KEY = 'tv-key-only';
    process.env.TWELVELABS_API_KEY = tl.apiKey;
    try {
      const fromEnv = createAssetClient(); // used to throw
      expect(fromEnv.providers).toEqual(['twelvelabs', 'tenovos']);
      const error = await fromEnv.get('tenovos:abc').catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ConfigurationError);
      expect((error as Error).message).toMatch(/TENOVOS_USERNAME/);

      const client = createAssetClient({ twelvelabs: { apiKey: tl.apiKey, baseUrl: tl.url }, tenovos: { apiKey: 'tv-key-only' } });
      const listing = client.list({ pageSize: 50 });
      expect(await collect(listing)).toHaveLength(2_000);
      expect(listing.skipped).toEqual([{ provider: 'tenovos', reason: expect.stringMatching(/TENOVOS_USERNAME/) }]);
      expect((await client.get(`twelvelabs:${tlIds()[0]}`)).id).toBe(tlIds()[0]);
    } finally {
      for (const name of Object.keys(process.env)) if (!(name in saved)) delete process.env[name];
      Object.assign(process.env, saved);
    }
  });

  it('nothing usable at all is still a ConfigurationError at creation', () => {
    expect(() => createAssetClient({})).toThrow(ConfigurationError);
  });
});

describe('refs (bug 6) and ids given as refs (bug 5)', () => {
  it('says what is wrong with a ref', async () => {
    const client = clientFor({ twelvelabs: tl });
    const before = tl.stats.requests;
    await expect(client.get('twelvelabs:..')).rejects.toThrow('Malformed asset ref "twelvelabs:..": the id ".." is a relative path segment, not an asset id');
    await expect(client.get('twelvelabs:.')).rejects.toThrow(/relative path segment/);
    await expect(client.get('twelvelabs:')).rejects.toThrow(/the id after "<provider>:" is empty/);
    await expect(client.get('twelvelabs:  ')).rejects.toThrow(/only whitespace/);
    await expect(client.get({ provider: 'twelvelabs', id: '..' })).rejects.toBeInstanceOf(InvalidRequestError);
    expect(tl.stats.requests).toBe(before);
  });

  it('ids may be full refs; a ref is asked of its provider only', async () => {
    const client = clientFor({ twelvelabs: tl });
    const want = tlIds().filter((_, i) => i % 400 === 0);
    const byRef = await collect(client.list({ ids: want.map((id) => `twelvelabs:${id}`) }));
    expect(byRef.map((a) => a.id)).toEqual(want);
    const byPlain = await collect(client.list({ ids: want }));
    expect(byPlain.map((a) => a.id)).toEqual(want);
    // A ref to another provider asks TwelveLabs for nothing (not "no filter").
    const before = tl.stats.requests;
    expect(await collect(client.list({ providers: ['twelvelabs'], ids: ['rendernet:abc'] }))).toEqual([]);
    expect(tl.stats.requests).toBe(before);
    expect(() => client.list({ ids: ['twelvelabs:'] })).toThrow(/empty id/);
  });
});

describe('name and creation-time filters', () => {
  it('nameContains, createdAfter and createdBefore select the same assets as filtering by hand, and resume by cursor', async () => {
    const client = clientFor({ twelvelabs: tl });
    const all = await collect(client.list({ pageSize: 50 }));
    const dated = all.filter((a) => a.createdAt).sort((a, b) => a.createdAt!.getTime() - b.createdAt!.getTime());
    const after = dated[Math.floor(dated.length / 4)]!.createdAt!;
    const before = dated[Math.floor((dated.length * 3) / 4)]!.createdAt!;
    const name = all.find((a) => a.name && a.name.length > 4)!.name!.slice(1, 4).toUpperCase();
    const expected = (a: Asset) =>
      (a.name ?? '').toLowerCase().includes(name.toLowerCase()) && a.createdAt !== undefined && a.createdAt >= after && a.createdAt < before;
    const want = all.filter(expected).map((a) => a.id);
    expect(want.length).toBeGreaterThan(0);
    const got = await collect(client.list({ nameContains: name, createdAfter: after, createdBefore: before, pageSize: 50 }));
    expect(got.map((a) => a.id)).toEqual(want);

    // Stop after the first match and resume: the filters travel in the cursor.
    const listing = client.list({ nameContains: name, createdAfter: after, createdBefore: before, pageSize: 50 });
    for await (const _ of listing) break;
    const rest = await collect(client.list({ cursor: listing.cursor! }));
    expect(rest.map((a) => a.id)).toEqual(want.slice(1));
  });

  it('rejects bad filter values before any request', () => {
    const client = clientFor({ twelvelabs: tl });
    expect(() => client.list({ createdAfter: new Date('nope') })).toThrow(/createdAfter must be a valid Date/);
    expect(() => client.list({ nameContains: '' })).toThrow(/nameContains/);
  });
});
