import { startRecordingServer, sendJson, type RecordingServer } from '@assetkit/mock';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createTwelveLabsClient, type AssetDetail } from '../src/index.js';

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());

const asset = {
  _id: '6298d673f1090f1100476d4c',
  method: 'direct',
  status: 'ready',
  filename: 'image-01.jpg',
  file_type: 'image/jpeg',
  created_at: '2022-06-02T10:30:00Z',
  size: 104857600,
};

describe('generated TwelveLabs client', () => {
  it('retrieves an asset with the x-api-key header and returns it typed', async () => {
    server.respond((_req, res) => sendJson(res, 200, asset));
    const client = createTwelveLabsClient({ apiKey: 'tl-key-123', baseUrl: server.url });
    const { data } = await client.GET('/assets/{asset_id}', { params: { path: { asset_id: asset._id } } });
    const req = server.requests.at(-1)!;
    expect(req.method).toBe('GET');
    expect(req.rawUrl).toBe(`/assets/${asset._id}`);
    expect(req.headers['x-api-key']).toBe('tl-key-123');
    expect(data?._id).toBe(asset._id);
    expectTypeOf(data!.method).toEqualTypeOf<'direct' | 'url' | 'multipart' | 'connector' | undefined>();
    expectTypeOf(data!).toEqualTypeOf<AssetDetail>();
  });

  it('sends list filters as repeated keys and paging as plain numbers', async () => {
    server.respond((_req, res) => sendJson(res, 200, { data: [asset], page_info: { limit_per_page: 2, page: 3, total_page: 3, total_results: 5 } }));
    const client = createTwelveLabsClient({ apiKey: 'tl-key-123', baseUrl: server.url });
    const { data } = await client.GET('/assets', {
      params: { query: { page: 3, page_limit: 2, asset_ids: ['a1', 'b 2'], asset_types: ['image', 'video'] } },
    });
    const req = server.requests.at(-1)!;
    expect(req.path).toBe('/assets');
    expect(req.rawUrl).toContain('asset_ids=a1&asset_ids=b%202');
    expect(req.query.getAll('asset_ids')).toEqual(['a1', 'b 2']);
    expect(req.query.getAll('asset_types')).toEqual(['image', 'video']);
    expect(req.query.get('page')).toBe('3');
    expect(req.query.get('page_limit')).toBe('2');
    expect(data?.page_info.total_results).toBe(5);
  });

  it('percent-encodes an id with reserved characters as one path segment', async () => {
    server.respond((_req, res) => sendJson(res, 200, asset));
    const client = createTwelveLabsClient({ apiKey: 'tl-key-123', baseUrl: server.url });
    const id = 'a/b?c#d%e f';
    await client.GET('/assets/{asset_id}', { params: { path: { asset_id: id } } });
    const req = server.requests.at(-1)!;
    expect(req.rawUrl).toBe('/assets/a%2Fb%3Fc%23d%25e%20f');
    expect(decodeURIComponent(req.path.slice('/assets/'.length))).toBe(id);
  });

  it('rejects ids that would change the path before sending anything', async () => {
    const client = createTwelveLabsClient({ apiKey: 'tl-key-123', baseUrl: server.url });
    const before = server.requests.length;
    for (const id of ['', '.', '..', '   ']) {
      await expect(client.GET('/assets/{asset_id}', { params: { path: { asset_id: id } } })).rejects.toMatchObject({
        type: 'invalid_request',
      });
    }
    expect(server.requests.length).toBe(before);
  });

  it('defaults to the spec server and rejects bad paths and missing params at compile time', () => {
    const client = createTwelveLabsClient({ apiKey: 'k' });
    expect(client.baseUrl).toBe('https://api.twelvelabs.io/v1.3');
    if (Math.random() > 2) {
      // @ts-expect-error: not a path of the spec
      void client.GET('/asset/{asset_id}', { params: { path: { asset_id: 'x' } } });
      // @ts-expect-error: asset_id is required
      void client.GET('/assets/{asset_id}', { params: { path: {} } });
      // @ts-expect-error: not one of the asset types
      void client.GET('/assets', { params: { query: { asset_types: ['spreadsheet'] } } });
    }
  });
});
