// One typed call per operation of specs/twelvelabs.yaml against a recording
// loopback server: what goes on the wire (method, path, query, body) and, at
// compile time, what the call accepts and what it returns.
import { startRecordingServer, sendJson, type RecordingServer } from '@assetkit/mock';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import {
  createTwelveLabsClient,
  type Asset,
  type AssetDetail,
  type AssetPage,
  type AssetTranscription,
  type CreateMultipartUploadResponse,
  type EntityPage,
  type IncompleteUploadPage,
  type IndexedAssetPage,
  type MultipartUploadStatus,
  type PresignedUrlsResponse,
  type ReportChunksResponse,
  type TwelveLabsClient,
  type paths,
} from '../src/index.js';

let server: RecordingServer;
let client: TwelveLabsClient;
beforeAll(async () => {
  server = await startRecordingServer();
  client = createTwelveLabsClient({ apiKey: 'tl-key-ops', baseUrl: server.url, maxRetries: 0 });
});
afterAll(() => server.close());

const last = () => server.requests.at(-1)!;
const json = (status: number, body: unknown) => server.respond((_req, res) => sendJson(res, status, body));
const empty = (status: number) =>
  server.respond((_req, res) => {
    res.writeHead(status);
    res.end();
  });
const pageInfo = { limit_per_page: 10, page: 1, total_page: 1, total_results: 1 };

/** Lists the operations the spec has, so a new one without a test below fails here. */
type Operations = { [P in keyof paths]: { [M in Exclude<keyof paths[P], 'parameters'>]-?: [NonNullable<paths[P][M]>] extends [never] ? never : M }[Exclude<keyof paths[P], 'parameters'>] };

