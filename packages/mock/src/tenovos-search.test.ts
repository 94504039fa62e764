import { afterEach, describe, expect, it } from 'vitest';
import type { TenovosAsset } from './data/tenovos-assets.js';
import { definitionIdOf } from './data/tenovos-metadata.js';
import { createTenovosMock } from './providers/tenovos.js';
import { startTenovos, type Caller } from './test-tenovos-caller.js';

let caller: Caller | undefined;
afterEach(async () => {
  await caller?.mock.close();
  caller = undefined;
});
const start = async (...args: Parameters<typeof startTenovos>) => (caller = await startTenovos(...args));
const live = (assets: readonly unknown[]) => (assets as TenovosAsset[]).filter((a) => a.fileState === 'available' && a.metadataState === 'available');

describe('Tenovos mock: keyword search', () => {
  it('pages with from/limit over live assets in the older asset format; hitCount is the page length', async () => {
    const c = await start({ assets: 120 });
    const expected = live(c.mock.assets).map((a) => a.assetId);
    const seen: string[] = [];
    for (let from = 0; ; from += 50) {
      const page = await c.search({ from, limit: 50, searchTerm: ['*'] });
      expect(page.hitCount).toBe(page.result.length);
      seen.push(...page.result.map((r) => r.objectId));
      if (page.hitCount < 50) break;
    }
    expect(seen.sort()).toEqual([...expected].sort());
    const first = (await c.search({ limit: 1 })).result[0];
    const source = (c.mock.assets as TenovosAsset[]).find((a) => a.assetId === first.objectId)!;
    expect(first).toMatchObject({ objectType: 'Asset', fileId: source.fileId, currentVersion: 'Y', createdEpoch: Date.parse(source.createdDate) });
    expect(first.metadata).toContainEqual({ metadataDefinitionId: definitionIdOf('Product'), metadataDefinitionValue: source.metadata.find((e) => e.name === 'Product')!.value });
    expect(first.metadataDenormalized.Product).toBe(source.metadata.find((e) => e.name === 'Product')!.value);
  });

  it('includeDeleted adds the recycle bin', async () => {
    const c = await start({ assets: 120 });
    const all = (await c.search({ limit: 100, includeDeleted: true })).result.length + (await c.search({ from: 100, limit: 100, includeDeleted: true })).result.length;
    expect(all).toBe(120);
    expect((await c.search({ limit: 100 })).result.every((r) => r.fileState === 'available')).toBe(true);
  });

  it('matches terms (AND / OR, by field, facets), filters, sorts and drops excluded fields', async () => {
    const c = await start({ assets: 80 });
    const assets = live(c.mock.assets);
    const target = assets[7]!;
    const byName = await c.search({ searchTerm: [target.filename.toUpperCase()], keywordSearchField: 'filename' });
    expect(byName.result.map((r) => r.objectId)).toEqual([target.assetId]);
    expect((await c.search({ searchTerm: [target.assetId], keywordSearchField: 'content' })).hitCount).toBe(0);
    const product = target.metadata.find((e) => e.name === 'Product')!.value as string;
    const facet = await c.search({ searchTerm: [`Product: ${product}`], limit: 100 });
    expect(facet.hitCount).toBe(assets.filter((a) => a.metadata.some((e) => e.name === 'Product' && e.value === product)).length);
    const filtered = await c.search({ filters: [`("Product":"${product}")`], limit: 100 });
    expect(filtered.result.map((r) => r.objectId).sort()).toEqual(facet.result.map((r) => r.objectId).sort());
    const and = await c.search({ searchTerm: [target.filename, assets[8]!.filename], keywordSearchField: 'filename' });
    const or = await c.search({ searchTerm: [target.filename, assets[8]!.filename], keywordSearchField: 'filename', operation: 'OR' });
    expect([and.hitCount, or.hitCount]).toEqual([0, 2]);
    const desc = await c.search({ sortBy: [{ metadataDefinitionSearchField: 'createdEpoch', order: 'desc' }], limit: 100 });
    const epochs = desc.result.map((r) => r.createdEpoch);
    expect(epochs).toEqual([...epochs].sort((a, b) => b - a));
    const slim = await c.search({ limit: 3, excludes: ['metadata', 'technicalMetadata.tenovos_metadata'] });
    expect(slim.result.every((r) => !('metadata' in r) && r.objectId)).toBe(true);
    expect(slim.facets).toEqual([expect.objectContaining({ facet_name: 'Product' })]);
  });

  it('answers 400 "Invalid Search Query" for limits, the 10,000 window, unknown sort keys and malformed bodies', async () => {
    const c = await start();
    const bad = (body: unknown) => c.send('POST', '/search/keyword', '/search/keyword', body, {}, false);
    for (const body of [{ limit: 101 }, { limit: 0 }, { from: 9_990, limit: 20 }, { from: -1 }, { sortBy: [{ metadataDefinitionSearchField: 'colour' }] }, { operation: 'XOR' }, { filters: ['Product=x'] }, { includeDeleted: 'yes' }, '{oops']) {
      expect(await bad(body)).toMatchObject({ status: 400, body: { status: 'error', message: 'Invalid Search Query' } });
    }
    expect((await c.search({ from: 9_950, limit: 50 })).hitCount).toBe(0);
  });

  it('needs the API key and a live session; AccessToken is accepted but not required', async () => {
    const c = await start();
    const { AccessToken, ...withoutAccessToken } = c.headers;
    const search = (headers: Record<string, string>) =>
      fetch(`${c.mock.url}/search/keyword`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: '{}' });
    expect((await search(withoutAccessToken)).status).toBe(200);
    expect((await search(c.headers)).status).toBe(200);
    expect((await search({ ...c.headers, AccessToken: `${AccessToken}x` })).status).toBe(401);
    expect((await search({ 'X-API-Key': c.mock.apiKey })).status).toBe(401);
    expect((await search({ ...c.headers, 'X-API-Key': 'nope' })).status).toBe(403);
  });

  it('answers routes the API does not have with 403 "Missing Authentication Token", before checking credentials', async () => {
    const c = await start();
    for (const [method, path] of [['GET', '/search/keyword'], ['GET', `/asset/${(c.mock.assets[0] as TenovosAsset).assetId}`], ['DELETE', '/asset/x'], ['POST', '/nowhere']] as const) {
      const res = await fetch(c.mock.url + path, { method });
      expect([res.status, await res.json()]).toEqual([403, { message: 'Missing Authentication Token' }]);
    }
  });
});

