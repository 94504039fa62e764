// spec:upstream on a made-up provider: fixtures/ours.yaml (with x-assetkit-correction
// annotations), fixtures/CORRECTIONS.md, and fixtures/upstream.json, a vendor
// document with every defect class the lint rules know plus one difference of each group.
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compareUpstream } from './compare.mjs';
import { parseCorrections, readCorrections } from './corrections.mjs';
import { run } from './cli.mjs';
import { mergeAllOf } from './merge-allof.mjs';
import { normaliseVendor } from './normalise.mjs';

const fx = (name) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const ours = () => parse(readFileSync(fx('ours.yaml'), 'utf8'));
const vendor = () => JSON.parse(readFileSync(fx('upstream.json'), 'utf8'));
const corrections = () => readCorrections(fx('CORRECTIONS.md'));
const compare = (v = vendor(), o = ours()) => compareUpstream({ provider: 'fixture', ours: o, vendor: v, corrections: corrections() });
const lines = (items) => items.map((c) => `${c.level} ${c.kind} ${c.path}${c.corrections ? ` [${c.corrections.join(',')}]` : ''}`);

describe('CORRECTIONS.md ids', () => {
  it('reads rows whose first cell is an id (backticks allowed), skips the rest', () => {
    expect([...corrections().keys()]).toEqual(['FX-C01', 'FX-C02', 'FX-C03', 'FX-C04']);
    expect(corrections().get('FX-C02')).toMatchObject({ section: 'Fixture (`ours.yaml`)', cells: ['Item lacks `size`', '`size` added (integer, bytes)', expect.any(String)] });
  });
  it('refuses an id used twice', () => {
    expect(() => parseCorrections('## A\n| TL-C01 | a | b | c |\n## B\n| TL-C01 | d | e | f |')).toThrow(/TL-C01 appears twice/);
  });
});

describe('normalising the vendor document', () => {
  it('undoes each defect class and keeps only the operations of our paths', () => {
    const v = vendor();
    const n = normaliseVendor(v, ours());
    expect(n.normalised.map((x) => x.rule)).toEqual(['enum-scalar-values', 'no-credential-header-params', 'ignored-header-params', 'tags-are-strings', 'status-ranges', 'servers-required']);
    // their 503 is our 5XX
    expect(Object.keys(n.doc.paths['/items/{item_id}'].get.responses)).toEqual(['200', '5XX']);
    expect(n.doc.components.schemas.ItemKind.enum).toEqual(['image', 'video', 'document']);
    expect(n.doc.paths['/items'].get.parameters.map((p) => p.name)).toEqual(['page', 'filter']);
    expect(n.doc.paths['/items'].get.tags).toEqual(['items']);
    expect(n.doc.servers).toEqual([{ url: 'https://api.example.com/v1' }]);
    expect(n.credentialHeaders).toEqual(['x-api-key']);
    // `/items/{id}` is our `/items/{item_id}`, its path parameter renamed to ours; `/search` is not ours.
    expect(n.matched).toEqual(['GET /items', 'GET /items/{item_id}']);
    expect(n.extra).toEqual(['POST /items']);
    expect(n.doc.paths['/items/{item_id}'].get.parameters).toEqual([expect.objectContaining({ name: 'item_id', in: 'path' })]);
    expect(Object.keys(n.doc.paths)).not.toContain('/search');
    expect(v.components.schemas.ItemKind.enum[0]).toEqual({ value: 'image' }); // the input is left alone
  });
  it('--only-ours drops vendor operations our spec lacks', () => {
    expect(normaliseVendor(vendor(), ours(), { onlyOurs: true }).extra).toEqual([]);
  });
});

