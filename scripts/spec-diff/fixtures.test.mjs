// One fixture pair per kind of change: fixtures/<case>/{before,after}.yaml.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { diffSpecSets } from './diff-specs.mjs';

const fixture = (name, side) => readFileSync(new URL(`./fixtures/${name}/${side}.yaml`, import.meta.url), 'utf8');

/** Diffs one fixture pair as the spec of provider "fixture". */
function diffFixture(name) {
  const [result] = diffSpecSets(new Map([['fixture.yaml', fixture(name, 'before')]]), new Map([['fixture.yaml', fixture(name, 'after')]]));
  return result;
}

const cases = [
  // case, level, kind, a path the change must be reported at
  ['removed-operation', 'major', 'operation-removed', 'GET /assets/{id}'],
  ['removed-param', 'major', 'parameter-removed', 'GET /assets › query param page'],
  ['param-became-required', 'major', 'parameter-made-required', 'GET /assets › query param page'],
  ['type-narrowed-response', 'major', 'type-changed', 'GET /assets › response 200 › data[].size'],
  ['enum-value-removed-request', 'major', 'enum-value-removed', 'GET /assets › query param status'],
  ['new-operation', 'minor', 'operation-added', 'GET /collections'],
  ['new-optional-param', 'minor', 'parameter-added', 'GET /assets › query param q'],
  ['new-response-field', 'minor', 'property-added', 'GET /assets › response 200 › data[].rating'],
  ['new-response-enum-value', 'minor', 'enum-value-added', 'GET /assets › response 200 › data[].status'],
  ['description-only', 'patch', 'description-changed', 'components › schemas › Asset › duration'],
  ['example-only', 'patch', 'example-changed', 'GET /assets › response 200'],
  ['response-field-made-optional', 'major', 'property-made-optional', 'GET /assets › response 200 › data[].duration'],
  ['new-required-query-param', 'major', 'required-parameter-added', 'GET /assets › query param index_id'],
];

describe('fixture pairs', () => {
  it.each(cases)('%s → %s', (name, level, kind, path) => {
    const result = diffFixture(name);
    expect(result.status).toBe('changed');
    expect(result.level).toBe(level);
    expect(result.changes).toContainEqual(expect.objectContaining({ kind, path, level }));
    // Nothing in the pair is classified higher than the case says.
    expect(result.changes.every((c) => c.level === level || c.level === 'patch')).toBe(true);
  });

  it('reports a change inside a shared schema at every operation that uses it', () => {
    const paths = diffFixture('new-response-field').changes.map((c) => c.path);
    expect(paths).toEqual(['GET /assets › response 200 › data[].rating', 'GET /assets/{id} › response 200 › rating']);
  });

  it('reports a wording change inside a shared schema once, at the schema', () => {
    const paths = diffFixture('description-only').changes.map((c) => c.path);
    expect(paths).toEqual(['GET /assets', 'components › schemas › Asset › duration']);
  });

  it('finds no change between identical specs', () => {
    const text = fixture('removed-operation', 'before');
    const [result] = diffSpecSets(new Map([['fixture.yaml', text]]), new Map([['fixture.yaml', text]]));
    expect(result).toMatchObject({ status: 'unchanged', level: 'none', changes: [] });
  });

  it('treats a new spec as a feature and a deleted spec as breaking', () => {
    const text = fixture('removed-operation', 'before');
    expect(diffSpecSets(new Map(), new Map([['fixture.yaml', text]]))[0]).toMatchObject({ status: 'added', level: 'minor' });
    expect(diffSpecSets(new Map([['fixture.yaml', text]]), new Map())[0]).toMatchObject({ status: 'removed', level: 'major' });
  });
});