describe('every TwelveLabs operation as a typed call', () => {
  it('the spec has exactly the 15 operations tested here', () => {
    expectTypeOf<keyof paths>().toEqualTypeOf<
      | '/assets'
      | '/assets/{asset_id}'
      | '/assets/{asset_id}/user-metadata'
      | '/assets/{asset_id}/transcription'
      | '/assets/{asset_id}/indexed-assets'
      | '/assets/{asset_id}/entities'
      | '/assets/multipart-uploads'
      | '/assets/multipart-uploads/{upload_id}'
      | '/assets/multipart-uploads/{upload_id}/presigned-urls'
    >();
    expectTypeOf<Operations['/assets']>().toEqualTypeOf<'get' | 'post'>();
    expectTypeOf<Operations['/assets/{asset_id}']>().toEqualTypeOf<'get' | 'delete'>();
    expectTypeOf<Operations['/assets/{asset_id}/user-metadata']>().toEqualTypeOf<'patch' | 'put' | 'delete'>();
    expectTypeOf<Operations['/assets/multipart-uploads']>().toEqualTypeOf<'get' | 'post'>();
    expectTypeOf<Operations['/assets/multipart-uploads/{upload_id}']>().toEqualTypeOf<'get' | 'post'>();
    expectTypeOf<Operations['/assets/{asset_id}/transcription' | '/assets/{asset_id}/indexed-assets' | '/assets/{asset_id}/entities']>().toEqualTypeOf<'get'>();
    expectTypeOf<Operations['/assets/multipart-uploads/{upload_id}/presigned-urls']>().toEqualTypeOf<'post'>();
  });

  it('POST /assets (url) sends multipart/form-data and returns Asset', async () => {
    json(201, { _id: 'a1', method: 'url', status: 'processing', filename: 'clip.mp4' });
    const { data, response } = await client.POST('/assets', {
      body: { method: 'url', url: 'https://example.com/clip.mp4', enable_hls: true, user_metadata: JSON.stringify({ team: 'a' }) },
      // The form is built from the typed body; fetch sets the boundary.
      bodySerializer: (body) => {
        const form = new FormData();
        for (const [k, v] of Object.entries(body)) form.append(k, String(v));
        return form;
      },
    });
    expect(response.status).toBe(201);
    const req = last();
    expect(req.method).toBe('POST');
    expect(req.path).toBe('/assets');
    expect(req.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(req.body).toContain('name="method"\r\n\r\nurl');
    expect(req.body).toContain('name="enable_hls"\r\n\r\ntrue');
    expect(req.body).toContain('name="user_metadata"\r\n\r\n{"team":"a"}');
    expectTypeOf(data).toEqualTypeOf<Asset>();
    expect(data?.status).toBe('processing');
    if (Math.random() > 2) {
      // @ts-expect-error: method multipart is not accepted by create
      void client.POST('/assets', { body: { method: 'multipart' } });
      // @ts-expect-error: method is required
      void client.POST('/assets', { body: { url: 'https://example.com/x' } });
    }
  });

  it('POST /assets (direct) carries the file part', async () => {
    json(201, { _id: 'a2', method: 'direct', status: 'processing' });
    const bytes = new Uint8Array([1, 2, 3, 4]);
    await client.POST('/assets', {
      body: { method: 'direct', filename: 'four.bin' },
      bodySerializer: (body) => {
        const form = new FormData();
        form.append('method', body.method);
        form.append('file', new Blob([bytes]), body.filename);
        return form;
      },
    });
    expect(last().body).toContain('name="file"; filename="four.bin"');
  });

  it('GET /assets sends filename with the other filters and returns AssetPage', async () => {
    json(200, { data: [{ _id: 'a1', technical_metadata: { document_page_count: 3 } }], page_info: pageInfo });
    const { data } = await client.GET('/assets', { params: { query: { filename: 'Clip', asset_types: ['document', 'video'], page_limit: 50 } } });
    expect(last().query.get('filename')).toBe('Clip');
    expect(last().query.getAll('asset_types')).toEqual(['document', 'video']);
    expectTypeOf(data).toEqualTypeOf<AssetPage>();
    expectTypeOf(data!.data[0]!).toEqualTypeOf<AssetDetail>();
    expect(data?.data[0]?.technical_metadata?.document_page_count).toBe(3);
  });

  it('GET /assets/{asset_id} returns AssetDetail with the newer fields typed', async () => {
    json(200, { _id: 'a1', status: 'failed', error: { message: 'corrupt' }, source: { type: 'connector', details: { provider: 'google_drive' } }, size: 5_000_000_000 });
    const { data } = await client.GET('/assets/{asset_id}', { params: { path: { asset_id: 'a1' } } });
    expect(last().path).toBe('/assets/a1');
    expectTypeOf(data!.error).toEqualTypeOf<{ message: string } | undefined>();
    expectTypeOf(data!.source!.type).toEqualTypeOf<'connector' | undefined>();
    expect(data?.size).toBe(5_000_000_000);
  });

  it('DELETE /assets/{asset_id}?force=true accepts 204 and 200 without a body', async () => {
    empty(204);
    const first = await client.DELETE('/assets/{asset_id}', { params: { path: { asset_id: 'a1' }, query: { force: true } } });
    expect(last().method).toBe('DELETE');
    expect(last().rawUrl).toBe('/assets/a1?force=true');
    expect(first.response.status).toBe(204);
    expect(first.data).toBeUndefined();
    empty(200);
    const second = await client.DELETE('/assets/{asset_id}', { params: { path: { asset_id: 'a1' } } });
    expect(second.response.ok).toBe(true);
    if (Math.random() > 2) {
      // @ts-expect-error: force is a boolean
      void client.DELETE('/assets/{asset_id}', { params: { path: { asset_id: 'a1' }, query: { force: 'yes' } } });
    }
  });

  it('PATCH, PUT and DELETE /assets/{asset_id}/user-metadata', async () => {
    empty(204);
    await client.PATCH('/assets/{asset_id}/user-metadata', { params: { path: { asset_id: 'a1' } }, body: { user_metadata: { team: 'b', old: null } } });
    expect(last().method).toBe('PATCH');
    expect(last().path).toBe('/assets/a1/user-metadata');
    expect(JSON.parse(last().body)).toEqual({ user_metadata: { team: 'b', old: null } });
    empty(204);
    await client.PUT('/assets/{asset_id}/user-metadata', { params: { path: { asset_id: 'a1' } }, body: { user_metadata: { n: 1, ok: true } } });
    expect(last().method).toBe('PUT');
    expect(JSON.parse(last().body)).toEqual({ user_metadata: { n: 1, ok: true } });
    empty(204);
    const { response } = await client.DELETE('/assets/{asset_id}/user-metadata', { params: { path: { asset_id: 'a1' } } });
    expect(last().method).toBe('DELETE');
    expect(response.status).toBe(204);
    if (Math.random() > 2) {
      // @ts-expect-error: values are scalars
      void client.PUT('/assets/{asset_id}/user-metadata', { params: { path: { asset_id: 'a1' } }, body: { user_metadata: { nested: { a: 1 } } } });
      // @ts-expect-error: user_metadata is required
      void client.PATCH('/assets/{asset_id}/user-metadata', { params: { path: { asset_id: 'a1' } }, body: {} });
    }
  });

  it('GET /assets/{asset_id}/transcription sends include as repeated keys', async () => {
    json(200, { status: 'ready', words: [{ start: 0, end: 0.4, value: 'hi' }] });
    const { data } = await client.GET('/assets/{asset_id}/transcription', { params: { path: { asset_id: 'a1' }, query: { include: ['words', 'utterances'] } } });
    expect(last().rawUrl).toBe('/assets/a1/transcription?include=words&include=utterances');
    expectTypeOf(data).toEqualTypeOf<AssetTranscription>();
    expect(data?.words?.[0]?.value).toBe('hi');
  });

  it('GET /assets/{asset_id}/indexed-assets and /entities page', async () => {
    json(200, { data: [{ _id: 'i1', index: { _id: 'x', name: 'idx' } }], page_info: pageInfo });
    const indexed = await client.GET('/assets/{asset_id}/indexed-assets', { params: { path: { asset_id: 'a1' }, query: { page: 2 } } });
    expect(last().rawUrl).toBe('/assets/a1/indexed-assets?page=2');
    expectTypeOf(indexed.data).toEqualTypeOf<IndexedAssetPage>();
    json(200, { data: [{ _id: 'e1', status: 'ready' }], page_info: pageInfo });
    const entities = await client.GET('/assets/{asset_id}/entities', { params: { path: { asset_id: 'a1' } } });
    expect(last().path).toBe('/assets/a1/entities');
    expectTypeOf(entities.data).toEqualTypeOf<EntityPage>();
  });

  it('POST /assets/multipart-uploads takes a JSON body with a 64-bit size', async () => {
    json(201, { upload_id: 'u1', asset_id: 'a9', chunk_size: 5_242_880, total_chunks: 1024, upload_urls: [] });
    const { data } = await client.POST('/assets/multipart-uploads', { body: { filename: 'big.mp4', type: 'video', total_size: 5_368_709_120, user_metadata: { a: 1 } } });
    expect(last().headers['content-type']).toBe('application/json');
    expect(JSON.parse(last().body)).toMatchObject({ total_size: 5_368_709_120, type: 'video' });
    expectTypeOf(data).toEqualTypeOf<CreateMultipartUploadResponse>();
    if (Math.random() > 2) {
      // @ts-expect-error: documents cannot be uploaded in parts
      void client.POST('/assets/multipart-uploads', { body: { filename: 'a.pdf', type: 'document', total_size: 1 } });
    }
  });

  it('GET /assets/multipart-uploads lists incomplete sessions', async () => {
    json(200, { data: [], page_info: pageInfo });
    const { data } = await client.GET('/assets/multipart-uploads', { params: { query: { page_limit: 5 } } });
    expect(last().rawUrl).toBe('/assets/multipart-uploads?page_limit=5');
    expectTypeOf(data).toEqualTypeOf<IncompleteUploadPage>();
  });

  it('GET /assets/multipart-uploads/{upload_id} returns the status with nullable uploaded_at', async () => {
    json(200, { upload_id: 'u1', status: 'active', uploaded_chunks: [{ index: 1, status: 'pending', uploaded_at: null }] });
    const { data } = await client.GET('/assets/multipart-uploads/{upload_id}', { params: { path: { upload_id: 'u1' }, query: { page: 1 } } });
    expect(last().rawUrl).toBe('/assets/multipart-uploads/u1?page=1');
    expectTypeOf(data).toEqualTypeOf<MultipartUploadStatus>();
    expectTypeOf(data!.uploaded_chunks![0]!.uploaded_at).toEqualTypeOf<string | null | undefined>();
  });

  it('POST /assets/multipart-uploads/{upload_id} reports chunks', async () => {
    json(200, { processed_chunks: 1, duplicate_chunks: 0, total_completed: 1 });
    const { data } = await client.POST('/assets/multipart-uploads/{upload_id}', {
      params: { path: { upload_id: 'u1' } },
      body: { completed_chunks: [{ chunk_index: 1, proof: 'abc', proof_type: 'etag', chunk_size: 5_242_880 }] },
    });
    expect(last().path).toBe('/assets/multipart-uploads/u1');
    expect(JSON.parse(last().body).completed_chunks[0].proof_type).toBe('etag');
    expectTypeOf(data).toEqualTypeOf<ReportChunksResponse>();
    if (Math.random() > 2) {
      // @ts-expect-error: proof_type is required
      void client.POST('/assets/multipart-uploads/{upload_id}', { params: { path: { upload_id: 'u1' } }, body: { completed_chunks: [{ chunk_index: 1, proof: 'x', chunk_size: 1 }] } });
    }
  });

  it('POST /assets/multipart-uploads/{upload_id}/presigned-urls asks for a range', async () => {
    json(200, { upload_id: 'u1', start_index: 3, count: 2, upload_urls: [] });
    const { data } = await client.POST('/assets/multipart-uploads/{upload_id}/presigned-urls', { params: { path: { upload_id: 'u1' } }, body: { start: 3, count: 2 } });
    expect(last().path).toBe('/assets/multipart-uploads/u1/presigned-urls');
    expect(JSON.parse(last().body)).toEqual({ start: 3, count: 2 });
    expectTypeOf(data).toEqualTypeOf<PresignedUrlsResponse>();
  });

  it('sends the API key on every operation', () => {
    const keys = new Set(server.requests.map((r) => r.headers['x-api-key']));
    expect([...keys]).toEqual(['tl-key-ops']);
  });
});
