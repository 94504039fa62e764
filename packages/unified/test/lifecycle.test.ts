import { sendJson, startMockServer, startRecordingServer, type MockServer } from '@assetkit/mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type ListOptions, AssetFailedError, ConflictError, InvalidRequestError, NotFoundError, TimeoutError, UnsupportedError, type Asset } from '../src/index.js';
import { clientFor, closeMocks, collect, mockConfig, startMocks, type Mocks } from './helpers.js';
import { createAssetClient } from '../src/index.js';

let mocks: Mocks;
beforeAll(async () => {
  mocks = await startMocks({ seed: 21 });
});
afterAll(() => closeMocks(mocks));

const tlAssets = () => mocks.twelvelabs.assets as { _id: string; status: string; user_metadata?: Record<string, unknown> }[];
const rnAssets = () => mocks.rendernet.assets as { id: string; status: string; url?: string }[];
const tvAssets = () => mocks.tenovos.assets as { assetId: string; fileState: string; metadataState: string; currentVersion: boolean; metadata: { name: string }[] }[];
const liveTenovos = () => tvAssets().filter((a) => a.fileState === 'available' && a.metadataState === 'available' && a.currentVersion);

/** TwelveLabs' indexed-asset rule in the mock (a fixed share of the ready ones): such a delete needs force. */
const isIndexed = (a: { _id: string; status: string }) => a.status === 'ready' && parseInt(a._id.slice(-2), 16) % 8 === 0;

/** Creates a TwelveLabs asset from a URL, as a user would: POST /assets, multipart form. */
async function createTwelveLabsAsset(server: MockServer, name: string): Promise<string> {
  const form = new FormData();
  form.set('method', 'url');
  form.set('url', `https://cdn.example.com/${name}`);
  const response = await fetch(`${server.url}/assets`, { method: 'POST', headers: { 'x-api-key': server.apiKey }, body: form });
  expect(response.status).toBeLessThan(300);
  return ((await response.json()) as { _id: string })._id;
}

/** A fetch that delegates to the real one and keeps what went where, and how many were in flight at once per path. */
function recordingFetch() {
  const sent: { url: string; body: string | undefined; startedAt: number }[] = [];
  const inFlight = new Map<string, number>();
  const maxInFlight = new Map<string, number>();
  const doneAt = new Map<string, number>();
  const fetchImpl: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const path = new URL(request.url).pathname;
    const body = request.method === 'GET' ? undefined : await request.clone().text();
    sent.push({ url: request.url, body, startedAt: performance.now() });
    inFlight.set(path, (inFlight.get(path) ?? 0) + 1);
    maxInFlight.set(path, Math.max(maxInFlight.get(path) ?? 0, inFlight.get(path)!));
    try {
      return await fetch(request);
    } finally {
      inFlight.set(path, inFlight.get(path)! - 1);
      doneAt.set(path, performance.now());
    }
  };
  return { fetchImpl, sent, maxInFlight, doneAt };
}

