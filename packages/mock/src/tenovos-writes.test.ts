import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { TenovosAsset } from './data/tenovos-assets.js';
import { definitionIdOf } from './data/tenovos-metadata.js';
import { startObjectStore } from './object-store/index.js';
import { put, sleep, startTenovos, type Caller } from './test-tenovos-caller.js';

let caller: Caller | undefined;
afterEach(async () => {
  vi.useRealTimers();
  await caller?.mock.close();
  caller = undefined;
});
const start = async (...args: Parameters<typeof startTenovos>) => (caller = await startTenovos(...args));
const PART = 64 * 1024;

describe('Tenovos mock: create and upload', () => {
  it('single URL: metadata-only until the PUT arrives, then processing, then ready; get, search and scan return it', async () => {
    // Only Date is faked: the mock reads it to decide processing vs ready, and only the test moves
    // it, so the "still processing" check cannot be overtaken by a slow machine.
    vi.useFakeTimers({ toFake: ['Date'] });
    const c = await start({ processing: { delayMs: 300 } });
    const created = await c.send('POST', '/asset', '/asset', c.createBody({ filename: 'hero.jpg', metadata: [{ metadataDefinitionId: definitionIdOf('Product'), metadataDefinitionValue: 'HooliDocs' }] }));
    expect(created.status).toBe(200);
    const { objectId, fileId, originalFileId, url } = created.body;
    expect(originalFileId).toBe(fileId);
    expect(url.startsWith(`${c.mock.objectStore.url}/`)).toBe(true);
    let data = (await c.get(objectId)).body.data;
    expect(data).toMatchObject({ assetId: objectId, filename: 'hero.jpg', currentVersion: true, metadata: [{ name: 'Product', value: 'HooliDocs' }] });
    expect(data.fileSizeInBytes).toBeUndefined();
    await put(url, randomBytes(1234));
    data = (await c.get(fileId)).body.data;
    expect(data.fileSizeInBytes).toBe(1234);
    expect(data.renditionsDocument).toBeUndefined(); // still processing
    vi.setSystemTime(Date.now() + 300);
    expect((await c.get(objectId)).body.data.renditionsDocument?.imageThumb).toMatch(/thumb/);
    const found = await c.search({ searchTerm: ['hero.jpg'], keywordSearchField: 'filename' });
    expect(found.result.map((r) => r.objectId)).toEqual([objectId]);
    expect(found.result[0].technicalMetadata.tenovos_metadata.fileSize).toBe('1234 bytes');
    const scanned = await c.send('POST', '/asset/scan', '/asset/scan', { limit: 1000, searchTerm: ['HooliDocs'], keywordSearchField: 'metadata' });
    expect(scanned.body.result.map((r: { objectId: string }) => r.objectId)).toContain(objectId);
  });

  it('filesize switches to part URLs of tenovosPartSize; complete checks the ETags; the file then has its size', async () => {
    const c = await start({ tenovosPartSize: PART, processing: { delayMs: 0 } });
    const bytes = randomBytes(PART * 2 + 100);
    const created = await c.send('POST', '/asset', '/asset', c.createBody({ filesize: bytes.length }));
    expect(created.status).toBe(200);
    const { fileId, uploadId, urls } = created.body as { fileId: string; uploadId: string; urls: { partNumber: number; url: string }[] };
    expect(urls.map((u) => u.partNumber)).toEqual([1, 2, 3]);
    const etags: string[] = [];
    for (const [i, u] of urls.entries()) etags.push(await put(u.url, bytes.subarray(i * PART, (i + 1) * PART)));
    const complete = (parts: { partNumber: number; etag: string }[]) =>
      c.send('POST', '/asset/complete', '/asset/complete', { fileId, uploadId, filename: 'launch-film.mp4', filesize: bytes.length, action: 'complete', parts });
    const wrong = await complete(etags.map((etag, i) => ({ partNumber: i + 1, etag: i === 1 ? '"0123456789abcdef0123456789abcdef"' : etag })));
    expect(wrong).toMatchObject({ status: 400, body: { status: 'error' } });
    expect(wrong.body.message).toMatch(/InvalidPart/);
    expect((await c.get(fileId)).body.data.fileSizeInBytes).toBeUndefined();
    const done = await complete(etags.map((etag, i) => ({ partNumber: i + 1, etag })));
    expect(done.body).toMatchObject({ status: 'success', action: 'complete', fileId, uploadId, s3Key: `masters/${fileId}/launch-film.mp4` });
    expect(c.mock.objectStore.getObject(done.body.s3Key)?.size).toBe(bytes.length);
    const data = (await c.get(fileId)).body.data;
    expect(data.fileSizeInBytes).toBe(bytes.length);
    expect(data.renditionsDocument?.imagePreview).toBeDefined();
    expect((await complete(etags.map((etag, i) => ({ partNumber: i + 1, etag })))).status).toBe(400); // already completed
  });

  it('cancel aborts the upload; the asset stays metadata-only', async () => {
    const c = await start({ tenovosPartSize: PART });
    const created = await c.send('POST', '/asset', '/asset', c.createBody({ filesize: PART + 1 }));
    const { fileId, uploadId, urls } = created.body;
    await put(urls[0].url, randomBytes(PART));
    const cancel = await c.send('POST', '/asset/complete', '/asset/complete', { fileId, uploadId, action: 'cancel' });
    expect(cancel.body).toMatchObject({ status: 'success', action: 'cancel' });
    expect(() => c.mock.objectStore.listParts(`masters/${fileId}/launch-film.mp4`, uploadId)).toThrow();
    expect((await c.get(fileId)).body.data.fileSizeInBytes).toBeUndefined();
    expect((await c.send('GET', '/asset/{id}/content', `/asset/${created.body.objectId}/content`)).status).toBe(403);
    expect((await c.send('POST', '/asset/complete', '/asset/complete', { fileId, uploadId, action: 'complete', parts: [{ partNumber: 1, etag: 'x' }] })).status).toBe(400);
    expect((await c.send('POST', '/asset/complete', '/asset/complete', { fileId, action: 'complete' }, {}, false)).body.message).toBe('Failed to parse asset: Missing fields');
  });

  it('originalFileId makes a new version: the old one is no longer current and leaves search unless includeVersions', async () => {
    const c = await start();
    const old = (c.mock.assets as TenovosAsset[]).find((a) => a.fileState === 'available' && a.metadataState === 'available')!;
    const created = await c.send('POST', '/asset', '/asset', c.createBody({ filename: old.filename, originalFileId: old.originalFileId }));
    expect(created.body.originalFileId).toBe(old.originalFileId);
    expect((await c.get(old.assetId)).body.data.currentVersion).toBe(false);
    const ids = async (body: Record<string, unknown>) => (await c.search({ searchTerm: [old.filename], keywordSearchField: 'filename', ...body })).result.map((r) => [r.objectId, r.currentVersion]);
    expect(await ids({})).toEqual([[created.body.objectId, 'Y']]);
    expect(await ids({ includeVersions: true, sortBy: [{ metadataDefinitionSearchField: 'createdEpoch' }] })).toEqual([[old.assetId, 'N'], [created.body.objectId, 'Y']]);
    expect((await c.send('POST', '/asset', '/asset', c.createBody({ originalFileId: '3fa85f64-5717-4562-b3fc-2c963f66afa6' }))).body).toEqual({ message: 'Invalid Response from Create Asset' });
  });

  it('refuses bad create bodies with the service 403 messages', async () => {
    const c = await start();
    const create = (body: Record<string, unknown>) => c.send('POST', '/asset', '/asset', body, {}, false);
    const base = c.createBody();
    const { metadata: _m, ...noMetadata } = base;
    const cases: [Record<string, unknown>, string][] = [
      [{ ...base, filename: '' }, 'Failed to parse Asset'],
      [{ ...base, metadataTemplateId: undefined }, 'Invalid Asset: Missing Metadata Template ID'],
      [{ ...base, securityTemplateIds: [] }, 'Invalid Asset: Missing Security Template ID(s)'],
      [{ ...base, securityTemplateIds: ['not-a-template'] }, 'Invalid security template ID(s)'],
      [noMetadata, 'Unexpected end of JSON input'],
      [{ ...base, metadata: [{ metadataDefinitionId: 'nope', metadataDefinitionValue: 'x' }] }, 'Invalid fields for metadata template'],
      [{ ...base, filesize: 1.5 }, 'Failed to parse Asset'],
      [{ ...base, filesize: 10_001 * 100 * 1024 * 1024 }, 'Failed to parse Asset'], // more than 10,000 parts
    ];
    for (const [body, message] of cases) expect(await create(body)).toMatchObject({ status: 403, body: { message } });
  });

  it('processing.failRate 1: the file arrives but its renditions never appear', async () => {
    const c = await start({ processing: { delayMs: 0, failRate: 1 } });
    const created = await c.send('POST', '/asset', '/asset', c.createBody({ filename: 'x.png' }));
    await put(created.body.url, randomBytes(10));
    await sleep(20);
    const data = (await c.get(created.body.objectId)).body.data;
    expect(data.fileSizeInBytes).toBe(10);
    expect(data.renditionsDocument).toBeUndefined();
  });

  it('uses the object store given in options and leaves it open on close', async () => {
    const store = await startObjectStore({ minPartSize: 1 });
    try {
      const c = await startTenovos({ objectStore: store });
      const created = await c.send('POST', '/asset', '/asset', c.createBody());
      expect(created.body.url.startsWith(store.url)).toBe(true);
      await c.mock.close();
      await put(created.body.url, randomBytes(3));
      expect(store.getObject(`masters/${created.body.fileId}/launch-film.mp4`)?.size).toBe(3);
    } finally {
      await store.close();
    }
  });
});

