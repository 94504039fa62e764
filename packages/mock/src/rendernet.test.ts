import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { RenderNetAsset, RenderNetAssetV1 } from './data/rendernet-assets.js';
import { startObjectStore } from './object-store/index.js';
import { createRenderNetMock } from './providers/rendernet.js';
import { startMockServer } from './start-mock-server.js';
import { call, validatorFor } from './test-client.js';
import type { MockOptions, MockServer } from './types.js';

interface Envelope<T = RenderNetAsset> {
  data: T | null;
  err: { code?: string; message?: string };
  pagination?: { page: number; page_size: number; total: number };
}
type Uploaded = { id: string; type: string; url: string; size?: { width: number; height: number }; upload_url: string };

const ONE = '/pub/v2/assets/{asset_id}';
const LIST = '/pub/v2/assets';
const UPLOAD = '/pub/v2/assets/upload';
const UPLOAD_V1 = '/pub/v1/assets/upload';
const ARCHIVE = '/pub/v1/assets/archive';

/** A POST whose JSON body is checked against the spec's request schema before it is sent. */
async function post<T>(mock: MockServer, template: string, path: string, body: unknown, headers: Record<string, string>) {
  if (body !== undefined) expect(validatorFor('rendernet').validateRequestBody('POST', template, body)).toEqual([]);
  return call<Envelope<T>>(mock, { method: 'POST', template, path, body, headers });
}

const put = (url: string, bytes: number) => fetch(url, { method: 'PUT', body: new Uint8Array(bytes).fill(7) });