describe('list() across all three providers', () => {
  it('Tenovos is scanned one request after another while the other providers are fetched at the same time', async () => {
    const rec = recordingFetch();
    const client = clientFor(mocks, { fetch: rec.fetchImpl });
    const assets = await collect(client.list({ pageSize: 10, concurrency: 4 }));
    expect(assets.filter((a) => a.provider === 'tenovos')).toHaveLength(liveTenovos().length);
    expect(rec.maxInFlight.get('/asset/scan')).toBe(1);
    expect(rec.maxInFlight.get('/pub/v2/assets')).toBe(1);
    expect(rec.maxInFlight.get('/assets')).toBeGreaterThan(1); // TwelveLabs pages run concurrently
    // Concurrency across providers: the first Tenovos scan went out before the last TwelveLabs page came back.
    const firstScan = rec.sent.find((s) => s.url.endsWith('/asset/scan'))!.startedAt;
    expect(firstScan).toBeLessThan(rec.doneAt.get('/assets')!);
    // Every scan after the first carries the previous answer's cursor.
    const scans = rec.sent.filter((s) => s.url.endsWith('/asset/scan')).map((s) => JSON.parse(s.body!) as { cursor?: string });
    expect(scans[0]!.cursor).toBeUndefined();
    expect(scans.slice(1).every((s) => typeof s.cursor === 'string')).toBe(true);
  });

  it('interrupted by faults again and again, the cursor resumes every provider exactly once', async () => {
    const faulty = await startMocks({ seed: 21, faults: { rate5xx: 0.08 } });
    try {
      const expected = (await collect(clientFor(mocks).list({ pageSize: 7 }))).map((a) => a.ref);
      const client = createAssetClient(mockConfig(faulty, { maxRetries: 0 }));
      const got: string[] = [];
      let cursor: string | undefined;
      let interruptions = 0;
      for (let round = 0; round < 500; round++) {
        const listing = client.list(cursor ? { cursor } : { pageSize: 7 });
        try {
          for await (const asset of listing) got.push(asset.ref);
          cursor = undefined;
          break;
        } catch (error) {
          expect((error as { type?: string }).type).toBe('server');
          interruptions++;
          cursor = listing.cursor;
          if (cursor === undefined) break;
        }
      }
      expect(interruptions).toBeGreaterThan(2);
      expect(got).toEqual(expected); // nothing lost, nothing repeated, same order
      expect(new Set(got).size).toBe(got.length);
    } finally {
      await closeMocks(faulty);
    }
  });

  it('a cursor taken mid-Tenovos resumes the scan from its cursor, not from the start', async () => {
    const rec = recordingFetch();
    const client = clientFor(mocks, { fetch: rec.fetchImpl });
    const listing = client.list({ providers: ['tenovos'], pageSize: 5 });
    const first: string[] = [];
    for await (const asset of listing) if (first.push(asset.ref) === 12) break;
    const rest = await collect(clientFor(mocks, { fetch: rec.fetchImpl }).list({ cursor: listing.cursor! }));
    const all = await collect(clientFor(mocks).list({ providers: ['tenovos'], pageSize: 5 }));
    expect([...first, ...rest.map((a) => a.ref)]).toEqual(all.map((a) => a.ref));
  });

  it('filters run server-side where capabilities say so, client-side otherwise, with the same result as by hand', async () => {
    const rec = recordingFetch();
    const client = clientFor(mocks, { fetch: rec.fetchImpl });
    const everything = await collect(clientFor(mocks).list({ pageSize: 50 }));
    const cases: ListOptions[] = [{ nameContains: 'a' }, { kinds: ['video'] }, { createdAfter: new Date('2024-01-01') }];
    for (const filter of cases) {
      rec.sent.length = 0;
      const got = await collect(client.list({ pageSize: 50, ...filter }));
      const byHand = everything.filter((a) => {
        if (filter.nameContains !== undefined) return (a.name ?? '').toLowerCase().includes(filter.nameContains);
        if (filter.kinds !== undefined) return filter.kinds.includes(a.kind);
        return a.createdAt !== undefined && a.createdAt >= filter.createdAfter!;
      });
      expect(got.map((a) => a.ref)).toEqual(byHand.map((a) => a.ref));
      const tl = rec.sent.filter((s) => new URL(s.url).pathname === '/assets').map((s) => new URL(s.url).searchParams);
      const tv = rec.sent.filter((s) => s.url.endsWith('/asset/scan')).map((s) => JSON.parse(s.body!) as Record<string, unknown>);
      const rn = rec.sent.filter((s) => s.url.includes('/pub/v2/assets')).map((s) => new URL(s.url).searchParams);
      if ('nameContains' in filter) {
        expect(client.capabilities('twelvelabs').listFilters.nameContains).toBe('server');
        expect(tl.every((q) => q.get('filename') === 'a')).toBe(true);
        expect(tv.every((b) => b.keywordSearchField === 'filename' && JSON.stringify(b.searchTerm) === '["a"]')).toBe(true);
      }
      if ('kinds' in filter) {
        expect(tl.every((q) => q.getAll('asset_types').join() === 'video')).toBe(true);
        expect(client.capabilities('rendernet').listFilters.kinds).toBe('client');
        expect(rn.every((q) => [...q.keys()].sort().join() === 'page,page_size')).toBe(true);
      }
    }
  });
});