describe('Tenovos mock: update, recycle bin, download', () => {
  it('PATCH changes the attributes given (by definition id) and the security templates; later reads show it', async () => {
    const c = await start();
    const asset = (c.mock.assets as TenovosAsset[]).find((a) => a.fileState === 'available' && a.metadataState === 'available')!;
    const other = (c.mock.assets as TenovosAsset[]).map((a) => a.securityTemplateIds[0]!).find((t) => t !== asset.securityTemplateIds[0])!;
    const answer = await c.send('PATCH', '/asset/{id}', `/asset/${asset.assetId}`, {
      metadata: [
        { metadataDefinitionId: definitionIdOf('Product'), metadataDefinitionValue: 'Zyxwvut Labs' },
        { metadataDefinitionId: definitionIdOf('Keywords'), metadataDefinitionValue: [{ valueId: 'v-1' }, 'compression'] },
        { metadataDefinitionId: definitionIdOf('Usage Table'), metadataDefinitionTableValue: [[{ metadataDefinitionId: definitionIdOf('Usage Category'), metadataDefinitionValue: 'Print' }]] },
      ],
      securityTemplateIds: [other],
    });
    expect(answer.body).toEqual({ status: 'success', message: 'Asset update was successful' });
    const data = (await c.get(asset.assetId)).body.data;
    const value = (name: string) => data.metadata.find((e) => e.name === name)?.value;
    expect([value('Product'), value('Keywords'), value('Usage Table')]).toEqual(['Zyxwvut Labs', ['v-1', 'compression'], [[{ name: 'Usage Category', value: 'Print' }]]]);
    expect(value('Release Date')).toBe(asset.metadata.find((e) => e.name === 'Release Date')!.value);
    expect(data.securityTemplateIds).toEqual([other]);
    expect(Date.parse(data.lastUpdatedDate)).toBeGreaterThan(Date.now() - 5_000);
    expect((await c.search({ searchTerm: ['Zyxwvut Labs'], keywordSearchField: 'metadata' })).result.map((r) => r.objectId)).toEqual([asset.assetId]);
    const invalid = await c.send('PATCH', '/asset/{id}', `/asset/${asset.assetId}`, { metadata: [{ metadataDefinitionId: 'nope' }] });
    expect(invalid).toMatchObject({ status: 403, body: { status: 'error', message: 'Invalid fields for metadata template' } });
    expect((await c.send('PATCH', '/asset/{id}', `/asset/${asset.assetId}`, { securityTemplateIds: ['nope'] })).status).toBe(403);
    expect((await c.send('PATCH', '/asset/{id}', '/asset/3fa85f64-5717-4562-b3fc-2c963f66afa6', {})).body).toEqual({ message: 'Asset not found' });
  });

  it('delete moves to the recycle bin and undelete restores; search, get, edit and download follow', async () => {
    const c = await start();
    const asset = (c.mock.assets as TenovosAsset[]).find((a) => a.fileState === 'available' && a.metadataState === 'available')!;
    const act = (action: string) => c.send('POST', '/asset/{id}/delete', `/asset/${asset.assetId}/delete`, { action, deleteType: 'full' }, {}, false);
    const find = async (includeDeleted: boolean) => (await c.search({ searchTerm: [asset.assetId], keywordSearchField: 'assetId', includeDeleted })).hitCount;
    expect(await act('undelete')).toMatchObject({ status: 403, body: { message: 'Failed to UnDelete Asset' } });
    const deleted = await act('delete');
    expect(deleted.status).toBe(200);
    expect(JSON.parse(deleted.body.data)).toMatchObject({ objectId: asset.assetId, fileState: 'recycle bin', metadataState: 'recycle bin', fileDeletedEpoch: expect.any(Number) });
    expect((await c.get(asset.assetId)).body.data.fileState).toBe('recycle bin');
    expect([await find(false), await find(true)]).toEqual([0, 1]);
    expect((await c.send('PATCH', '/asset/{id}', `/asset/${asset.assetId}`, { metadata: [] })).status).toBe(403);
    expect((await c.send('GET', '/asset/{id}/content', `/asset/${asset.assetId}/content`)).status).toBe(403);
    expect((await act('delete')).status).toBe(200); // already in the bin: no change
    expect((await act('undelete')).status).toBe(200);
    expect((await c.get(asset.assetId)).body.data.fileState).toBe('available');
    expect(await find(false)).toBe(1);
    expect(await act('purge')).toMatchObject({ status: 502, body: { message: 'Internal server error' } });
    expect((await c.send('POST', '/asset/{id}/delete', '/asset/nope/delete', { action: 'delete', deleteType: 'full' })).body).toEqual({ message: 'Asset not found' });
  });

  it('content answers a presigned URL of the stored file', async () => {
    const c = await start();
    const created = await c.send('POST', '/asset', '/asset', c.createBody({ filename: 'a b.pdf' }));
    await put(created.body.url, randomBytes(5));
    const answer = await c.send('GET', '/asset/{id}/content', `/asset/${created.body.objectId}/content`);
    expect(answer.body.presignedURL).toBe(`${c.mock.objectStore.url}/masters/${created.body.fileId}/a%20b.pdf?X-Amz-Expires=20`);
    const generated = (c.mock.assets as TenovosAsset[])[0]!;
    expect((await c.send('GET', '/asset/{id}/content', `/asset/${generated.assetId}/content`)).status).toBe(generated.fileState === 'available' ? 200 : 403);
  });
});
