// TwelveLabs multipart sessions against the mock: chunk URLs point at the
// loopback object store, reports are checked against the ETags it received,
// and the last report turns the upload into an asset.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TwelveLabsAsset } from './data/twelvelabs-assets.js';
import { startMockServer } from './start-mock-server.js';
import { tl } from './test-twelvelabs.js';
import type { MockServer } from './types.js';

const CHUNK = 64 * 1024;
const SESSIONS = '/assets/multipart-uploads';
const SESSION = '/assets/multipart-uploads/{upload_id}';
const URLS = '/assets/multipart-uploads/{upload_id}/presigned-urls';

interface Url {
  chunk_index: number;
  url: string;
  expires_at: string;
}
interface Created {
  upload_id: string;
  asset_id: string;
  upload_urls: Url[];
  chunk_size: number;
  total_chunks: number;
  expires_at: string;
}
interface Status {
  status: string;
  uploaded_chunks: Array<{ index: number; status: string; uploaded_at: string | null; error?: string }>;
  chunks_completed: number;
  chunks_failed: number;
  chunks_pending: number;
  uploaded_size: number;
  total_size: number;
  page_info: { total_results: number };
}
interface Report {
  url?: string;
  asset_id: string;
  processed_chunks: number;
  duplicate_chunks: number;
  total_completed: number;
}

const fileOf = (n: number) => Uint8Array.from({ length: n }, (_, i) => (i * 7 + (i >> 11)) & 0xff);

