// The generated client against the stateful TwelveLabs mock: every operation,
// typed end to end, over loopback, including a multipart upload whose chunks
// go to the mock's object store.
import { startMockServer, type MockServer } from '@assetkit/mock';
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTwelveLabsClient, type TwelveLabsClient } from '../src/index.js';

let mock: MockServer;
let client: TwelveLabsClient;
beforeAll(async () => {
  mock = await startMockServer('twelvelabs', { assets: 40, seed: 21, processing: { delayMs: 0 }, uploads: { chunkSize: 32 * 1024 } });
  client = createTwelveLabsClient({ apiKey: mock.apiKey, baseUrl: mock.url, maxRetries: 0 });
});
afterAll(() => mock?.close());

const toForm = (body: Record<string, unknown>, file?: { bytes: Uint8Array<ArrayBuffer>; name: string }) => {
  const form = new FormData();
  for (const [k, v] of Object.entries(body)) if (v !== undefined) form.append(k, String(v));
  if (file) form.append('file', new Blob([file.bytes]), file.name);
  return form;
};

describe('generated TwelveLabs client against the mock', () => {
  it('create (file) -> retrieve -> list -> metadata edits -> transcription -> delete', async () => {
    const bytes = new Uint8Array(9000).map((_, i) => i & 0xff);
    const created = await client.POST('/assets', {
      body: { method: 'direct', filename: 'clip.mp4', user_metadata: JSON.stringify({ team: 'a' }) },
      bodySerializer: (body) => toForm(body, { bytes, name: 'clip.mp4' }),
    });
    expect(created.response.status).toBe(201);
    const id = created.data!._id!;
    expect(mock.upload(id)?.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));

    const got = await client.GET('/assets/{asset_id}', { params: { path: { asset_id: id } } });
    expect(got.data).toMatchObject({ _id: id, status: 'ready', size: 9000, user_metadata: { team: 'a' } });
    const listed = await client.GET('/assets', { params: { query: { filename: 'CLIP', asset_types: ['video'] } } });
    expect(listed.data?.data.map((a) => a._id)).toEqual([id]);

    await client.PATCH('/assets/{asset_id}/user-metadata', { params: { path: { asset_id: id } }, body: { user_metadata: { team: null, tier: 2 } } });
    expect((await client.GET('/assets/{asset_id}', { params: { path: { asset_id: id } } })).data?.user_metadata).toEqual({ tier: 2 });
    await client.PUT('/assets/{asset_id}/user-metadata', { params: { path: { asset_id: id } }, body: { user_metadata: { x: 'y' } } });
    expect((await client.GET('/assets/{asset_id}', { params: { path: { asset_id: id } } })).data?.user_metadata).toEqual({ x: 'y' });
    const cleared = await client.DELETE('/assets/{asset_id}/user-metadata', { params: { path: { asset_id: id } } });
    expect(cleared.response.status).toBe(204);
    expect((await client.GET('/assets/{asset_id}', { params: { path: { asset_id: id } } })).data?.user_metadata).toBeUndefined();

    const transcript = await client.GET('/assets/{asset_id}/transcription', { params: { path: { asset_id: id }, query: { include: ['words', 'sentences'] } } });
    expect(transcript.data?.status).toBe('ready');
    expect(transcript.data?.sentences).toHaveLength(1);

    const indexed = await client.GET('/assets/{asset_id}/indexed-assets', { params: { path: { asset_id: id } } });
    expect(indexed.data?.data).toEqual([]);
    const entities = await client.GET('/assets/{asset_id}/entities', { params: { path: { asset_id: id } } });
    expect(entities.data?.page_info.total_results).toBe(0);

    const deleted = await client.DELETE('/assets/{asset_id}', { params: { path: { asset_id: id } } });
    expect(deleted.response.status).toBe(204);
    await expect(client.GET('/assets/{asset_id}', { params: { path: { asset_id: id } } })).rejects.toMatchObject({ status: 404, code: 'resource_not_exist' });
  });

  it('create by URL', async () => {
    const { data } = await client.POST('/assets', { body: { method: 'url', url: 'https://cdn.example.com/a/b/song.wav' }, bodySerializer: (b) => toForm(b) });
    expect(data).toMatchObject({ method: 'url', filename: 'song.wav', file_type: 'audio/wav' });
  });

  it('a delete that indexed assets block is a ConflictError until force=true', async () => {
    const seeded = mock.assets as Array<{ _id: string; status: string }>;
    let blocked: string | undefined;
    for (const a of seeded) {
      const { data } = await client.GET('/assets/{asset_id}/indexed-assets', { params: { path: { asset_id: a._id } } });
      if ((data?.data.length ?? 0) > 0) {
        blocked = a._id;
        break;
      }
    }
    expect(blocked).toBeDefined();
    await expect(client.DELETE('/assets/{asset_id}', { params: { path: { asset_id: blocked! } } })).rejects.toMatchObject({ status: 409 });
    const forced = await client.DELETE('/assets/{asset_id}', { params: { path: { asset_id: blocked! }, query: { force: true } } });
    expect(forced.response.ok).toBe(true);
  });

  it('multipart: create session, PUT chunks, more URLs, report, status, list incomplete -> asset', async () => {
    const bytes = new Uint8Array(32 * 1024 * 12 + 5).map((_, i) => (i * 3) & 0xff);
    const { data: session } = await client.POST('/assets/multipart-uploads', { body: { filename: 'talk.mp4', type: 'video', total_size: bytes.length } });
    const s = session!;
    expect(s.total_chunks).toBe(13);
    const open = await client.GET('/assets/multipart-uploads', { params: { query: { page_limit: 50 } } });
    expect(open.data?.data.some((u) => u.upload_id === s.upload_id)).toBe(true);
    const more = await client.POST('/assets/multipart-uploads/{upload_id}/presigned-urls', { params: { path: { upload_id: s.upload_id! } }, body: { start: 11, count: 3 } });
    const urls = new Map([...(s.upload_urls ?? []), ...(more.data?.upload_urls ?? [])].map((u) => [u.chunk_index!, u.url!]));
    const chunks = [];
    for (let i = 1; i <= s.total_chunks!; i++) {
      const part = bytes.subarray((i - 1) * s.chunk_size!, i * s.chunk_size!);
      const res = await fetch(urls.get(i)!, { method: 'PUT', body: part });
      chunks.push({ chunk_index: i, proof: res.headers.get('etag')!.replace(/"/g, ''), proof_type: 'etag' as const, chunk_size: part.length });
    }
    const reported = await client.POST('/assets/multipart-uploads/{upload_id}', { params: { path: { upload_id: s.upload_id! } }, body: { completed_chunks: chunks } });
    expect(reported.data).toMatchObject({ total_completed: 13, processed_chunks: 13 });
    expect(reported.data?.url).toBeDefined();
    const status = await client.GET('/assets/multipart-uploads/{upload_id}', { params: { path: { upload_id: s.upload_id! } } });
    expect(status.data).toMatchObject({ status: 'completed', chunks_completed: 13, uploaded_size: bytes.length });
    const asset = await client.GET('/assets/{asset_id}', { params: { path: { asset_id: s.asset_id! } } });
    expect(asset.data).toMatchObject({ method: 'multipart', size: bytes.length });
  });

  it('mock errors surface as typed errors naming the problem', async () => {
    await expect(client.POST('/assets/multipart-uploads/{upload_id}/presigned-urls', { params: { path: { upload_id: 'nope' } }, body: { start: 1, count: 1 } })).rejects.toMatchObject({
      status: 404,
    });
    await expect(client.POST('/assets/multipart-uploads', { body: { filename: 'x.png', type: 'image', total_size: 64 * 1024 * 1024 } })).rejects.toMatchObject({
      status: 400,
      message: expect.stringContaining('total_size'),
    });
  });
});
