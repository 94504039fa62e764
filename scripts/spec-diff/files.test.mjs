// `spec:diff <before> <after>`: any two OpenAPI files, JSON or YAML, 3.0 or 3.1.
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { diffFiles, run } from './cli.mjs';
import { diffDocs } from './diff-document.mjs';
import { maxLevel } from './classify.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name, side) => fileURLToPath(new URL(`./fixtures/${name}/${side}.yaml`, import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'spec-diff-files-'));
/** Writes a fixture document as JSON. */
function asJson(name, side) {
  const doc = parse(readFileSync(fixture(name, side), 'utf8'));
  const file = join(dir, `${name}-${side}.json`);
  writeFileSync(file, JSON.stringify(doc));
  return file;
}

describe('diff of two files', () => {
  it('gives the same result as the git-based diff for a fixture pair, YAML or JSON', async () => {
    const yaml = await diffFiles(fixture('new-response-field', 'before'), fixture('new-response-field', 'after'), { provider: 'fixture' });
    expect(yaml).toMatchObject({ provider: 'fixture', status: 'changed', level: 'minor' });
    const json = await diffFiles(asJson('new-response-field', 'before'), asJson('new-response-field', 'after'), { provider: 'fixture' });
    expect(json.changes).toEqual(yaml.changes);
    // one side JSON, the other YAML
    expect((await diffFiles(asJson('removed-operation', 'before'), fixture('removed-operation', 'after'))).level).toBe('major');
  });

  it('reads 3.0 documents: nullable: true widens a response type as type: [x, null] does', async () => {
    const before = join(dir, 'n-before.json');
    const after = join(dir, 'n-after.json');
    const doc = parse(readFileSync(fixture('removed-operation', 'before'), 'utf8'));
    doc.openapi = '3.0.3';
    writeFileSync(before, JSON.stringify(doc));
    doc.components.schemas.Asset.properties.size.nullable = true;
    writeFileSync(after, JSON.stringify(doc));
    const r = await diffFiles(before, after, { provider: 'fixture' });
    expect(r.level).toBe('major');
    expect(r.changes).toContainEqual(expect.objectContaining({ kind: 'type-widened' }));
  });

  it('the provider defaults to info.x-assetkit.provider, then the file name', async () => {
    const f = asJson('new-operation', 'after');
    expect(await diffFiles(f, f)).toMatchObject({ provider: 'fixture', status: 'unchanged', level: 'none', changes: [] });
    const doc = JSON.parse(readFileSync(f, 'utf8'));
    delete doc.info['x-assetkit'];
    const bare = join(dir, '2026-07-30_cd8a38c.json');
    writeFileSync(bare, JSON.stringify(doc));
    expect((await diffFiles(bare, bare)).provider).toBe('2026-07-30_cd8a38c');
  });

  it('bundles a document split over several files ($ref to another file)', async () => {
    for (const side of ['before', 'after']) {
      const sub = join(dir, `split-${side}`);
      mkdirSync(join(sub, 'schemas'), { recursive: true });
      writeFileSync(join(sub, 'openapi.yaml'), [
        'openapi: 3.1.0', 'info: { title: Split, version: "1" }', 'paths:', '  /items:', '    get:', '      operationId: list',
        '      responses:', "        '200':", '          description: OK', '          content:', '            application/json:',
        '              schema: { $ref: schemas/item.yaml }', '',
      ].join('\n'));
      const props = side === 'after' ? '{ id: { type: string }, rating: { type: number } }' : '{ id: { type: string } }';
      writeFileSync(join(sub, 'schemas', 'item.yaml'), `type: object\nproperties: ${props}\n`);
    }
    const r = await diffFiles(join(dir, 'split-before', 'openapi.yaml'), join(dir, 'split-after', 'openapi.yaml'), { provider: 'split' });
    expect(r.changes.filter((c) => c.level !== 'patch')).toEqual([expect.objectContaining({ kind: 'property-added', path: 'GET /items › response 200 › rating' })]);
  });

  it('cli: report, --json, and argument errors', async () => {
    const out = [];
    expect(await run(root, ['diff', fixture('new-operation', 'before'), fixture('new-operation', 'after'), '--provider', 'twelvelabs'], { log: (l) => out.push(l) })).toBe(0);
    expect(out[0]).toMatch(/twelvelabs \(@assetkit\/twelvelabs\): changed, feature → minor/);
    expect(out[0]).toMatch(/@assetkit\/unified: patch/);
    const json = [];
    await run(root, ['diff', fixture('new-operation', 'before'), fixture('new-operation', 'after'), '--json'], { log: (l) => json.push(l) });
    expect(JSON.parse(json[0]).results[0]).toMatchObject({ level: 'minor', changes: [expect.objectContaining({ kind: 'operation-added' })] });
    expect(() => run(root, ['diff', fixture('new-operation', 'before')])).toThrow(/diff takes two files/);
    expect(() => run(root, ['diff', 'a.yaml', 'b.yaml', '--base', 'HEAD'])).toThrow(/either --base or two files/);
    await expect(run(root, ['diff', join(dir, 'missing.json'), fixture('new-operation', 'after')])).rejects.toThrow(/missing\.json: cannot read \(ENOENT\)/);
  });
});

describe('x-assetkit-correction and other x- extensions', () => {
  const base = () => parse(readFileSync(fixture('removed-operation', 'before'), 'utf8'));
  const level = (edit) => {
    const after = base();
    edit(after);
    const changes = diffDocs(base(), after);
    return { level: maxLevel(changes.map((c) => c.level)), kinds: changes.map((c) => c.kind) };
  };
  it.each([
    ['on an operation', (d) => (d.paths['/assets'].get['x-assetkit-correction'] = 'TL-C16')],
    ['on a parameter', (d) => (d.paths['/assets'].get.parameters[0]['x-assetkit-correction'] = ['TL-C08', 'TL-C09'])],
    ['on a response', (d) => (d.paths['/assets'].get.responses['200']['x-assetkit-correction'] = 'TL-C10')],
    ['on a schema and a property', (d) => {
      d.components.schemas.Asset['x-assetkit-correction'] = 'TL-C06';
      d.components.schemas.Asset.properties.size['x-assetkit-correction'] = 'TL-C07';
    }],
    ['on a security scheme and the document', (d) => {
      d.components.securitySchemes.apiKey['x-assetkit-correction'] = 'TL-C02';
      d['x-assetkit-correction'] = 'TL-C14';
    }],
    ['a new vendor x- extension on an operation', (d) => (d.paths['/assets'].get['x-fern-sdk-method-name'] = 'list')],
  ])('%s is a patch', (_name, edit) => {
    const r = level(edit);
    expect(r.level).toBe('patch');
    expect(r.kinds.every((k) => k === 'extension-changed')).toBe(true);
  });

  it('x-assetkit extensions the generator reads still count (x-assetkit-session on an operation → minor)', () => {
    expect(level((d) => (d.paths['/assets'].get['x-assetkit-session'] = { login: true })).level).toBe('minor');
  });
});