async function put(url: string, bytes: Uint8Array<ArrayBuffer>): Promise<string> {
  const res = await fetch(url, { method: 'PUT', headers: { 'content-type': 'application/octet-stream' }, body: bytes });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  return res.headers.get('etag')!.replace(/"/g, '');
}

describe('TwelveLabs mock: multipart uploads', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer('twelvelabs', { assets: 5, processing: { delayMs: 0 }, uploads: { chunkSize: CHUNK } });
  });
  afterAll(() => mock?.close());

  it('create -> PUT chunks to the object store -> presigned-urls -> report -> completed asset with the same bytes', async () => {
    const file = fileOf(CHUNK * 24 + 1234); // 25 chunks: more than the first set of URLs covers
    const created = await tl<Created>(mock, 'POST', SESSIONS, SESSIONS, { filename: 'keynote.mp4', type: 'video', total_size: file.length, enable_hls: true, user_metadata: { event: 'q3' } });
    expect(created.status).toBe(201);
    const s = created.body;
    expect(s).toMatchObject({ chunk_size: CHUNK, total_chunks: 25 });
    expect(s.upload_urls.map((u) => u.chunk_index)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect(new URL(s.upload_urls[0]!.url).origin).toBe(mock.objectStore.url);
    // Not an asset until the upload completes.
    expect((await tl(mock, 'GET', '/assets/{asset_id}', `/assets/${s.asset_id}`)).status).toBe(404);

    const more = await tl<{ upload_urls: Url[]; start_index: number; count: number }>(mock, 'POST', URLS, `${SESSIONS}/${s.upload_id}/presigned-urls`, { start: 11, count: 15 });
    expect(more.body.upload_urls.map((u) => u.chunk_index)).toEqual(Array.from({ length: 15 }, (_, i) => i + 11));
    const urls = new Map([...s.upload_urls, ...more.body.upload_urls].map((u) => [u.chunk_index, u.url]));
    const chunk = (i: number) => file.subarray((i - 1) * CHUNK, Math.min(i * CHUNK, file.length));
    const etags = new Map<number, string>();
    for (let i = 1; i <= 25; i++) etags.set(i, await put(urls.get(i)!, chunk(i)));
    const proof = (i: number, etag = etags.get(i)!) => ({ chunk_index: i, proof: etag, proof_type: 'etag' as const, chunk_size: chunk(i).length });

    const first = await tl<Report>(mock, 'POST', SESSION, `${SESSIONS}/${s.upload_id}`, { completed_chunks: [proof(2), proof(1)] });
    expect(first.body).toMatchObject({ processed_chunks: 2, duplicate_chunks: 0, total_completed: 2 });
    expect(first.body.url).toBeUndefined();
    // A proof that is not the ETag the store got marks that chunk failed.
    const wrong = await tl<Report>(mock, 'POST', SESSION, `${SESSIONS}/${s.upload_id}`, { completed_chunks: [proof(3, 'deadbeef')] });
    expect(wrong.body.processed_chunks).toBe(0);
    const mid = await tl<Status>(mock, 'GET', SESSION, `${SESSIONS}/${s.upload_id}?page_limit=3`);
    expect(mid.body).toMatchObject({ status: 'active', chunks_completed: 2, chunks_failed: 1, chunks_pending: 22, uploaded_size: 2 * CHUNK, total_size: file.length });
    expect(mid.body.uploaded_chunks.map((c) => [c.index, c.status])).toEqual([[1, 'completed'], [2, 'completed'], [3, 'failed']]);
    expect(mid.body.uploaded_chunks[2]!).toMatchObject({ uploaded_at: null, error: expect.stringContaining('ETag') });
    expect(mid.body.page_info.total_results).toBe(25);
    const open = await tl<{ data: Array<{ upload_id: string; status: string }> }>(mock, 'GET', SESSIONS, SESSIONS);
    expect(open.body.data.find((u) => u.upload_id === s.upload_id)?.status).toBe('active');

    const rest = Array.from({ length: 23 }, (_, i) => proof(i + 3));
    const last = await tl<Report>(mock, 'POST', SESSION, `${SESSIONS}/${s.upload_id}`, { completed_chunks: [...rest, proof(1)] });
    expect(last.body).toMatchObject({ processed_chunks: 23, duplicate_chunks: 1, total_completed: 25, asset_id: s.asset_id });
    expect(last.body.url).toMatch(/^http:\/\/127\.0\.0\.1:/);
    const done = await tl<Status>(mock, 'GET', SESSION, `${SESSIONS}/${s.upload_id}`);
    expect(done.body).toMatchObject({ status: 'completed', chunks_completed: 25, chunks_pending: 0, uploaded_size: file.length });
    const after = await tl<{ data: Array<{ upload_id: string }> }>(mock, 'GET', SESSIONS, SESSIONS);
    expect(after.body.data.some((u) => u.upload_id === s.upload_id)).toBe(false);

    const asset = await tl<TwelveLabsAsset>(mock, 'GET', '/assets/{asset_id}', `/assets/${s.asset_id}`);
    expect(asset.body).toMatchObject({ _id: s.asset_id, method: 'multipart', filename: 'keynote.mp4', file_type: 'video/mp4', status: 'ready', size: file.length, user_metadata: { event: 'q3' } });
    expect(mock.upload(s.asset_id)).toMatchObject({ size: file.length, sha256: createHash('sha256').update(file).digest('hex') });
  });

  it.each([
    [{ filename: 'a.pdf', type: 'document', total_size: 10 }, 'type'],
    [{ filename: '', type: 'video', total_size: 10 }, 'filename'],
    [{ filename: 'a.png', type: 'image', total_size: 33 * 1024 * 1024 }, 'total_size'],
    [{ filename: 'a.mp4', type: 'video', total_size: 0 }, 'total_size'],
  ])('refuses session %j with 400 naming %s', async (body, name) => {
    const { status, body: err } = await tl<{ message: string }>(mock, 'POST', SESSIONS, SESSIONS, body, { 'x-skip-request-check': '1' });
    expect(status).toBe(400);
    expect(err.message).toContain(name);
  });

  it('checks presigned-url ranges and report entries, and 404s unknown sessions', async () => {
    const { body: s } = await tl<Created>(mock, 'POST', SESSIONS, SESSIONS, { filename: 'b.wav', type: 'audio', total_size: CHUNK * 3 });
    for (const range of [{ start: 0, count: 1 }, { start: 1, count: 51 }, { start: 4, count: 1 }]) {
      expect((await tl(mock, 'POST', URLS, `${SESSIONS}/${s.upload_id}/presigned-urls`, range, { 'x-skip-request-check': '1' })).status).toBe(400);
    }
    const capped = await tl<{ upload_urls: Url[] }>(mock, 'POST', URLS, `${SESSIONS}/${s.upload_id}/presigned-urls`, { start: 2, count: 50 });
    expect(capped.body.upload_urls.map((u) => u.chunk_index)).toEqual([2, 3]);
    const badSize = await tl<{ message: string }>(mock, 'POST', SESSION, `${SESSIONS}/${s.upload_id}`, { completed_chunks: [{ chunk_index: 1, proof: 'x', proof_type: 'etag', chunk_size: 5 }] });
    expect(badSize.status).toBe(400);
    expect(badSize.body.message).toContain('chunk_size');
    expect((await tl(mock, 'POST', SESSION, `${SESSIONS}/${s.upload_id}`, { completed_chunks: [{ chunk_index: 9, proof: 'x', proof_type: 'etag', chunk_size: 5 }] })).status).toBe(400);
    expect((await tl(mock, 'GET', SESSION, `${SESSIONS}/nope`)).status).toBe(404);
    expect((await tl(mock, 'POST', SESSION, `${SESSIONS}/nope`, { completed_chunks: [{ chunk_index: 1, proof: 'x', proof_type: 'etag', chunk_size: 1 }] })).status).toBe(404);
    expect((await tl(mock, 'POST', URLS, `${SESSIONS}/nope/presigned-urls`, { start: 1, count: 1 })).status).toBe(404);
  });

  it('remembers at most uploads.maxSessions sessions, aborting the oldest', async () => {
    const small = await startMockServer('twelvelabs', { assets: 0, uploads: { chunkSize: CHUNK, maxSessions: 3 } });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 10; i++) ids.push((await tl<Created>(small, 'POST', SESSIONS, SESSIONS, { filename: `${i}.mp4`, type: 'video', total_size: CHUNK })).body.upload_id);
      const open = await tl<{ data: Array<{ upload_id: string }>; page_info: { total_results: number } }>(small, 'GET', SESSIONS, SESSIONS);
      expect(open.body.page_info.total_results).toBe(3);
      expect(open.body.data.map((u) => u.upload_id)).toEqual(ids.slice(-3).reverse());
      expect((await tl(small, 'GET', SESSION, `${SESSIONS}/${ids[0]}`)).status).toBe(404);
      expect(small.objectStore.stats().openUploads).toBe(3);
    } finally {
      await small.close();
    }
  });
});
