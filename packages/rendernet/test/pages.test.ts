// The pager over List Assets V2, whose parameters and response are inferred
// (RN-C10, RN-C11): against the mock it reads the whole listing; against a
// loopback server that answers the way the real one might differ, it stops on
// short or empty pages, never loops, and raises InvalidResponseError on shapes
// it cannot page through.
import { sendJson, startMockServer, startRecordingServer, type MockServer, type RecordingServer } from '@assetkit/mock';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createRenderNetClient, InvalidRequestError, InvalidResponseError, type RenderNetClient } from '../src/index.js';
import { listAllAssets, pageAssets, readAssetPage } from '../src/pages.js';

const asset = (n: number) => ({ id: `ast_${n}`, type: 'image', status: 'active', url: `https://cdn.example/${n}.png` });
const range = (from: number, count: number) => Array.from({ length: count }, (_, i) => asset(from + i));

describe('pageAssets over the mock', () => {
  let mock: MockServer;
  let client: RenderNetClient;
  beforeAll(async () => {
    mock = await startMockServer('rendernet', { assets: 137, seed: 4 });
    client = createRenderNetClient({ apiKey: mock.apiKey, baseUrl: mock.url });
  });
  afterAll(() => mock?.close());

  it('reads every asset once, in order, and stops at the last page', async () => {
    const before = mock.stats.byPath['/pub/v2/assets'] ?? 0;
    const all = await listAllAssets(client, { pageSize: 20 });
    expect(all.map((a) => a.id)).toEqual((mock.assets as { id: string }[]).map((a) => a.id));
    // 137 assets, 20 a page: 7 requests, no wasted empty page (the total says page 7 is the last).
    expect(mock.stats.byPath['/pub/v2/assets']! - before).toBe(7);
  });

  it('yields pages with their number, size, total and last flag, and resumes from a page', async () => {
    const pages = [];
    for await (const page of pageAssets(client, { startPage: 6, pageSize: 25 })) pages.push(page);
    expect(pages.map((p) => [p.page, p.assets.length, p.total, p.last])).toEqual([[6, 12, 137, true]]);
  });

  it('refuses a bad page size, start page or page cap before sending anything', async () => {
    const before = mock.stats.requests;
    for (const options of [{ pageSize: 0 }, { pageSize: 51 }, { pageSize: 2.5 }, { startPage: 0 }, { maxPages: 0 }]) {
      await expect(listAllAssets(client, options)).rejects.toBeInstanceOf(InvalidRequestError);
    }
    await expect(listAllAssets(client, { pageSize: 51 })).rejects.toThrow(/pageSize must be an integer between 1 and 50, got 51/);
    expect(mock.stats.requests).toBe(before);
  });
});

