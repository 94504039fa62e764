// Every Tenovos operation through the generated client against the loopback
// mock, with every request and response checked against specs/tenovos.yaml.
import { randomBytes } from 'node:crypto';
import { startMockServer, type MockServer, type TenovosAsset } from '@assetkit/mock';
import { createSpecValidator } from '@assetkit/mock/spec-validator';
import { recordTraffic } from '@assetkit/mock/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenovosClient, NotFoundError, PermissionDeniedError, type SearchAsset, type TenovosClient } from '../src/index.js';

const spec = createSpecValidator(new URL('../../../specs/tenovos.yaml', import.meta.url));
const PART = 64 * 1024;

const { fetch: recordingFetch, traffic } = recordTraffic();

let mock: MockServer;
let client: TenovosClient;
let sample: TenovosAsset;
beforeAll(async () => {
  mock = await startMockServer('tenovos', { assets: 60, seed: 11, tenovosPartSize: PART, processing: { delayMs: 0 } });
  client = createTenovosClient({ apiKey: mock.apiKey, username: mock.username, password: mock.password, baseUrl: mock.url, fetch: recordingFetch });
  sample = (mock.assets as TenovosAsset[]).find((a) => a.fileState === 'available' && a.metadataState === 'available')!;
});
afterAll(() => mock.close());

async function put(url: string, bytes: Buffer): Promise<string> {
  const res = await fetch(url, { method: 'PUT', body: new Uint8Array(bytes) });
  expect(res.status).toBe(200);
  return res.headers.get('etag')!;
}

const templates = () => ({ metadataTemplateId: sample.metadataTemplateId, securityTemplateIds: sample.securityTemplateIds });

