// The stateful TwelveLabs mock: every operation of specs/twelvelabs.yaml over
// loopback, each request body and response checked against the spec.
import { createHash } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import type { TwelveLabsAsset } from './data/twelvelabs-assets.js';
import { startMockServer } from './start-mock-server.js';
import { createAsset, tl, type TlError, type TlPage } from './test-twelvelabs.js';
import type { MockServer } from './types.js';

type Page<T> = TlPage<T>;
type Err = TlError;
const ONE = '/assets/{asset_id}';
const META = '/assets/{asset_id}/user-metadata';
const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const bytesOf = (n: number, seed = 1) => Uint8Array.from({ length: n }, (_, i) => (i * 31 + seed) & 0xff);

describe('TwelveLabs mock: uploads become assets', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer('twelvelabs', { assets: 30, seed: 5, processing: { delayMs: 0 }, uploads: { keepBytes: true } });
  });
  afterAll(() => mock?.close());

  it('a direct upload is hashed, then returned by retrieve and first in list', async () => {
    const file = bytesOf(70_000);
    const created = await createAsset<TwelveLabsAsset>(mock, { method: 'direct', user_metadata: JSON.stringify({ team: 'red', n: 3 }) }, { name: 'Launch.MP4', bytes: file, type: 'video/mp4' });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ method: 'direct', filename: 'Launch.MP4', file_type: 'video/mp4', user_metadata: { team: 'red', n: 3 } });
    const id = created.body._id;
    expect(mock.upload(id)).toEqual({ size: 70_000, sha256: sha256(file), bytes: file });
    const got = await tl<TwelveLabsAsset>(mock, 'GET', ONE, `/assets/${id}`);
    expect(got.body).toMatchObject({ _id: id, status: 'ready', size: 70_000 });
    const list = await tl<Page<TwelveLabsAsset>>(mock, 'GET', '/assets', '/assets?page_limit=5');
    expect(list.body.data[0]!._id).toBe(id);
    expect(list.body.page_info.total_results).toBe(31);
  });

  it('a URL upload takes its name and type from the URL', async () => {
    const created = await createAsset<TwelveLabsAsset>(mock, { method: 'url', url: 'https://cdn.example.com/media/talk%20one.mp3', enable_hls: 'true' });
    expect(created.body).toMatchObject({ method: 'url', filename: 'talk one.mp3', file_type: 'audio/mpeg' });
    expect(mock.upload(created.body._id)).toBeUndefined();
    const found = await tl<Page<TwelveLabsAsset>>(mock, 'GET', '/assets', '/assets?filename=TALK%20O&asset_types=audio');
    expect(found.body.data.map((a) => a._id)).toEqual([created.body._id]);
  });

  it('documents are a kind of their own', async () => {
    const pdf = await createAsset<TwelveLabsAsset>(mock, { method: 'direct', enable_thumbnail: 'true' }, { name: 'brief.pdf', bytes: bytesOf(500) });
    expect(pdf.body.file_type).toBe('application/pdf');
    const docs = await tl<Page<TwelveLabsAsset>>(mock, 'GET', '/assets', '/assets?asset_types=document');
    expect(docs.body.data.map((a) => a._id)).toEqual([pdf.body._id]);
    expect((await tl(mock, 'GET', '/assets/{asset_id}/transcription', `/assets/${pdf.body._id}/transcription`)).status).toBe(404);
  });

  it.each([
    [{}, 'method'],
    [{ method: 'multipart' }, 'method'],
    [{ method: 'url' }, 'url'],
    [{ method: 'url', url: 'ftp://example.com/a.mp4' }, 'url'],
    [{ method: 'direct' }, 'file'],
    [{ method: 'url', url: 'https://example.com/a.mp4', user_metadata: '{"a":{"b":1}}' }, 'user_metadata'],
    [{ method: 'url', url: 'https://example.com/a.mp4', user_metadata: 'not json' }, 'user_metadata'],
    [{ method: 'url', url: 'https://example.com/a.mp4', filename: 'x'.repeat(256) }, 'filename'],
    [{ method: 'url', url: 'https://example.com/a.mp4', enable_hls: 'yes' }, 'enable_hls'],
  ] as Array<[Record<string, string>, string]>)('refuses create %j with 400 naming %s, and stores nothing', async (fields, name) => {
    const before = (await tl<Page<unknown>>(mock, 'GET', '/assets', '/assets')).body.page_info.total_results;
    const { status, body } = await createAsset<Err>(mock, fields, undefined, { check: false });
    expect(status).toBe(400);
    expect(body.message).toContain(name);
    expect((await tl<Page<unknown>>(mock, 'GET', '/assets', '/assets')).body.page_info.total_results).toBe(before);
  });

  it('refuses a wrong key on create with 401 (the body is drained, not parsed)', async () => {
    const { status, body } = await createAsset<Err>(mock, { method: 'direct' }, { name: 'a.mp4', bytes: bytesOf(10) }, { apiKey: 'wrong' });
    expect(status).toBe(401);
    expect(body.code).toBe('api_key_invalid');
  });

  it('a file over uploads.maxDirectBytes is refused with 400', async () => {
    const small = await startMockServer('twelvelabs', { assets: 0, uploads: { maxDirectBytes: 1000 } });
    try {
      const { status, body } = await createAsset<Err>(small, { method: 'direct' }, { name: 'a.mp4', bytes: bytesOf(1001) });
      expect(status).toBe(400);
      expect(body.message).toContain('too large');
      expect((await createAsset(small, { method: 'direct' }, { name: 'a.mp4', bytes: bytesOf(1000) })).status).toBe(201);
    } finally {
      await small.close();
    }
  });
});

