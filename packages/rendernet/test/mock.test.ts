// Every operation of the generated client against the stateful RenderNet mock
// over loopback HTTP: get, list, both uploads (with the PUT of the bytes to the
// presigned URL) and archive, plus the typed errors they raise.
import { startMockServer, type MockServer } from '@assetkit/mock';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BadRequestError, createRenderNetClient, NotFoundError, AuthenticationError, type RenderNetClient } from '../src/index.js';

let mock: MockServer;
let client: RenderNetClient;
beforeAll(async () => {
  // A delay no test waits out: uploads stay `processing` after their PUT here.
  mock = await startMockServer('rendernet', { assets: 120, seed: 11, processing: { delayMs: 3_600_000 } });
  client = createRenderNetClient({ apiKey: mock.apiKey, baseUrl: mock.url, maxRetries: 0 });
});
afterAll(() => mock?.close());

const putBytes = (url: string, bytes: Uint8Array) => fetch(url, { method: 'PUT', body: bytes as Uint8Array<ArrayBuffer>, headers: { 'content-type': 'application/octet-stream' } });

describe('RenderNet client over the mock', () => {
  it('getAsset returns the asset', async () => {
    const raw = mock.assets[7] as { id: string };
    const { data, response } = await client.GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: raw.id } } });
    expect(response.status).toBe(200);
    expect(data!.data).toEqual(raw);
    expect(data!.err).toEqual({});
  });

  it('getAsset of an unknown id throws NotFoundError with the envelope code; a wrong key AuthenticationError', async () => {
    await expect(client.GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: 'ast_missing' } } })).rejects.toMatchObject({
      constructor: NotFoundError,
      status: 404,
      provider: 'rendernet',
    });
    const wrong = createRenderNetClient({ apiKey: 'not-the-key', baseUrl: mock.url, maxRetries: 0 });
    await expect(wrong.GET('/pub/v2/assets', {})).rejects.toBeInstanceOf(AuthenticationError);
  });

  it('listAssets pages with page and page_size and reports pagination', async () => {
    const { data } = await client.GET('/pub/v2/assets', { params: { query: { page: 2, page_size: 50 } } });
    expect(data!.data.map((a) => a.id)).toEqual((mock.assets as { id: string }[]).slice(50, 100).map((a) => a.id));
    expect(data!.pagination).toEqual({ page: 2, page_size: 50, total: mock.assets.length });
    await expect(client.GET('/pub/v2/assets', { params: { query: { page_size: 51 } } })).rejects.toBeInstanceOf(BadRequestError);
  });

  it('uploadAsset -> PUT the bytes to upload_url -> the asset is pending, then processing, in get and list', async () => {
    const { data, response } = await client.POST('/pub/v2/assets/upload', { params: { query: { type: 'video' } }, body: { size: { height: 720, width: 1280 } } });
    expect(response.status).toBe(201);
    const { id, upload_url } = data!.data;
    expect(upload_url.startsWith(mock.objectStore.url)).toBe(true);
    const before = await client.GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: id } } });
    expect(before.data!.data).toMatchObject({ id, type: 'video', status: 'pending', size: { height: 720, width: 1280 } });
    // The presigned URL takes no API key: plain fetch, as third-party clients do.
    const put = await putBytes(upload_url, new Uint8Array(500_000));
    expect(put.status).toBe(200);
    expect(mock.objectStore.stats().bytesReceived).toBeGreaterThanOrEqual(500_000);
    const after = await client.GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: id } } });
    expect(after.data!.data).toMatchObject({ id, status: 'processing', duration: 2, frames: 60 });
    const lastPage = Math.ceil(mock.assets.length / 50);
    const listed = await client.GET('/pub/v2/assets', { params: { query: { page: lastPage, page_size: 50 } } });
    expect(listed.data!.data.find((a) => a.id === id)?.status).toBe('processing');
  });

  it('uploadAssetV1 answers the v1 shape, and the asset is readable through v2 get', async () => {
    const { data, response } = await client.POST('/pub/v1/assets/upload', { body: { size: { height: 512, width: 512 } } });
    expect(response.status).toBe(201);
    expect(data!.data.asset).toMatchObject({ status: 'pending', type: 'image', tags: ['api'], data: { size: { height: 512, width: 512 } } });
    const id = data!.data.asset.id!;
    expect((await client.GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: id } } })).data!.data.status).toBe('pending');
  });

  it('archiveAssets archives: status archive in the answer and in later reads', async () => {
    const target = (mock.assets as { id: string; status: string }[]).find((a) => a.status === 'active')!;
    const { data } = await client.POST('/pub/v1/assets/archive', { body: { ids: [target.id] } });
    expect(data!.data.map((a) => [a.id, a.status])).toEqual([[target.id, 'archive']]);
    expect(data!.err).toEqual({});
    expect((await client.GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: target.id } } })).data!.data.status).toBe('archive');
  });

  it('archiveAssets of unknown ids only throws NotFoundError; an empty id list BadRequestError', async () => {
    await expect(client.POST('/pub/v1/assets/archive', { body: { ids: ['ast_missing'] } })).rejects.toBeInstanceOf(NotFoundError);
    await expect(client.POST('/pub/v1/assets/archive', { body: { ids: [] } })).rejects.toBeInstanceOf(BadRequestError);
  });
});

describe('RenderNet upload lifecycle with the default processing delay', () => {
  let fast: MockServer;
  beforeAll(async () => {
    // Only Date is faked (before the mock starts: it keeps a reference to Date.now), and only the
    // test moves it: with a real 20 ms delay a slow machine could skip 'processing' altogether.
    vi.useFakeTimers({ toFake: ['Date'] });
    fast = await startMockServer('rendernet', { assets: 0, processing: { delayMs: 20 } });
  });
  afterAll(async () => {
    vi.useRealTimers();
    await fast?.close();
  });

  it('reaches active after the PUT when polled with get', async () => {
    const c = createRenderNetClient({ apiKey: fast.apiKey, baseUrl: fast.url });
    const { data } = await c.POST('/pub/v2/assets/upload', {});
    await putBytes(data!.data.upload_url, new Uint8Array([1, 2, 3]));
    let status: string | undefined;
    const seen = new Set<string>();
    do {
      status = (await c.GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: data!.data.id } } })).data!.data.status;
      seen.add(status!);
      if (status !== 'active') vi.setSystemTime(Date.now() + 10);
    } while (status !== 'active');
    expect([...seen]).toEqual(['processing', 'active']);
  });
});