describe('the three groups', () => {
  it('(a) what upstream has that we lack, with the level it means for our package', () => {
    const r = compare();
    expect(lines(r.upstreamHas)).toEqual([
      'minor operation-added POST /items',
      'minor parameter-added GET /items › query param filter',
      'minor enum-value-added GET /items › response 200 › data[].kind',
      'minor property-added GET /items › response 200 › data[].rating',
      'minor enum-value-added GET /items/{item_id} › response 200 › kind',
      'minor property-added GET /items/{item_id} › response 200 › rating',
    ]);
    expect(r.level).toBe('minor');
  });

  it('(b) differences on purpose, each with the correction that explains it', () => {
    expect(lines(compare().explained)).toEqual([
      // FX-C01 on the operation itself
      "major operation-id-changed GET /items [FX-C01]",
      // FX-C04 on the enum: we added `audio`
      'minor enum-value-removed GET /items › response 200 › data[].kind [FX-C04]',
      // FX-C02 on Item, an ancestor of `size`: explains it because the row names `size`
      'major property-removed GET /items › response 200 › data[].size [FX-C02]',
      'major operation-id-changed GET /items/{item_id} [FX-C01]',
      'minor enum-value-removed GET /items/{item_id} › response 200 › kind [FX-C04]',
      'major property-removed GET /items/{item_id} › response 200 › size [FX-C02]',
      // FX-C03 on our 404 response, which the vendor lacks
      'minor response-removed GET /items/{item_id} › response 404 [FX-C03]',
    ]);
  });

  it('(c) differences nothing explains, including annotations naming an id CORRECTIONS.md lacks', () => {
    const r = compare();
    expect(lines(r.unexplained)).toEqual([
      'major property-made-optional GET /items › response 200 › data',
      'major type-changed GET /items › response 200 › data[].label',
      'major type-changed GET /items/{item_id} › response 200 › label',
    ]);
    expect(r.unexplained[1].unknownCorrections).toEqual(['FX-C09']);
  });

  it('an annotation on an ancestor does not hide what upstream adds there unless its row names it', () => {
    // FX-C02 sits on Item, yet `rating` (new upstream) stays in (a); FX-C04 sits on Kind, yet `document` stays in (a).
    const r = compare();
    expect(r.upstreamHas.map((c) => c.path)).toContain('GET /items › response 200 › data[].rating');
    const rows = corrections();
    rows.get('FX-C02').cells[0] = 'Item lacks `size`, `rating`';
    const r2 = compareUpstream({ provider: 'fixture', ours: ours(), vendor: vendor(), corrections: rows });
    expect(r2.explained.map((c) => c.path)).toContain('GET /items › response 200 › data[].rating');
  });

  it('an x-assetkit-correction whose row is gone explains nothing', () => {
    const rows = corrections();
    rows.delete('FX-C03');
    const r = compareUpstream({ provider: 'fixture', ours: ours(), vendor: vendor(), corrections: rows });
    expect(r.unexplained).toContainEqual(expect.objectContaining({ kind: 'response-removed', path: 'GET /items/{item_id} › response 404', unknownCorrections: ['FX-C03'] }));
  });

  it('a credential header the vendor declares and we do not send is reported', () => {
    const o = ours();
    o.components.securitySchemes.apiKey.name = 'Authorization';
    expect(compare(vendor(), o).upstreamHas).toContainEqual(expect.objectContaining({ kind: 'credential-header-added', path: 'security › header x-api-key', level: 'major' }));
  });

  it('wording differences are counted, listed only with all', () => {
    const r = compare();
    expect(r.wording).toBeGreaterThan(0);
    const all = compareUpstream({ provider: 'fixture', ours: ours(), vendor: vendor(), corrections: corrections(), all: true });
    expect(all.unexplained.some((c) => c.level === 'patch')).toBe(true);
  });
});