describe('TwelveLabs mock: processing simulation', () => {
  it('a new asset is processing, then ready with size, duration, technical metadata, HLS and thumbnail', async () => {
    // Only Date is faked (before the mock starts: it keeps a reference to Date.now), and only the
    // test moves it, so "still processing" is checked every time, however slow the machine.
    vi.useFakeTimers({ toFake: ['Date'] });
    const mock = await startMockServer('twelvelabs', { assets: 0, processing: { delayMs: 150 } });
    try {
      const created = await createAsset<TwelveLabsAsset>(mock, { method: 'direct', enable_hls: 'true', enable_thumbnail: 'true' }, { name: 'a.mp4', bytes: bytesOf(4096) });
      expect(created.body.status).toBe('processing');
      vi.setSystemTime(Date.now() + 149);
      const first = await tl<TwelveLabsAsset>(mock, 'GET', ONE, `/assets/${created.body._id}`);
      // 149 ms in: still processing, nothing derived yet.
      expect(first.body.status).toBe('processing');
      expect(first.body.size).toBeUndefined();
      expect(first.body.technical_metadata).toBeUndefined();
      expect(first.body.hls).toEqual({ status: 'pending' });
      vi.setSystemTime(Date.now() + 1);
      const read = async () => (await tl<TwelveLabsAsset>(mock, 'GET', ONE, `/assets/${created.body._id}`)).body;
      // At the delay the asset is ready; its HLS rendition takes as long again.
      expect(await read()).toMatchObject({ status: 'ready', hls: { status: 'processing' } });
      vi.setSystemTime(Date.now() + 150);
      const ready = await read();
      expect(ready.status).toBe('ready');
      expect(ready.hls?.status).toBe('ready');
      expect(ready).toMatchObject({ size: 4096, technical_metadata: { file_size_bytes: 4096, file_mime_type: 'video/mp4' } });
      expect(ready.hls?.manifest_url).toMatch(/^https:\/\//);
      expect(ready.thumbnail).toMatchObject({ status: 'ready' });
      expect(typeof ready.duration).toBe('number');
    } finally {
      vi.useRealTimers();
      await mock.close();
    }
  });

  it('a long delay keeps an asset processing', async () => {
    const mock = await startMockServer('twelvelabs', { assets: 0, processing: { delayMs: 3_600_000 } });
    try {
      const created = await createAsset<TwelveLabsAsset>(mock, { method: 'url', url: 'https://example.com/a.mp4', enable_hls: 'true' });
      const got = await tl<TwelveLabsAsset>(mock, 'GET', ONE, `/assets/${created.body._id}`);
      expect(got.body).toMatchObject({ status: 'processing', hls: { status: 'pending' } });
      expect(got.body.error).toBeUndefined();
    } finally {
      await mock.close();
    }
  });

  it('failRate sends that share of uploads to failed with error.message; HLS goes to error', async () => {
    const all = await startMockServer('twelvelabs', { assets: 0, processing: { delayMs: 0, failRate: 1 } });
    const some = await startMockServer('twelvelabs', { assets: 0, processing: { delayMs: 0, failRate: 0.5, seed: 9 } });
    try {
      const created = await createAsset<TwelveLabsAsset>(all, { method: 'url', url: 'https://example.com/a.mp4', enable_hls: 'true' });
      const failed = await tl<TwelveLabsAsset>(all, 'GET', ONE, `/assets/${created.body._id}`);
      expect(failed.body.status).toBe('failed');
      expect(failed.body.error?.message).toMatch(/\w/);
      expect(failed.body.hls).toEqual({ status: 'error' });
      expect(failed.body.size).toBeUndefined();
      const statuses: string[] = [];
      for (let i = 0; i < 40; i++) {
        const { body } = await createAsset<TwelveLabsAsset>(some, { method: 'url', url: `https://example.com/${i}.mp4` });
        statuses.push((await tl<TwelveLabsAsset>(some, 'GET', ONE, `/assets/${body._id}`)).body.status);
      }
      const failedShare = statuses.filter((s) => s === 'failed').length / statuses.length;
      expect(failedShare).toBeGreaterThan(0.2);
      expect(failedShare).toBeLessThan(0.8);
      expect(statuses.every((s) => s === 'failed' || s === 'ready')).toBe(true);
    } finally {
      await all.close();
      await some.close();
    }
  });

  it('rejects processing options out of range', async () => {
    await expect(startMockServer('twelvelabs', { processing: { failRate: 2 } })).rejects.toThrow(/failRate/);
    await expect(startMockServer('twelvelabs', { processing: { delayMs: -1 } })).rejects.toThrow(/delayMs/);
  });
});

describe('TwelveLabs mock: deletes, metadata edits and related lists', () => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer('twelvelabs', { assets: 200, seed: 11, processing: { delayMs: 0 } });
  });
  afterAll(() => mock?.close());
  const seeded = () => mock.assets as readonly TwelveLabsAsset[];

  it('a deleted asset is gone from retrieve and list; deleting again is 404', async () => {
    const victim = seeded().find((a) => a.status === 'failed')!;
    expect((await tl(mock, 'DELETE', ONE, `/assets/${victim._id}`)).status).toBe(204);
    expect((await tl(mock, 'GET', ONE, `/assets/${victim._id}`)).status).toBe(404);
    const page = await tl<Page<TwelveLabsAsset>>(mock, 'GET', '/assets', `/assets?asset_ids=${victim._id}`);
    expect(page.body.page_info.total_results).toBe(0);
    expect((await tl(mock, 'DELETE', ONE, `/assets/${victim._id}`)).status).toBe(404);
    const made = await createAsset<TwelveLabsAsset>(mock, { method: 'url', url: 'https://example.com/x.png' });
    expect((await tl(mock, 'DELETE', ONE, `/assets/${made.body._id}?force=false`)).status).toBe(204);
    expect((await tl(mock, 'GET', ONE, `/assets/${made.body._id}`)).status).toBe(404);
  });

  it('an asset with indexed assets answers 409 until force=true; its entities are listed', async () => {
    const linked = seeded().find((a) => a.status === 'ready' && parseInt(a._id.slice(-2), 16) % 8 === 0)!;
    const indexed = await tl<Page<{ _id: string }>>(mock, 'GET', '/assets/{asset_id}/indexed-assets', `/assets/${linked._id}/indexed-assets`);
    expect(indexed.body.data).toHaveLength(1);
    const entities = await tl<Page<{ asset_ids: string[] }>>(mock, 'GET', '/assets/{asset_id}/entities', `/assets/${linked._id}/entities?page_limit=5`);
    expect(entities.body.data[0]!.asset_ids).toEqual([linked._id]);
    const conflict = await tl<Err>(mock, 'DELETE', ONE, `/assets/${linked._id}`);
    expect(conflict.status).toBe(409);
    expect((await tl(mock, 'GET', ONE, `/assets/${linked._id}`)).status).toBe(200);
    expect((await tl(mock, 'DELETE', ONE, `/assets/${linked._id}?force=yes`)).status).toBe(400);
    expect((await tl(mock, 'DELETE', ONE, `/assets/${linked._id}?force=true`)).status).toBe(204);
    expect((await tl(mock, 'GET', '/assets/{asset_id}/indexed-assets', `/assets/${linked._id}/indexed-assets`)).status).toBe(404);
    const plain = seeded().find((a) => a.status === 'ready' && parseInt(a._id.slice(-2), 16) % 8 !== 0)!;
    expect((await tl<Page<unknown>>(mock, 'GET', '/assets/{asset_id}/indexed-assets', `/assets/${plain._id}/indexed-assets`)).body.data).toEqual([]);
  });

  it('PATCH merges (null removes, "" is ignored), PUT replaces, DELETE clears; later reads show each', async () => {
    const made = await createAsset<TwelveLabsAsset>(mock, { method: 'url', url: 'https://example.com/m.jpg', user_metadata: JSON.stringify({ keep: 'k', drop: 1 }) });
    const id = made.body._id;
    const meta = async () => (await tl<TwelveLabsAsset>(mock, 'GET', ONE, `/assets/${id}`)).body.user_metadata;
    expect((await tl(mock, 'PATCH', META, `/assets/${id}/user-metadata`, { user_metadata: { drop: null, add: true, keep: '' } })).status).toBe(204);
    expect(await meta()).toEqual({ keep: 'k', add: true });
    expect((await tl(mock, 'PUT', META, `/assets/${id}/user-metadata`, { user_metadata: { only: 2.5, ignored: null } })).status).toBe(204);
    expect(await meta()).toEqual({ only: 2.5 });
    expect((await tl(mock, 'DELETE', META, `/assets/${id}/user-metadata`)).status).toBe(204);
    expect(await meta()).toBeUndefined();
    // The same on a seeded asset, and the list shows it.
    const s = seeded()[3]!;
    await tl(mock, 'PUT', META, `/assets/${s._id}/user-metadata`, { user_metadata: { reviewed: true } });
    const listed = await tl<Page<TwelveLabsAsset>>(mock, 'GET', '/assets', `/assets?asset_ids=${s._id}`);
    expect(listed.body.data[0]!.user_metadata).toEqual({ reviewed: true });
    expect(mock.assets[3]).toEqual(s); // the seeded data set itself is not changed
  });

  it('refuses bad metadata edits with 400 and unknown assets with 404', async () => {
    const id = seeded()[5]!._id;
    const nested = await tl<Err>(mock, 'PATCH', META, `/assets/${id}/user-metadata`, { user_metadata: { a: { b: 1 } } }, { 'x-skip-request-check': '1' });
    expect(nested.status).toBe(400);
    expect(nested.body.message).toContain('user_metadata');
    expect((await tl(mock, 'PUT', META, `/assets/${id}/user-metadata`, { other: {} }, { 'x-skip-request-check': '1' })).status).toBe(400);
    expect((await tl(mock, 'PATCH', META, '/assets/000000000000000000000000/user-metadata', { user_metadata: {} })).status).toBe(404);
    expect((await tl(mock, 'DELETE', META, '/assets/000000000000000000000000/user-metadata')).status).toBe(404);
  });

  it('transcription follows the asset status and the include parameter', async () => {
    const video = seeded().find((a) => a.status === 'ready' && a.file_type.startsWith('video/'))!;
    const T = '/assets/{asset_id}/transcription';
    const words = await tl<{ status: string; words?: unknown[]; utterances?: unknown[] }>(mock, 'GET', T, `/assets/${video._id}/transcription`);
    expect(words.body.status).toBe('ready');
    expect(words.body.words!.length).toBeGreaterThan(0);
    expect(words.body.utterances).toBeUndefined();
    const both = await tl<Record<string, unknown>>(mock, 'GET', T, `/assets/${video._id}/transcription?include=sentences,utterances`);
    expect(Object.keys(both.body).sort()).toEqual(['sentences', 'status', 'utterances']);
    expect((await tl(mock, 'GET', T, `/assets/${video._id}/transcription?include=paragraphs`)).status).toBe(400);
    const processing = seeded().find((a) => a.status === 'processing' && !a.file_type.startsWith('image/'));
    if (processing) expect((await tl<{ status: string }>(mock, 'GET', T, `/assets/${processing._id}/transcription`)).body).toEqual({ status: 'processing' });
  });

  it('answers methods an operation does not have with 405 and Allow', async () => {
    const res = await fetch(`${mock.url}/assets/${seeded()[0]!._id}/user-metadata`, { method: 'GET', headers: { 'x-api-key': mock.apiKey } });
    expect(res.status).toBe(405);
    expect(res.headers.get('allow')).toBe('PATCH, PUT, DELETE, OPTIONS');
    // Browsers preflight the edit methods; the answer must allow them.
    const pre = await fetch(`${mock.url}/assets/x/user-metadata`, { method: 'OPTIONS', headers: { origin: 'http://localhost:5173', 'access-control-request-method': 'PATCH' } });
    expect(pre.status).toBe(204);
    for (const m of ['PATCH', 'PUT', 'DELETE']) expect(pre.headers.get('access-control-allow-methods')).toContain(m);
  });
});

