import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  ConfigurationError,
  createAssetClient,
  InvalidRequestError,
  NotFoundError,
  ServerError,
  UnsupportedError,
  type Asset,
} from '../src/index.js';
import { clientFor, closeMocks, collect, startMocks, type Mocks } from './helpers.js';

let mocks: Mocks;
beforeAll(async () => {
  mocks = await startMocks({ assets: 120 });
});
afterAll(() => closeMocks(mocks));

const idsOf = (assets: readonly unknown[], key: string) => assets.map((a) => (a as Record<string, string>)[key]!);

describe('get', () => {
  it('fetches from each provider and refs round-trip', async () => {
    const client = clientFor(mocks);
    const refs = [
      `twelvelabs:${idsOf(mocks.twelvelabs.assets, '_id')[3]}`,
      `rendernet:${idsOf(mocks.rendernet.assets, 'id')[3]}`,
      `tenovos:${idsOf(mocks.tenovos.assets, 'assetId')[3]}`,
    ];
    for (const ref of refs) {
      const asset = await client.get(ref);
      expect(asset.ref).toBe(ref);
      expect(await client.get(asset.ref)).toEqual(asset);
      expect(await client.get({ provider: asset.provider, id: asset.id })).toEqual(asset);
    }
  });

  it('a missing asset is a NotFoundError for every provider (Tenovos answers 403)', async () => {
    const client = clientFor(mocks);
    for (const provider of ['twelvelabs', 'rendernet', 'tenovos'] as const) {
      const error = await client.get({ provider, id: 'does-not-exist' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(NotFoundError);
      expect((error as NotFoundError).provider).toBe(provider);
    }
  });

  it('rejects malformed refs, empty ids and unconfigured providers before any request', async () => {
    const client = clientFor({ twelvelabs: mocks.twelvelabs });
    const before = mocks.twelvelabs.stats.requests;
    for (const ref of ['', 'twelvelabs', ':abc', 'nope:abc', 'twelvelabs:', 'twelvelabs:   ', { provider: 'twelvelabs', id: '' }, null]) {
      await expect(client.get(ref as never)).rejects.toBeInstanceOf(InvalidRequestError);
    }
    await expect(client.get('rendernet:abc')).rejects.toBeInstanceOf(ConfigurationError);
    await expect(client.get('rendernet:abc')).rejects.toThrow(/rendernet is not configured/);
    expect(mocks.twelvelabs.stats.requests).toBe(before);
  });

  it('the raw object is typed per provider', async () => {
    const client = clientFor(mocks);
    const asset: Asset = await client.get(`twelvelabs:${idsOf(mocks.twelvelabs.assets, '_id')[0]}`);
    if (asset.provider === 'twelvelabs') {
      const hls: string | undefined = asset.raw.hls?.manifest_url; // compiles only on the TwelveLabs branch
      expect(hls).toBe(asset.urls.stream);
    }
    if (asset.provider === 'rendernet') {
      // @ts-expect-error: RenderNet assets have no hls
      void asset.raw.hls;
    }
  });
});

describe('capabilities and unsupported listing', () => {
  it('reports how each provider lists and filters', () => {
    const client = clientFor(mocks);
    expect(client.capabilities('twelvelabs')).toMatchObject({ list: true, paging: 'pages', listFilters: { nameContains: 'server', createdAfter: 'client' } });
    expect(client.capabilities('rendernet')).toMatchObject({ list: true, paging: 'sequential-pages', listFilters: { kinds: 'client' } });
    expect(client.capabilities('tenovos')).toMatchObject({ list: true, paging: 'cursor', listFilters: { nameContains: 'server', kinds: 'client' } });
  });

  it('listing all providers covers all three, in provider order, none skipped', async () => {
    const client = clientFor(mocks);
    const listing = client.list({ pageSize: 50 });
    expect(listing.skipped).toEqual([]);
    const assets = await collect(listing);
    const tl = assets.filter((a) => a.provider === 'twelvelabs');
    expect(tl.map((a) => a.id)).toEqual(idsOf(mocks.twelvelabs.assets, '_id'));
    expect(assets.filter((a) => a.provider === 'rendernet').map((a) => a.id)).toEqual(idsOf(mocks.rendernet.assets, 'id'));
    expect(assets.filter((a) => a.provider === 'tenovos').length).toBeGreaterThan(0);
    // Provider order: every TwelveLabs asset, then RenderNet, then Tenovos.
    expect([...new Set(assets.map((a) => a.provider))]).toEqual(['twelvelabs', 'rendernet', 'tenovos']);
  });

  it('rejects bad list options before any request', () => {
    const client = clientFor(mocks);
    expect(() => client.list({ pageSize: 0 })).toThrow(InvalidRequestError);
    expect(() => client.list({ concurrency: 0 })).toThrow(InvalidRequestError);
    expect(() => client.list({ kinds: ['hologram' as never] })).toThrow(InvalidRequestError);
    expect(() => client.list({ cursor: 'garbage!' })).toThrow(InvalidRequestError);
  });

  it('needs at least one provider', () => {
    for (const name of ['TWELVELABS_API_KEY', 'RENDERNET_API_KEY', 'TENOVOS_API_KEY']) delete process.env[name];
    expect(() => createAssetClient()).toThrow(ConfigurationError);
  });

  it('with no argument, configures the providers whose API-key variable is set', () => {
    process.env.TWELVELABS_API_KEY = 'env-key-abcdef';
    try {
      expect(createAssetClient().providers).toEqual(['twelvelabs']);
    } finally {
      delete process.env.TWELVELABS_API_KEY;
    }
  });
});

describe('list filters', () => {
  it('filters by kind and by ids on the server', async () => {
    const client = clientFor({ twelvelabs: mocks.twelvelabs });
    const videos = await collect(client.list({ kinds: ['video'], pageSize: 10 }));
    const expected = (mocks.twelvelabs.assets as { _id: string; file_type: string }[]).filter((a) => a.file_type.startsWith('video/'));
    expect(videos.map((a) => a.id)).toEqual(expected.map((a) => a._id));
    const some = idsOf(mocks.twelvelabs.assets, '_id').filter((_, i) => i % 17 === 0);
    const byId = await collect(client.list({ ids: some }));
    expect(byId.map((a) => a.id)).toEqual(some);
    expect(await collect(client.list({ kinds: ['document'] }))).toEqual([]);
  });

  it('iterates pages with a cursor after each', async () => {
    const client = clientFor({ twelvelabs: mocks.twelvelabs });
    const pages = await collect(client.list({ pageSize: 50 }).pages());
    expect(pages.map((p) => p.assets.length)).toEqual([50, 50, 20]);
    expect(pages.map((p) => p.page)).toEqual([1, 2, 3]);
    expect(pages.at(-1)!.cursor).toBeUndefined();
    const rest = await collect(client.list({ cursor: pages[0]!.cursor! }));
    expect(rest.map((a) => a.id)).toEqual(idsOf(mocks.twelvelabs.assets, '_id').slice(50));
  });
});

describe('resume', () => {
  it('a consumer that stops mid-page resumes at the next asset', async () => {
    const client = clientFor({ twelvelabs: mocks.twelvelabs });
    const listing = client.list({ pageSize: 25 });
    const first: Asset[] = [];
    for await (const a of listing) {
      first.push(a);
      if (first.length === 37) break;
    }
    const rest = await collect(client.list({ cursor: listing.cursor! }));
    expect([...first, ...rest].map((a) => a.id)).toEqual(idsOf(mocks.twelvelabs.assets, '_id'));
  });
});

describe('a listing interrupted by a 500 after retries', () => {
  for (const concurrency of [1, 4]) {
    it(`resumes from the cursor with nothing lost or repeated (concurrency ${concurrency})`, async () => {
      const { startMockServer } = await import('@assetkit/mock');
      // requests 1-2 succeed, then enough 500s in a row that some page exhausts maxRetries: 2
      // (with 4 pages in flight the failures spread over several pages, so more are needed)
      const failures = concurrency === 1 ? 3 : 15;
      const plan = [null, null, ...Array.from({ length: failures }, () => '500' as const)];
      const flaky = await startMockServer('twelvelabs', { assets: 230, faults: { plan } });
      try {
        const client = clientFor({ twelvelabs: flaky }, { maxRetries: 2 });
        // What a user does: on failure, resume from the listing's cursor, until the listing completes.
        const got: Asset[] = [];
        const failures: unknown[] = [];
        let cursor: string | undefined;
        for (let run = 0; run < 10; run++) {
          const listing = client.list(cursor ? { cursor, concurrency } : { pageSize: 20, concurrency });
          try {
            for await (const a of listing) got.push(a);
            break;
          } catch (error) {
            failures.push(error);
            cursor = listing.cursor;
          }
        }
        expect(failures.length).toBeGreaterThan(0);
        expect(failures.every((e) => e instanceof ServerError)).toBe(true);
        const all = got.map((a) => a.id);
        expect(all).toEqual(idsOf(flaky.assets, '_id'));
        expect(new Set(all).size).toBe(230);
      } finally {
        await flaky.close();
      }
    });
  }
});