describe('Tenovos surface through the generated client', () => {
  it('searchAssets pages with from/limit; scanAssets walks with a cursor', async () => {
    const first = await client.POST('/search/keyword', { body: { from: 0, limit: 20, searchTerm: ['*'], sortBy: [{ metadataDefinitionSearchField: 'createdEpoch', order: 'desc' }] } });
    expect(first.data!.hitCount).toBe(20);
    const epochs = first.data!.result.map((r) => r.createdEpoch!);
    expect(epochs).toEqual([...epochs].sort((a, b) => b - a));
    const ids: string[] = [];
    let cursor: string | undefined;
    do {
      const { data } = await client.POST('/asset/scan', { body: { limit: 25, includeDeleted: true, ...(cursor ? { cursor } : {}) } });
      ids.push(...data!.result.map((r) => r.objectId!));
      cursor = data!.cursor;
    } while (cursor);
    expect(new Set(ids).size).toBe(60);
  });

  it('createAsset + one PUT: the new asset is returned by get, search and scan', async () => {
    const { data } = await client.POST('/asset', { body: { ...templates(), filename: 'surface-single.png', metadata: null } });
    if (!data || !('url' in data)) throw new Error('expected a single upload URL');
    await put(data.url, randomBytes(321));
    const got = await client.GET('/assets/asset/{id}', { params: { path: { id: data.objectId } } });
    expect(got.data!.data.fileSizeInBytes).toBe(321);
    const found = await client.POST('/search/keyword', { body: { searchTerm: ['surface-single.png'], keywordSearchField: 'filename' } });
    expect(found.data!.result.map((r) => r.objectId)).toEqual([data.objectId]);
    const scanned = await client.POST('/asset/scan', { body: { limit: 1000, searchTerm: ['surface-single'], keywordSearchField: 'filename' } });
    expect(scanned.data!.result.map((r) => r.objectId)).toEqual([data.objectId]);
  });

  it('createAsset with filesize: part URLs, then completeUpload with the ETags (a wrong one is refused)', async () => {
    const bytes = randomBytes(PART + 10);
    const { data } = await client.POST('/asset', { body: { ...templates(), filename: 'surface-parts.mp4', metadata: [], filesize: bytes.length } });
    if (!data || !('urls' in data)) throw new Error('expected part URLs');
    expect(data.urls).toHaveLength(2);
    const parts = [];
    for (const u of data.urls) parts.push({ partNumber: u.partNumber, etag: await put(u.url, bytes.subarray((u.partNumber - 1) * PART, u.partNumber * PART)) });
    const body = { fileId: data.fileId, uploadId: data.uploadId, filename: 'surface-parts.mp4', filesize: bytes.length, action: 'complete' as const };
    await expect(client.POST('/asset/complete', { body: { ...body, parts: [parts[0]!, { partNumber: 2, etag: 'ffff' }] } })).rejects.toMatchObject({ status: 400 });
    const done = await client.POST('/asset/complete', { body: { ...body, parts } });
    expect(done.data).toMatchObject({ status: 'success', action: 'complete' });
    expect((await client.GET('/assets/asset/{id}', { params: { path: { id: data.objectId } } })).data!.data.fileSizeInBytes).toBe(bytes.length);
  });

  it('completeUpload cancel discards the parts', async () => {
    const { data } = await client.POST('/asset', { body: { ...templates(), filename: 'surface-cancel.mov', metadata: [], filesize: 10 } });
    if (!data || !('urls' in data)) throw new Error('expected part URLs');
    const done = await client.POST('/asset/complete', { body: { fileId: data.fileId, uploadId: data.uploadId, action: 'cancel' } });
    expect(done.data!.action).toBe('cancel');
    await expect(client.GET('/asset/{id}/content', { params: { path: { id: data.objectId } } })).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('updateAsset changes metadata by definition id; later reads show it', async () => {
    const { data: page } = await client.POST('/search/keyword', { body: { searchTerm: [sample.assetId], keywordSearchField: 'assetId' } });
    const legacy: SearchAsset = page!.result[0]!;
    const productId = legacy.metadata!.find((m) => m.metadataDefinitionValue === sample.metadata.find((e) => e.name === 'Product')!.value)!.metadataDefinitionId;
    const { data } = await client.PATCH('/asset/{id}', { params: { path: { id: sample.assetId } }, body: { metadata: [{ metadataDefinitionId: productId, metadataDefinitionValue: 'Surface Edit' }] } });
    expect(data!.status).toBe('success');
    const got = await client.GET('/assets/asset/{id}', { params: { path: { id: sample.assetId } } });
    expect(got.data!.data.metadata!.find((e) => e.name === 'Product')!.value).toBe('Surface Edit');
    await expect(client.PATCH('/asset/{id}', { params: { path: { id: '3fa85f64-5717-4562-b3fc-2c963f66afa6' } }, body: {} })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('deleteAsset moves to the recycle bin (search needs includeDeleted) and undelete restores', async () => {
    const id = sample.assetId;
    const count = async (includeDeleted: boolean) => (await client.POST('/search/keyword', { body: { searchTerm: [id], keywordSearchField: 'assetId', includeDeleted } })).data!.hitCount;
    const deleted = await client.POST('/asset/{id}/delete', { params: { path: { id } }, body: { action: 'delete', deleteType: 'full' } });
    expect(JSON.parse(deleted.data!.data!).fileState).toBe('recycle bin');
    expect([await count(false), await count(true)]).toEqual([0, 1]);
    await client.POST('/asset/{id}/delete', { params: { path: { id } }, body: { action: 'undelete', deleteType: 'full' } });
    expect(await count(false)).toBe(1);
    await expect(client.POST('/asset/{id}/delete', { params: { path: { id } }, body: { action: 'undelete', deleteType: 'full' } })).rejects.toBeInstanceOf(PermissionDeniedError);
  });

  it('getAsset sends only declared query flags', async () => {
    const { data } = await client.GET('/assets/asset/{id}', { params: { path: { id: sample.fileId }, query: { empty: false, system: false } } });
    expect(data!.data.metadata!.every((e) => !e.name.startsWith('System '))).toBe(true);
  });

  it('getAssetContent answers a presigned URL', async () => {
    const { data } = await client.GET('/asset/{id}/content', { params: { path: { id: sample.assetId } } });
    expect(data!.presignedURL).toMatch(/^https?:\/\//);
  });

  it('every request and response above matches the spec', () => {
    const templatesByPath = Object.keys(spec.spec.paths as object);
    const violations: string[] = [];
    const seen = new Set<string>();
    for (const x of traffic) {
      const path = x.url.pathname;
      const template = templatesByPath.find((t) => new RegExp(`^${t.replace(/\{[^}]+\}/g, '[^/]+')}$`).test(path) && (spec.spec.paths as any)[t][x.method.toLowerCase()]);
      const where = `${x.method} ${path} -> ${x.status}`;
      if (!template) {
        violations.push(`${where}: no such operation`);
        continue;
      }
      seen.add(`${x.method} ${template}`);
      const declared = ((spec.spec.paths as any)[template][x.method.toLowerCase()].parameters ?? []).filter((p: any) => p.in === 'query').map((p: any) => p.name);
      for (const key of x.url.searchParams.keys()) if (!declared.includes(key)) violations.push(`${where}: undeclared query parameter ${key}`);
      if (x.requestBody !== undefined) violations.push(...spec.validateRequestBody(x.method, template, JSON.parse(x.requestBody)).map((e) => `${where}: ${e}`));
      violations.push(...spec.validateResponse(x.method, template, x.status, JSON.parse(x.responseBody)).map((e) => `${where}: ${e}`));
    }
    expect(violations).toEqual([]);
    const operations = Object.entries(spec.spec.paths as Record<string, object>).flatMap(([t, item]) => Object.keys(item).map((m) => `${m.toUpperCase()} ${t}`));
    expect([...seen].sort()).toEqual(operations.sort());
    expect(operations).toHaveLength(9);
  });
});
