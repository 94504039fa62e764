// Rules without a fixture pair of their own: small edits of one base document.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diffDocs } from './diff-document.mjs';
import { maxLevel } from './classify.mjs';

const base = () => parse(readFileSync(new URL('./fixtures/removed-operation/before.yaml', import.meta.url), 'utf8'));

/** Level and changes of one edit of the base document. */
function edit(fn) {
  const before = base();
  const after = base();
  fn(after);
  const changes = diffDocs(before, after);
  return { level: maxLevel(changes.map((c) => c.level)), changes };
}

const withBody = (d, schema, required = true) => {
  d.paths['/assets'].post = {
    operationId: 'createAsset',
    requestBody: { required, content: { 'application/json': { schema } } },
    responses: { '201': { description: 'Created.' } },
  };
};
const bodySchema = () => ({ type: 'object', required: ['name'], properties: { name: { type: 'string' }, kind: { type: 'string', enum: ['image', 'video'] }, note: { type: 'string' } } });

describe('classification rules', () => {
  it('default server changed → major', () => {
    const r = edit((d) => (d.servers[0].url = 'https://api.example.com/v2'));
    expect(r.level).toBe('major');
    expect(r.changes[0]).toMatchObject({ kind: 'server-changed', path: 'servers[0]' });
  });

  it('API key header renamed → major', () => {
    const r = edit((d) => (d.components.securitySchemes.apiKey.name = 'X-Api-Token'));
    expect(r.changes).toEqual([expect.objectContaining({ kind: 'security-header-changed', level: 'major' })]);
  });

  it('info.version and tags → patch', () => {
    const r = edit((d) => {
      d.info.version = '1.1';
      d.paths['/assets'].get.tags = ['assets'];
    });
    expect(r.level).toBe('patch');
  });

  it('integer → number generates the same type → patch', () => {
    const r = edit((d) => (d.paths['/assets'].get.parameters[0].schema.type = 'number'));
    expect(r.level).toBe('patch');
  });

  it('a request-body property becoming required → major; becoming optional → minor', () => {
    const before = base();
    withBody(before, bodySchema());
    const req = base();
    const s = bodySchema();
    s.required.push('note');
    withBody(req, s);
    expect(diffDocs(before, req)).toContainEqual(expect.objectContaining({ kind: 'property-made-required', level: 'major', path: 'POST /assets › request body › note' }));
    const opt = base();
    const o = bodySchema();
    o.required = [];
    withBody(opt, o);
    expect(maxLevel(diffDocs(before, opt).map((c) => c.level))).toBe('minor');
  });

  it('a required request-body property added → major; enum value removed from the body → major; added → minor', () => {
    const before = base();
    withBody(before, bodySchema());
    const added = base();
    const s = bodySchema();
    s.properties.folder = { type: 'string' };
    s.required.push('folder');
    withBody(added, s);
    expect(diffDocs(before, added)).toContainEqual(expect.objectContaining({ kind: 'required-property-added', level: 'major' }));
    const narrowedEnum = base();
    const n = bodySchema();
    n.properties.kind.enum = ['image'];
    withBody(narrowedEnum, n);
    expect(diffDocs(before, narrowedEnum)).toEqual([expect.objectContaining({ kind: 'enum-value-removed', level: 'major', path: 'POST /assets › request body › kind' })]);
    const widenedEnum = base();
    const w = bodySchema();
    w.properties.kind.enum = ['image', 'video', 'audio'];
    withBody(widenedEnum, w);
    expect(maxLevel(diffDocs(before, widenedEnum).map((c) => c.level))).toBe('minor');
  });

  it('a removed 2xx response → major; a removed error response → minor; a new status → minor', () => {
    expect(edit((d) => delete d.paths['/assets/{id}'].get.responses['200']).level).toBe('major');
    expect(edit((d) => delete d.paths['/assets'].get.responses['401']).level).toBe('minor');
    expect(edit((d) => (d.paths['/assets/{id}'].get.responses['404'] = { description: 'Not found.' })).level).toBe('minor');
  });

  it('response property removed → major; response type widened to nullable → major', () => {
    expect(edit((d) => delete d.components.schemas.Asset.properties.size).level).toBe('major');
    expect(edit((d) => (d.components.schemas.Asset.properties.size.type = ['string', 'null'])).level).toBe('major');
  });

  it('survives recursive schemas', () => {
    const r = edit((d) => {
      d.components.schemas.Asset.properties.children = { type: 'array', items: { $ref: '#/components/schemas/Asset' } };
    });
    expect(r.level).toBe('minor');
    const before = base();
    before.components.schemas.Asset.properties.children = { type: 'array', items: { $ref: '#/components/schemas/Asset' } };
    const after = structuredClone(before);
    after.components.schemas.Asset.properties.size.description = 'Bytes.';
    expect(maxLevel(diffDocs(before, after).map((c) => c.level))).toBe('patch');
  });

  it('an exported component schema removed → major, added → minor', () => {
    expect(edit((d) => (d.components.schemas.Unused = { type: 'string' })).level).toBe('minor');
    const before = base();
    before.components.schemas.Unused = { type: 'string' };
    expect(maxLevel(diffDocs(before, base()).map((c) => c.level))).toBe('major');
  });
});