describe('TwelveLabs mock: bounded state', () => {
  it('forgets the oldest uploads beyond uploads.maxCreatedAssets', async () => {
    const mock = await startMockServer('twelvelabs', { assets: 10, processing: { delayMs: 0 }, uploads: { maxCreatedAssets: 5 } });
    try {
      const ids: string[] = [];
      for (let i = 0; i < 25; i++) ids.push((await createAsset<TwelveLabsAsset>(mock, { method: 'direct' }, { name: `f${i}.png`, bytes: bytesOf(64, i) })).body._id);
      const list = await tl<Page<TwelveLabsAsset>>(mock, 'GET', '/assets', '/assets?page_limit=50');
      expect(list.body.page_info.total_results).toBe(15);
      expect(list.body.data.slice(0, 5).map((a) => a._id)).toEqual(ids.slice(-5).reverse());
      expect((await tl(mock, 'GET', ONE, `/assets/${ids[0]}`)).status).toBe(404);
      expect(mock.upload(ids[0]!)).toBeUndefined();
      expect(mock.upload(ids[24]!)?.size).toBe(64);
    } finally {
      await mock.close();
    }
  });

  it('an injected 429 or 5xx on create stores nothing', async () => {
    const mock = await startMockServer('twelvelabs', { assets: 0, faults: { plan: ['429', '503', null] } });
    try {
      expect((await createAsset(mock, { method: 'direct' }, { name: 'a.png', bytes: bytesOf(10) })).status).toBe(429);
      expect((await createAsset(mock, { method: 'direct' }, { name: 'a.png', bytes: bytesOf(10) })).status).toBe(503);
      expect((await tl<Page<unknown>>(mock, 'GET', '/assets', '/assets')).body.page_info.total_results).toBe(0);
    } finally {
      await mock.close();
    }
  });
});