describe('waitUntilReady()', () => {
  it('resolves once a new TwelveLabs asset is ready, and returns ready assets of every provider at once', async () => {
    // Only Date is faked (before the mock starts: it keeps a reference to Date.now), and only the
    // test moves it: with a real 150 ms delay a slow machine could see 'ready' on the first read.
    vi.useFakeTimers({ toFake: ['Date'] });
    const server = await startMockServer('twelvelabs', { seed: 3, assets: 5, processing: { delayMs: 150 } });
    try {
      const id = await createTwelveLabsAsset(server, 'clip.mp4');
      const client = clientFor({ twelvelabs: server });
      expect((await client.get(`twelvelabs:${id}`)).state).toBe('processing');
      vi.setSystemTime(Date.now() + 150);
      const ready = await client.waitUntilReady(`twelvelabs:${id}`, { intervalMs: 20 });
      expect(ready.state).toBe('ready');
    } finally {
      vi.useRealTimers();
      await server.close();
    }
    const client = clientFor(mocks);
    const rn = rnAssets().find((a) => a.status === 'active')!;
    const tv = liveTenovos()[0]!;
    expect((await client.waitUntilReady(`rendernet:${rn.id}`)).state).toBe('ready');
    expect((await client.waitUntilReady(`tenovos:${tv.assetId}`)).state).toBe('ready');
  });

  it('failed processing is an AssetFailedError with the provider reason; past the deadline a TimeoutError', async () => {
    // Only Date is faked, and only the test moves it: with a real 60 ms delay a slow machine could
    // see the failure before the deadline check (it never gets ready, but the failure comes first).
    vi.useFakeTimers({ toFake: ['Date'] });
    const server = await startMockServer('twelvelabs', { seed: 4, assets: 5, processing: { delayMs: 60, failRate: 1 } });
    try {
      const id = await createTwelveLabsAsset(server, 'broken.mp4');
      const client = clientFor({ twelvelabs: server });
      const timeout = await client.waitUntilReady(`twelvelabs:${id}`, { intervalMs: 5, deadlineMs: 0 }).catch((e: unknown) => e);
      expect(timeout).toBeInstanceOf(TimeoutError);
      vi.setSystemTime(Date.now() + 60);
      const error = await client.waitUntilReady(`twelvelabs:${id}`, { intervalMs: 20 }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(AssetFailedError);
      expect((error as AssetFailedError).assetId).toBe(id);
      expect((error as AssetFailedError).reason).toMatch(/corrupted|playability/);
      expect((error as AssetFailedError).provider).toBe('twelvelabs');
    } finally {
      vi.useRealTimers();
      await server.close();
    }
  });

  it('an archived RenderNet asset will never be ready: AssetFailedError at once', async () => {
    const archived = rnAssets().find((a) => a.status === 'archive')!;
    const error = await clientFor(mocks).waitUntilReady(`rendernet:${archived.id}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AssetFailedError);
    expect((error as Error).message).toContain('archived');
  });
});

describe('delete()', () => {
  it('TwelveLabs deletes for good; an indexed asset needs force and the ConflictError says so', async () => {
    const client = clientFor(mocks);
    const plain = tlAssets().find((a) => a.status === 'ready' && !isIndexed(a))!;
    await client.delete(`twelvelabs:${plain._id}`);
    await expect(client.get(`twelvelabs:${plain._id}`)).rejects.toBeInstanceOf(NotFoundError);
    const indexed = tlAssets().find(isIndexed)!;
    const conflict = await client.delete(`twelvelabs:${indexed._id}`).catch((e: unknown) => e);
    expect(conflict).toBeInstanceOf(ConflictError);
    expect((conflict as Error).message).toMatch(/force/);
    await client.delete(`twelvelabs:${indexed._id}`, { force: true });
    await expect(client.get(`twelvelabs:${indexed._id}`)).rejects.toBeInstanceOf(NotFoundError);
    expect(client.capabilities('twelvelabs').delete).toEqual({ mode: 'hard', force: true });
  });

  it('RenderNet archives and Tenovos recycles: soft, shown as states; force is unsupported there', async () => {
    const client = clientFor(mocks);
    const rn = rnAssets().find((a) => a.status === 'active')!;
    const tv = liveTenovos()[1]!;
    for (const ref of [`rendernet:${rn.id}`, `tenovos:${tv.assetId}`]) {
      const before = mocks.rendernet.stats.requests + mocks.tenovos.stats.requests;
      const error = await client.delete(ref, { force: true }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(UnsupportedError);
      expect((error as Error).message).toMatch(/delete with force is not supported by (rendernet|tenovos)/);
      expect(mocks.rendernet.stats.requests + mocks.tenovos.stats.requests).toBe(before);
    }
    await client.delete(`rendernet:${rn.id}`);
    expect((await client.get(`rendernet:${rn.id}`)).state).toBe('archived');
    await client.delete(`tenovos:${tv.assetId}`);
    const deleted = await client.get(`tenovos:${tv.assetId}`);
    expect(deleted).toMatchObject({ state: 'deleted', stateReason: 'in the Tenovos recycle bin' });
    expect(client.capabilities('rendernet').delete).toEqual({ mode: 'soft', state: 'archived', force: false });
    expect(client.capabilities('tenovos').delete).toEqual({ mode: 'soft', state: 'deleted', force: false });
  });
});

describe('updateMetadata()', () => {
  it('TwelveLabs: set and unset in one merge, keys not named stay', async () => {
    const client = clientFor(mocks);
    const asset = tlAssets().filter((a) => a.status === 'ready' && !isIndexed(a) && a.user_metadata && Object.keys(a.user_metadata).length > 0).at(-1)!;
    const before = await client.get(`twelvelabs:${asset._id}`);
    const [drop, ...keep] = Object.keys(before.metadata);
    const after = await client.updateMetadata(before.ref, { set: { campaign: 'autumn', approved: true }, unset: [drop!] });
    expect(after.metadata).toMatchObject({ campaign: 'autumn', approved: true });
    expect(after.metadata).not.toHaveProperty(drop!);
    for (const key of keep) if (key !== 'campaign' && key !== 'approved') expect(after.metadata[key]).toEqual(before.metadata[key]);
  });

  it('Tenovos: names map to definition ids through the client option; unset empties the attribute', async () => {
    // The definition ids come from the search shape, which keys metadata by definition id.
    const listed = await collect(clientFor(mocks).list({ providers: ['tenovos'], pageSize: 50 }));
    const sample = listed.find((a) => Array.isArray((a.raw as { metadata?: unknown[] }).metadata) && Object.keys(a.metadata).includes('Product'))!;
    const raw = sample.raw as { metadata: { metadataDefinitionId: string }[]; metadataDenormalized: Record<string, unknown> };
    const productIndex = Object.keys(raw.metadataDenormalized).indexOf('Product');
    const productId = raw.metadata[productIndex]!.metadataDefinitionId;
    const config = mockConfig(mocks);
    const client = createAssetClient({ ...config, tenovos: { ...config.tenovos!, metadataDefinitions: { Product: productId } } });
    const set = await client.updateMetadata(sample.ref, { set: { Product: 'Nucleus' } });
    expect(set.metadata.Product).toBe('Nucleus');
    const unset = await client.updateMetadata(sample.ref, { unset: ['Product'] });
    expect(unset.metadata).not.toHaveProperty('Product');
    // A definition id works without the map; the per-call option wins over the config's.
    const again = await clientFor(mocks).updateMetadata(sample.ref, { set: { [productId]: 'Direct' } });
    expect(again.metadata.Product).toBe('Direct');
  });

  it('RenderNet has no metadata: UnsupportedError naming provider and operation, nothing sent', async () => {
    const client = clientFor(mocks);
    const before = mocks.rendernet.stats.requests;
    const error = await client.updateMetadata(`rendernet:${rnAssets()[0]!.id}`, { set: { a: 'b' } }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedError);
    expect((error as Error).message).toBe('updateMetadata is not supported by rendernet: its assets have no user metadata');
    expect(mocks.rendernet.stats.requests).toBe(before);
  });

  it('bad patches are refused before anything is sent', async () => {
    const client = clientFor(mocks);
    const ref = `twelvelabs:${tlAssets()[0]!._id}`;
    const before = mocks.twelvelabs.stats.requests;
    for (const patch of [{}, { set: { a: 1 }, unset: ['a'] }, { set: { a: { nested: 1 } } }, { set: { a: '' } }, { set: { '': 'x' } }]) {
      await expect(client.updateMetadata(ref, patch)).rejects.toBeInstanceOf(InvalidRequestError);
    }
    await expect(client.updateMetadata(ref, { set: { a: 'b' }, tenovos: { securityTemplateIds: ['x'] } })).rejects.toThrow(/tenovos refs only/);
    expect(mocks.twelvelabs.stats.requests).toBe(before);
  });
});

describe('downloadUrl()', () => {
  it('Tenovos: a presigned URL; RenderNet: the asset URL; TwelveLabs: UnsupportedError', async () => {
    const client = clientFor(mocks);
    const tv = liveTenovos()[2]!;
    expect(await client.downloadUrl(`tenovos:${tv.assetId}`)).toMatch(/^https?:\/\/.+X-Amz-Expires=/);
    const rn = rnAssets().find((a) => a.status === 'active' && a.url)!;
    expect(await client.downloadUrl(`rendernet:${rn.id}`)).toBe(rn.url);
    const error = await client.downloadUrl(`twelvelabs:${tlAssets()[1]!._id}`).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnsupportedError);
    expect((error as UnsupportedError).provider).toBe('twelvelabs');
    expect((error as Error).message).toMatch(/^downloadUrl is not supported by twelvelabs/);
  });
});

describe('mapping of the new fields', () => {
  it('TwelveLabs technical_metadata and error; Tenovos search and retrieve shapes give the same Asset', async () => {
    const failed = { _id: 'a1', status: 'failed', filename: 'x.mov', error: { message: 'The video failed the playability check.' } };
    const detail = {
      _id: 'a2', status: 'ready', filename: 'y.mov', file_type: 'video/quicktime',
      technical_metadata: { video_codec: 'prores', audio_codec: 'pcm_s24le', video_fps: 23.976, video_bitrate_bps: 147_000_000, video_width: 3840, video_height: 2160, video_duration_seconds: 12.5, file_container_format: 'mov,mp4', has_audio: true, is_hdr: false },
    };
    const server = await startRecordingServer((req, res) => sendJson(res, 200, req.path.endsWith('/a1') ? failed : detail));
    try {
      const tl = createAssetClient({ twelvelabs: { apiKey: 'k-tech', baseUrl: server.url } });
      expect(await tl.get('twelvelabs:a1')).toMatchObject({ state: 'failed', stateReason: 'The video failed the playability check.' });
      expect(await tl.get('twelvelabs:a2')).toMatchObject({
        width: 3840, height: 2160, durationSeconds: 12.5,
        technical: { videoCodec: 'prores', audioCodec: 'pcm_s24le', frameRate: 23.976, bitrate: 147_000_000, container: 'mov,mp4', hasAudio: true, isHdr: false },
      });
    } finally {
      await server.close();
    }
    const client = clientFor(mocks);
    const listed = (await collect(client.list({ providers: ['tenovos'], pageSize: 20 }))).slice(0, 10);
    for (const fromScan of listed) {
      const fromGet = await client.get(fromScan.ref);
      const pick = (a: Asset) => ({ id: a.id, name: a.name, kind: a.kind, state: a.state, sizeBytes: a.sizeBytes, createdAt: a.createdAt, width: a.width, urls: a.urls });
      expect(pick(fromScan)).toEqual(pick(fromGet));
      for (const [key, value] of Object.entries(fromScan.metadata)) if (typeof value === 'string') expect(fromGet.metadata[key]).toEqual(value);
    }
  });
});

describe('RenderNet listing is robust to a server that pages otherwise than inferred', () => {
  const item = (id: string) => ({ id, type: 'image', status: 'active', url: `https://assets.example.com/${id}.png` });
  const listWith = async (respond: (page: number, size: number) => unknown) => {
    const server = await startRecordingServer((req, res) => sendJson(res, 200, respond(Number(req.query.get('page')), Number(req.query.get('page_size')))));
    try {
      const client = createAssetClient({ rendernet: { apiKey: 'k-rn', baseUrl: server.url, maxRetries: 0 } });
      return { result: await collect(client.list({ pageSize: 3 })).catch((e: unknown) => e), requests: server.requests.length };
    } finally {
      await server.close();
    }
  };

  it('without a total, a short page ends the listing', async () => {
    const ids = ['a', 'b', 'c', 'd', 'e'];
    const { result, requests } = await listWith((page, size) => ({ data: ids.slice((page - 1) * size, page * size).map(item), err: {} }));
    expect((result as Asset[]).map((a) => a.id)).toEqual(ids);
    expect(requests).toBe(2);
  });

  it('a server that ignores page (same full page forever) is an InvalidResponseError, not an endless listing', async () => {
    const { result, requests } = await listWith(() => ({ data: ['a', 'b', 'c'].map(item), err: {} }));
    expect((result as Error).name).toBe('InvalidResponseError');
    expect((result as Error).message).toMatch(/page 2 repeats page 1/);
    expect(requests).toBe(2);
  });

  it('more assets than page_size is an InvalidResponseError', async () => {
    const { result } = await listWith(() => ({ data: ['a', 'b', 'c', 'd'].map(item), err: {} }));
    expect((result as Error).message).toMatch(/4 assets for page_size 3/);
  });
});