describe('pageAssets against a server that differs from the inferred spec', () => {
  let server: RecordingServer;
  let client: RenderNetClient;
  beforeAll(async () => {
    server = await startRecordingServer();
    client = createRenderNetClient({ apiKey: 'rn-key', baseUrl: server.url, maxRetries: 0 });
  });
  beforeEach(() => {
    server.requests.length = 0;
  });
  afterAll(() => server.close());
  const pageOf = (req: { query: URLSearchParams }) => Number(req.query.get('page'));

  it('sends page and page_size explicitly (the defaults are unknown)', async () => {
    server.respond((_req, res) => sendJson(res, 200, { data: [], err: {} }));
    await listAllAssets(client, { pageSize: 30 });
    expect(server.requests.map((r) => r.rawUrl)).toEqual(['/pub/v2/assets?page=1&page_size=30']);
  });

  it('without pagination: stops on a short page', async () => {
    server.respond((req, res) => sendJson(res, 200, { data: pageOf(req) < 3 ? range(pageOf(req) * 10, 10) : range(99, 4), err: {} }));
    const all = await listAllAssets(client, { pageSize: 10 });
    expect(all.length).toBe(24);
    expect(server.requests.length).toBe(3);
  });

  it('without pagination: stops on an empty page when the last page was exactly full', async () => {
    server.respond((req, res) => sendJson(res, 200, { data: pageOf(req) <= 2 ? range(pageOf(req) * 10, 10) : [], err: {} }));
    expect((await listAllAssets(client, { pageSize: 10 })).length).toBe(20);
    expect(server.requests.length).toBe(3);
  });

  it('with pagination.total: stops at the total without asking for an empty page', async () => {
    server.respond((req, res) => sendJson(res, 200, { data: range(pageOf(req) * 10, 10), err: {}, pagination: { page: pageOf(req), page_size: 10, total: 30 } }));
    expect((await listAllAssets(client, { pageSize: 10 })).length).toBe(30);
    expect(server.requests.length).toBe(3);
  });

  it('with pagination: a server that serves fewer than asked (its page_size) is read to the total, not cut at the first short page', async () => {
    server.respond((req, res) => {
      const page = pageOf(req);
      sendJson(res, 200, { data: range((page - 1) * 20, Math.min(20, 45 - (page - 1) * 20)), err: {}, pagination: { page, page_size: 20, total: 45 } });
    });
    const all = await listAllAssets(client, { pageSize: 50 });
    expect(all.map((a) => a.id)).toEqual(range(0, 45).map((a) => a.id));
    expect(server.requests.map(pageOf)).toEqual([1, 2, 3]);
  });

  it('a server that ignores `page` (same first page every time) is an InvalidResponseError, not an endless loop', async () => {
    server.respond((_req, res) => sendJson(res, 200, { data: range(0, 10), err: {} }));
    await expect(listAllAssets(client, { pageSize: 10 })).rejects.toThrow(InvalidResponseError);
    await expect(listAllAssets(client, { pageSize: 10 })).rejects.toThrow(/page 2 repeats page 1/);
    expect(server.requests.length).toBe(4);
  });

  it('a server that never ends stops at maxPages with an InvalidResponseError', async () => {
    server.respond((req, res) => sendJson(res, 200, { data: range(pageOf(req) * 10, 10), err: {} }));
    await expect(listAllAssets(client, { pageSize: 10, maxPages: 5 })).rejects.toThrow(/still not at the end after 5 pages/);
    expect(server.requests.length).toBe(5);
  });

  it('raises a clear InvalidResponseError on a shape it cannot page through', async () => {
    const cases: [unknown, RegExp][] = [
      [{ assets: range(0, 3) }, /no `data` array/],
      [{ data: { items: [] } }, /no `data` array/],
      [[asset(1)], /not a JSON object/],
      [{ data: [asset(1), 'ast_2'] }, /data\[1\] is not an asset object/],
      [{ data: range(0, 11) }, /11 assets for page_size 10/],
      [{ data: range(0, 10), pagination: 'page 1' }, /`pagination` is not an object/],
      [{ data: range(0, 10), pagination: { total: '30' } }, /`pagination.total` is not a non-negative integer/],
      [{ data: range(0, 10), pagination: { page: 7, total: 100 } }, /asked for page 1, got page 7/],
      [{ data: range(0, 10), pagination: { page: 1, page_size: 0, total: 100 } }, /`pagination.page_size` is not a positive integer/],
      [{ data: range(0, 10), pagination: { page: 1, page_size: 5, total: 100 } }, /10 assets for page_size 5/],
    ];
    for (const [body, message] of cases) {
      server.respond((_req, res) => sendJson(res, 200, body));
      const error = await listAllAssets(client, { pageSize: 10 }).then(
        () => undefined,
        (e: unknown) => e,
      );
      expect(error, JSON.stringify(body).slice(0, 60)).toBeInstanceOf(InvalidResponseError);
      expect((error as InvalidResponseError).message).toMatch(message);
      expect((error as InvalidResponseError).provider).toBe('rendernet');
      expect((error as InvalidResponseError).status).toBe(200);
    }
  });

  it('readAssetPage is usable on its own, e.g. by an adapter that fetches pages itself', () => {
    expect(readAssetPage({ data: range(0, 3), err: {} }, { page: 4, pageSize: 3 })).toEqual({ assets: range(0, 3), page: 4, pageSize: 3, total: undefined, last: false });
    expect(readAssetPage({ data: range(0, 3), pagination: { page: 4, page_size: 3, total: 12 } }, { page: 4, pageSize: 3 }).last).toBe(true);
    expect(() => readAssetPage(null, { page: 1, pageSize: 3 })).toThrow(InvalidResponseError);
  });
});