describe('RenderNet mock: reads', () => {
  let mock: MockServer;
  let key: Record<string, string>;
  beforeAll(async () => {
    mock = await startMockServer('rendernet', { assets: 500 });
    key = { 'X-API-KEY': mock.apiKey };
  });
  afterAll(() => mock?.close());

  it('returns an asset in the {data, err: {}} envelope', async () => {
    const asset = mock.assets[42] as RenderNetAsset;
    const { status, body } = await call<Envelope>(mock, { template: ONE, path: `/pub/v2/assets/${asset.id}`, headers: key });
    expect(status).toBe(200);
    expect(body).toEqual({ data: asset, err: {} });
  });

  it('validates every asset of the data set against the spec', async () => {
    for (const asset of (mock.assets as readonly RenderNetAsset[]).slice(0, 60)) {
      expect((await call(mock, { template: ONE, path: `/pub/v2/assets/${asset.id}`, headers: key })).status).toBe(200);
    }
  });

  it('answers a missing or wrong key with 401 UNAUTHORIZED on every operation, whatever the header case', async () => {
    const asset = mock.assets[0] as RenderNetAsset;
    const ops = [
      { template: ONE, path: `/pub/v2/assets/${asset.id}` },
      { template: LIST, path: LIST },
      { template: UPLOAD, path: UPLOAD, method: 'POST', body: {} },
      { template: UPLOAD_V1, path: UPLOAD_V1, method: 'POST', body: {} },
      { template: ARCHIVE, path: ARCHIVE, method: 'POST', body: { ids: [asset.id] } },
    ];
    for (const op of ops) {
      for (const headers of [{}, { 'X-API-KEY': 'wrong' }] as Record<string, string>[]) {
        const { status, body } = await call<Envelope>(mock, { ...op, headers });
        expect(status).toBe(401);
        expect(body.data).toBeNull();
        expect(body.err.code).toBe('UNAUTHORIZED');
      }
    }
    expect((await call(mock, { template: ONE, path: `/pub/v2/assets/${asset.id}`, headers: { 'x-api-key': mock.apiKey } })).status).toBe(200);
    expect((mock.assets[0] as RenderNetAsset).status).not.toBe('archive');
  });

  it('answers an unknown id with 404 ASSET_NOT_FOUND', async () => {
    const { status, body } = await call<Envelope>(mock, { template: ONE, path: '/pub/v2/assets/ast_nope', headers: key });
    expect(status).toBe(404);
    expect(body).toEqual({ data: null, err: { code: 'ASSET_NOT_FOUND', message: 'Asset not found' } });
  });

  it('lists page by page with pagination {page, page_size, total}, 10 a page by default, and an empty page past the end', async () => {
    const first = await call<Envelope<RenderNetAsset[]>>(mock, { template: LIST, path: LIST, headers: key });
    expect(first.status).toBe(200);
    expect(first.body.data).toEqual(mock.assets.slice(0, 10));
    expect(first.body.pagination).toEqual({ page: 1, page_size: 10, total: 500 });
    const seen: string[] = [];
    for (let page = 1; ; page++) {
      const { body } = await call<Envelope<RenderNetAsset[]>>(mock, { template: LIST, path: `${LIST}?page=${page}&page_size=50`, headers: key });
      expect(body.pagination).toEqual({ page, page_size: 50, total: 500 });
      if (body.data!.length === 0) break;
      seen.push(...body.data!.map((a) => a.id));
    }
    expect(seen).toEqual((mock.assets as RenderNetAsset[]).map((a) => a.id));
    const last = await call<Envelope<RenderNetAsset[]>>(mock, { template: LIST, path: `${LIST}?page=34&page_size=15`, headers: key });
    expect(last.body.data!.length).toBe(500 - 33 * 15);
  });

  it('rejects out-of-range or non-integer page and page_size with 400', async () => {
    for (const q of ['page=0', 'page=-1', 'page=x', 'page_size=0', 'page_size=51', 'page_size=2.5']) {
      const { status, body } = await call<Envelope>(mock, { template: LIST, path: `${LIST}?${q}`, headers: key });
      expect(status, q).toBe(400);
      expect(body.err.code).toMatch(/^INVALID_PAGE/);
    }
  });

  it('answers other paths and methods with 404 in the error envelope', async () => {
    for (const [method, path] of [['GET', '/pub/v2/assets/'], ['GET', '/pub/v1/assets/x'], ['GET', '/'], ['DELETE', '/pub/v2/assets/ast_1'], ['GET', UPLOAD_V1], ['GET', ARCHIVE], ['POST', LIST]] as const) {
      const { status, body } = await call<Envelope>(mock, { method, path, headers: key });
      expect(status, `${method} ${path}`).toBe(404);
      expect(body.data).toBeNull();
      expect(body.err.code).toBeTypeOf('string');
    }
  });

  it('generates a realistic mix of kinds and statuses with kind-specific fields', () => {
    const all = mock.assets as readonly RenderNetAsset[];
    expect(new Set(all.map((a) => a.type))).toEqual(new Set(['image', 'video', 'audio']));
    expect(new Set(all.map((a) => a.status))).toEqual(new Set(['active', 'pending', 'processing', 'archive', 'censored']));
    expect(all.filter((a) => a.status === 'active').length / all.length).toBeGreaterThan(0.7);
    expect(all.filter((a) => a.type === 'audio').every((a) => a.size === undefined && a.frames === undefined)).toBe(true);
    expect(all.filter((a) => a.type === 'image').every((a) => a.size !== undefined && a.duration === undefined)).toBe(true);
    expect(all.filter((a) => a.type === 'video' && a.duration !== undefined).every((a) => Number.isInteger(a.duration) && a.frames! > 0)).toBe(true);
    expect(new Set(all.map((a) => a.id)).size).toBe(all.length);
  });
});