describe('matching rules', () => {
  const doc = (paths, schemas = {}) => ({ openapi: '3.1.0', info: { title: 'x', version: '1' }, servers: [{ url: 'https://api.example.com/v1' }], paths, components: { schemas } });
  const post = (body, extra = {}) => ({ post: { operationId: 'createItem', ...extra, requestBody: body, responses: { 201: { description: 'Created.' } } } });
  const json = (schema) => ({ 'application/json': { schema } });
  const run = (o, v) => compareUpstream({ provider: 'fixture', ours: o, vendor: v, corrections: corrections() });

  it('a change with no nameable subject is explained only by an id on its own node', () => {
    // The vendor's body is optional, ours required. FX-C01 (operation ids) sits on the operation: it names nothing
    // about the body, so it must not explain it; the same id on the request body itself does.
    const schema = { type: 'object', properties: { name: { type: 'string' } } };
    const vendorDoc = doc({ '/items': post({ content: json(schema) }) });
    const onOperation = doc({ '/items': post({ required: true, content: json(schema) }, { 'x-assetkit-correction': 'FX-C01' }) });
    expect(lines(run(onOperation, vendorDoc).unexplained)).toEqual(['minor request-body-made-optional POST /items › request body']);
    const onBody = doc({ '/items': post({ required: true, 'x-assetkit-correction': 'FX-C01', content: json(schema) }) });
    expect(lines(run(onBody, vendorDoc).explained)).toEqual(['minor request-body-made-optional POST /items › request body [FX-C01]']);
  });

  it('an allOf of plain objects is compared with a flat object property by property', () => {
    // Ours: allOf [Base, {from}] with FX-C02 (which names `size`) on Base; the vendor: one flat object with `extra`, without `size`.
    const ours = doc(
      { '/items': post({ required: true, content: json({ allOf: [{ $ref: '#/components/schemas/Base' }, { type: 'object', properties: { from: { type: 'integer' } } }] }) }) },
      { Base: { type: 'object', 'x-assetkit-correction': 'FX-C02', required: ['q'], properties: { q: { type: 'string' }, size: { type: 'integer' } } } },
    );
    const vendorDoc = doc({ '/items': post({ required: true, content: json({ type: 'object', required: ['q'], properties: { q: { type: 'string' }, from: { type: 'integer' }, extra: { type: 'string' } } }) }) });
    const r = run(ours, vendorDoc);
    expect(lines(r.upstreamHas)).toEqual(['minor property-added POST /items › request body › extra']);
    expect(lines(r.explained)).toEqual(['major property-removed POST /items › request body › size [FX-C02]']);
    expect(r.unexplained).toEqual([]);
    expect(r.normalised).toContainEqual(expect.objectContaining({ rule: 'allof-merged', count: 1 }));
    expect(ours.paths['/items'].post.requestBody.content['application/json'].schema.allOf).toHaveLength(2); // our spec is left alone
  });

  it('keeps an allOf that is not a plain merge (a property twice, a composition inside)', () => {
    const twice = { allOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { properties: { a: { minLength: 1 } } }] };
    const nested = { allOf: [{ type: 'object', properties: { a: { type: 'string' } } }, { oneOf: [{ type: 'object' }] }] };
    const d = { components: { schemas: { twice, nested } } };
    expect(mergeAllOf(d)).toBe(0);
    expect(d.components.schemas.twice.allOf).toHaveLength(2);
    expect(d.components.schemas.nested.allOf).toHaveLength(2);
  });
});

describe('cli', () => {
  const args = ['--spec', fx('ours.yaml'), '--corrections', fx('CORRECTIONS.md')];
  it('exits 1 while (c) is not empty and prints the groups', async () => {
    const out = [];
    expect(await run('/nonexistent', ['fixture', fx('upstream.json'), ...args], { log: (l) => out.push(l) })).toBe(1);
    expect(out.join('\n')).toMatch(/\(a\) Upstream has, we lack: 6 — adopting all is a minor for @assetkit\/fixture/);
    expect(out.join('\n')).toMatch(/FX-C02: `size` added/);
    expect(out.join('\n')).toMatch(/\(c\) Unexplained differences: 3/);
  });
  it('exits 0 when nothing is unexplained (our spec against itself), and --json gives the groups', async () => {
    const out = [];
    expect(await run('/nonexistent', ['fixture', fx('ours.yaml'), ...args, '--json'], { log: (l) => out.push(l) })).toBe(0);
    expect(JSON.parse(out[0])).toMatchObject({ provider: 'fixture', upstreamHas: [], explained: [], unexplained: [] });
  });
  it('names bad input', async () => {
    await expect(run('/x', ['fixture'])).rejects.toThrow(/expected <provider> <vendor-document>/);
    const notOpenApi = join(mkdtempSync(join(tmpdir(), 'spec-upstream-')), 'swagger.json');
    writeFileSync(notOpenApi, JSON.stringify({ swagger: '2.0', paths: {} }));
    await expect(run('/x', ['fixture', notOpenApi, ...args])).rejects.toThrow(/not an OpenAPI 3.0\/3.1 document \(openapi: "2.0"\)/);
    await expect(run('/x', ['Fixture!', fx('upstream.json')])).rejects.toThrow(/not a provider id/);
    await expect(run('/x', ['fixture', fx('missing.json'), ...args])).rejects.toThrow(/missing.json: cannot read \(ENOENT\)/);
  });
});