describe('Tenovos mock: scan', () => {
  it('walks the whole set with a cursor; the last page has no cursor; a bad cursor is a 400', async () => {
    const c = await start({ assets: 130 });
    const ids: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const answer = await c.send('POST', '/asset/scan', '/asset/scan', { limit: 40, includeDeleted: true, ...(cursor ? { cursor } : {}) });
      expect(answer.status).toBe(200);
      expect(answer.body.hitCount).toBe(answer.body.result.length);
      ids.push(...answer.body.result.map((r: { objectId: string }) => r.objectId));
      cursor = answer.body.cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(4);
    expect(new Set(ids).size).toBe(130);
    expect(ids.sort()).toEqual((c.mock.assets as TenovosAsset[]).map((a) => a.assetId).sort());
    for (const bad of ['not-base64!', Buffer.from('[1]').toString('base64')]) {
      expect((await c.send('POST', '/asset/scan', '/asset/scan', { cursor: bad })).status).toBe(400);
    }
    expect((await c.send('POST', '/asset/scan', '/asset/scan', { limit: 5000 }, {}, false)).status).toBe(400);
  });

  it('keeps its place when assets are recycled between pages', async () => {
    const c = await start({ assets: 60 });
    const first = await c.send('POST', '/asset/scan', '/asset/scan', { limit: 10 });
    const before = live(c.mock.assets).map((a) => a.assetId);
    // Recycle an asset already returned and one not yet returned.
    const returned: string[] = first.body.result.map((r: { objectId: string }) => r.objectId);
    const ahead = before.find((id) => !returned.includes(id))!;
    for (const id of [returned[0]!, ahead]) {
      expect((await c.send('POST', '/asset/{id}/delete', `/asset/${id}/delete`, { action: 'delete', deleteType: 'full' })).status).toBe(200);
    }
    const rest: string[] = [];
    let cursor: string | undefined = first.body.cursor;
    while (cursor) {
      const page = await c.send('POST', '/asset/scan', '/asset/scan', { limit: 10, cursor });
      rest.push(...page.body.result.map((r: { objectId: string }) => r.objectId));
      cursor = page.body.cursor;
    }
    expect([...returned, ...rest].sort()).toEqual(before.filter((id) => id !== ahead).sort());
  });
});

describe('Tenovos mock: bounded state', () => {
  it('refuses to create past maxAssets', () => {
    const mock = createTenovosMock({
      apiKey: 'k', assets: 1, seed: 3, username: 'u', password: 'p', tokenTtlMs: 60_000, url: () => 'http://127.0.0.1:1', maxAssets: 2,
      objectStore: () => ({ url: 'http://127.0.0.1:2', presignPut: (key) => `http://127.0.0.1:2/${key}?sig=1`, createMultipartUpload: () => 'u1', presignPart: () => 'http://x/p', completeMultipartUpload: () => ({ size: 1 }), abortMultipartUpload: () => undefined, getObject: () => undefined }),
    });
    const login = mock.handle({ method: 'POST', path: '/auth/token', query: new URLSearchParams(), headers: { 'x-api-key': 'k' }, body: JSON.stringify({ username: 'u', password: 'p' }) });
    const session = (login.body as { session: { authorization: string } }).session;
    const sample = mock.assets[0] as TenovosAsset;
    const create = () =>
      mock.handle({
        method: 'POST', path: '/asset', query: new URLSearchParams(), headers: { 'x-api-key': 'k', authorization: session.authorization },
        body: JSON.stringify({ filename: 'a.jpg', metadataTemplateId: sample.metadataTemplateId, securityTemplateIds: sample.securityTemplateIds, metadata: null }),
      });
    expect(create().status).toBe(200);
    expect(create().status).toBe(503);
    expect(mock.assets).toHaveLength(2);
  });
});