describe('RenderNet mock: uploads and archive (stateful)', () => {
  const servers: MockServer[] = [];
  const start = async (options: MockOptions = {}) => {
    const m = await startMockServer('rendernet', { assets: 20, ...options });
    servers.push(m);
    return { mock: m, key: { 'X-API-KEY': m.apiKey } };
  };
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((m) => m.close()));
  });
  const get = (mock: MockServer, key: Record<string, string>, id: string) => call<Envelope>(mock, { template: ONE, path: `/pub/v2/assets/${id}`, headers: key });

  it('v2 upload: 201 with a presigned upload_url on the object store; image by default, size echoed', async () => {
    const { mock, key } = await start();
    const { status, body } = await post<Uploaded>(mock, UPLOAD, UPLOAD, { size: { height: 512, width: 768 } }, key);
    expect(status).toBe(201);
    expect(body.err).toEqual({});
    const data = body.data!;
    expect(data).toMatchObject({ type: 'image', size: { height: 512, width: 768 } });
    expect(data.id).toMatch(/^ast_[0-9a-z]{12}$/);
    expect(data.url).toMatch(new RegExp(`${data.id}\\.png$`));
    expect(data.upload_url.startsWith(`${mock.objectStore.url}/`)).toBe(true);
    expect(data.upload_url).toContain('Signature=');
    // No body at all is accepted too (the docs mark nothing required).
    const bare = await post<Uploaded>(mock, UPLOAD, UPLOAD, undefined, key);
    expect(bare.status).toBe(201);
    expect(bare.body.data!.size).toBeUndefined();
  });

  it('v2 upload: `type` picks the kind; audio ignores size; an unknown type, a bad size or bad JSON is 400', async () => {
    const { mock, key } = await start();
    const video = await post<Uploaded>(mock, UPLOAD, `${UPLOAD}?type=video`, { size: { height: 720, width: 1280 } }, key);
    expect(video.body.data).toMatchObject({ type: 'video', size: { height: 720, width: 1280 } });
    expect(video.body.data!.url).toMatch(/\.mp4$/);
    const audio = await post<Uploaded>(mock, UPLOAD, `${UPLOAD}?type=audio`, { size: { height: 1, width: 1 } }, key);
    expect(audio.body.data!.type).toBe('audio');
    expect(audio.body.data!.size).toBeUndefined();
    for (const [path, body, code] of [
      [`${UPLOAD}?type=document`, {}, 'INVALID_TYPE'],
      [UPLOAD, { size: { height: 5 } }, 'INVALID_SIZE'],
      [UPLOAD, { size: { height: -1, width: 5 } }, 'INVALID_SIZE'],
      [UPLOAD, '{"size":', 'INVALID_BODY'],
      [UPLOAD, '[1]', 'INVALID_BODY'],
    ] as const) {
      const answer = await call<Envelope>(mock, { method: 'POST', template: UPLOAD, path, body, headers: key });
      expect(answer.status, path).toBe(400);
      expect(answer.body.err.code).toBe(code);
    }
    expect(mock.assets.length).toBe(22);
  });

  it('v1 upload: 201 in the v1 shape (data.asset with status pending and tag api, upload_url beside it)', async () => {
    const { mock, key } = await start();
    const { status, body } = await post<{ asset: RenderNetAssetV1; upload_url: string }>(mock, UPLOAD_V1, UPLOAD_V1, { size: { height: 512, width: 512 } }, key);
    expect(status).toBe(201);
    const { asset, upload_url } = body.data!;
    expect(asset).toMatchObject({ type: 'image', status: 'pending', tags: ['api'], data: { size: { height: 512, width: 512 } } });
    expect(asset.data.url).toMatch(/\.png$/);
    expect(upload_url.startsWith(mock.objectStore.url)).toBe(true);
    // `type` is a v2 parameter: v1 ignores it and always makes an image.
    const typed = await post<{ asset: RenderNetAssetV1 }>(mock, UPLOAD_V1, `${UPLOAD_V1}?type=video`, {}, key);
    expect(typed.body.data!.asset.type).toBe('image');
    expect((await get(mock, key, asset.id)).body.data).toMatchObject({ id: asset.id, status: 'pending' });
  });

  it('what an upload makes is returned by get and list, pending until its bytes arrive', async () => {
    const { mock, key } = await start();
    const { body } = await post<Uploaded>(mock, UPLOAD, `${UPLOAD}?type=video`, { size: { height: 720, width: 1280 } }, key);
    const id = body.data!.id;
    expect((await get(mock, key, id)).body.data).toEqual({ id, type: 'video', status: 'pending', url: body.data!.url, size: { height: 720, width: 1280 } });
    const page = await call<Envelope<RenderNetAsset[]>>(mock, { template: LIST, path: `${LIST}?page=3&page_size=10`, headers: key });
    expect(page.body.pagination!.total).toBe(21);
    expect(page.body.data!.map((a) => a.id)).toEqual([id]);
  });

  it('after the PUT of the bytes: processing while delayMs runs', async () => {
    const { mock, key } = await start({ processing: { delayMs: 3_600_000 } });
    const { body } = await post<Uploaded>(mock, UPLOAD, `${UPLOAD}?type=audio`, {}, key);
    expect((await put(body.data!.upload_url, 32_000)).status).toBe(200);
    const after = (await get(mock, key, body.data!.id)).body.data!;
    expect(after.status).toBe('processing');
    // Duration is known once the bytes are in: 32 000 bytes of 128 kbit/s audio.
    expect(after.duration).toBe(2);
  });

  it('after the PUT of the bytes: active once delayMs has passed, with duration and frames for video', async () => {
    const { mock, key } = await start({ processing: { delayMs: 0 } });
    const { body } = await post<Uploaded>(mock, UPLOAD, `${UPLOAD}?type=video`, { size: { height: 720, width: 1280 } }, key);
    expect((await put(body.data!.upload_url, 600_000)).status).toBe(200);
    expect((await get(mock, key, body.data!.id)).body.data).toMatchObject({ status: 'active', duration: 3, frames: 90 });
    const listed = await call<Envelope<RenderNetAsset[]>>(mock, { template: LIST, path: `${LIST}?page=1&page_size=50`, headers: key });
    expect(listed.body.data!.at(-1)).toMatchObject({ id: body.data!.id, status: 'active' });
  });

  it('with the default delay, polling get sees pending -> processing -> active', async () => {
    // Only Date is faked (before the mock starts: it keeps a reference to Date.now), and only the
    // test moves it: with a real 50 ms delay a slow machine could skip 'processing' altogether.
    vi.useFakeTimers({ toFake: ['Date'] });
    try {
      const { mock, key } = await start();
      const { body } = await post<Uploaded>(mock, UPLOAD, UPLOAD, { size: { height: 8, width: 8 } }, key);
      const id = body.data!.id;
      const status = async () => (await get(mock, key, id)).body.data!.status;
      const seen = [await status()];
      await put(body.data!.upload_url, 100);
      seen.push(await status());
      vi.setSystemTime(Date.now() + 49);
      seen.push(await status());
      vi.setSystemTime(Date.now() + 1); // the default delay, 50 ms, has now passed
      seen.push(await status());
      expect(seen).toEqual(['pending', 'processing', 'processing', 'active']);
    } finally {
      vi.useRealTimers();
    }
  });

  it('failRate 1 ends every upload censored; a share fails the same uploads for the same seed', async () => {
    const { mock, key } = await start({ processing: { delayMs: 0, failRate: 1 } });
    const { body } = await post<Uploaded>(mock, UPLOAD, UPLOAD, {}, key);
    await put(body.data!.upload_url, 10);
    expect((await get(mock, key, body.data!.id)).body.data!.status).toBe('censored');

    const outcomes = async () => {
      const { mock: m, key: k } = await start({ processing: { delayMs: 0, failRate: 0.5, seed: 7 } });
      const statuses: string[] = [];
      for (let i = 0; i < 16; i++) {
        const up = await post<Uploaded>(m, UPLOAD, UPLOAD, {}, k);
        await put(up.body.data!.upload_url, 10);
        statuses.push((await get(m, k, up.body.data!.id)).body.data!.status);
      }
      return statuses;
    };
    const first = await outcomes();
    expect(new Set(first)).toEqual(new Set(['active', 'censored']));
    expect(await outcomes()).toEqual(first);
  });

  it('refuses bad processing options', async () => {
    await expect(startMockServer('rendernet', { processing: { failRate: 2 } })).rejects.toThrow(/failRate/);
    await expect(startMockServer('rendernet', { processing: { delayMs: -1 } })).rejects.toThrow(/delayMs/);
  });

  it('archive: the answer lists the assets in the v1 shape with status archive; later get and list show archive', async () => {
    const { mock, key } = await start();
    const ids = (mock.assets as RenderNetAsset[]).filter((a) => a.status === 'active').slice(0, 2).map((a) => a.id);
    const up = await post<Uploaded>(mock, UPLOAD, UPLOAD, {}, key);
    ids.push(up.body.data!.id);
    const { status, body } = await post<RenderNetAssetV1[]>(mock, ARCHIVE, ARCHIVE, { ids: [...ids, ids[0]] }, key);
    expect(status).toBe(200);
    expect(body.err).toEqual({});
    expect(body.data!.map((a) => [a.id, a.status])).toEqual(ids.map((id) => [id, 'archive']));
    expect(body.data!.at(-1)!.tags).toEqual(['api']);
    for (const id of ids) expect((await get(mock, key, id)).body.data!.status).toBe('archive');
    const listed = await call<Envelope<RenderNetAsset[]>>(mock, { template: LIST, path: `${LIST}?page_size=50`, headers: key });
    expect(listed.body.data!.filter((a) => ids.includes(a.id)).every((a) => a.status === 'archive')).toBe(true);
    // An archived upload stays archived when its bytes arrive later.
    await put(up.body.data!.upload_url, 10);
    expect((await get(mock, key, up.body.data!.id)).body.data!.status).toBe('archive');
  });

  it('archive: unknown ids are named in err beside the archived ones; only unknown ids is 404; bad bodies are 400', async () => {
    const { mock, key } = await start();
    const known = (mock.assets[0] as RenderNetAsset).id;
    const partial = await post<RenderNetAssetV1[]>(mock, ARCHIVE, ARCHIVE, { ids: [known, 'ast_gone'] }, key);
    expect(partial.status).toBe(200);
    expect(partial.body.data!.map((a) => a.id)).toEqual([known]);
    expect(partial.body.err).toEqual({ code: 'ASSET_NOT_FOUND', message: 'Asset not found: ast_gone' });
    const none = await call<Envelope>(mock, { method: 'POST', template: ARCHIVE, path: ARCHIVE, body: { ids: ['ast_gone'] }, headers: key });
    expect(none.status).toBe(404);
    for (const body of [{}, { ids: [] }, { ids: [1] }, { ids: [''] }, { ids: 'ast_1' }, '', 'nope', { ids: Array.from({ length: 1001 }, (_, i) => `ast_${i}`) }]) {
      const answer = await call<Envelope>(mock, { method: 'POST', template: ARCHIVE, path: ARCHIVE, body, headers: key });
      expect(answer.status, JSON.stringify(body).slice(0, 40)).toBe(400);
      expect(answer.body.err.code).toMatch(/^INVALID_(IDS|BODY)$/);
    }
  });

  it('uses a store passed in and leaves it open; its own store closes with the server', async () => {
    const store = await startObjectStore();
    try {
      const { mock, key } = await start({ objectStore: store });
      expect(mock.objectStore).toBe(store);
      const { body } = await post<Uploaded>(mock, UPLOAD, UPLOAD, {}, key);
      expect(body.data!.upload_url.startsWith(store.url)).toBe(true);
      await mock.close();
      expect((await put(store.presignPut('still-open'), 1)).status).toBe(200);
    } finally {
      await store.close();
    }
    const { mock } = await start();
    const own = mock.objectStore.presignPut('x');
    await mock.close();
    await expect(put(own, 1)).rejects.toThrow();
  });

  it('keeps its state bounded: uploads past the limit are refused with 400 ASSET_LIMIT_REACHED', async () => {
    const store = await startObjectStore();
    try {
      const mock = createRenderNetMock({ apiKey: 'k', assets: 0, seed: 1, store: () => store, maxUploads: 3 });
      const req = { method: 'POST', path: UPLOAD, query: new URLSearchParams(), headers: { 'x-api-key': 'k' }, body: '' };
      const statuses = Array.from({ length: 5 }, () => mock.handle(req).status);
      expect(statuses).toEqual([201, 201, 201, 400, 400]);
      expect(mock.handle(req).body).toMatchObject({ data: null, err: { code: 'ASSET_LIMIT_REACHED' } });
      expect(mock.assets.length).toBe(3);
    } finally {
      await store.close();
    }
  });

  it('is per server instance: a second server does not see the first one’s uploads, and the same seed gives the same ids', async () => {
    const a = await start({ seed: 3 });
    const b = await start({ seed: 3 });
    const { body } = await post<Uploaded>(a.mock, UPLOAD, UPLOAD, {}, a.key);
    expect((await get(b.mock, b.key, body.data!.id)).status).toBe(404);
    expect(b.mock.assets.length).toBe(20);
    const again = await post<Uploaded>(b.mock, UPLOAD, UPLOAD, {}, b.key);
    expect(again.body.data!.id).toBe(body.data!.id);
    const other = await start({ seed: 4 });
    expect((await post<Uploaded>(other.mock, UPLOAD, UPLOAD, {}, other.key)).body.data!.id).not.toBe(body.data!.id);
  });
});
