// The real specs: an optional response field added to TwelveLabs' AssetDetail schema (what list and retrieve return)
// gives exactly a minor bump of @assetkit/twelvelabs and a patch of @assetkit/unified.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { parseChangeset, planBumps, readWorkspace, renderChangeset } from './changeset.mjs';
import { diffSpecSets } from './diff-specs.mjs';
import { readSpecsFromDir } from './load-spec.mjs';

const root = fileURLToPath(new URL('../..', import.meta.url));

function editedSpecs() {
  const before = readSpecsFromDir(join(root, 'specs'));
  const doc = parse(before.get('twelvelabs.yaml'));
  doc.components.schemas.AssetDetail.properties.rating = { type: 'number', minimum: 0, maximum: 5, description: 'Average viewer rating.' };
  const after = new Map(before);
  after.set('twelvelabs.yaml', stringify(doc));
  return { before, after };
}

describe('real edit of specs/twelvelabs.yaml', () => {
  it('classifies an optional AssetDetail field as minor, reported where AssetDetail is returned', () => {
    const { before, after } = editedSpecs();
    const results = diffSpecSets(before, after);
    expect(results.map((r) => [r.provider, r.level])).toEqual([
      ['rendernet', 'none'],
      ['tenovos', 'none'],
      ['twelvelabs', 'minor'],
    ]);
    const twelvelabs = results.find((r) => r.provider === 'twelvelabs');
    expect(twelvelabs.changes.map((c) => `${c.level} ${c.kind} ${c.path}`)).toEqual([
      'minor property-added GET /assets › response 200 › data[].rating',
      'minor property-added GET /assets/{asset_id} › response 200 › rating',
    ]);
  });

  it('gives a changeset for exactly @assetkit/twelvelabs (minor) and @assetkit/unified (patch)', () => {
    const { before, after } = editedSpecs();
    const results = diffSpecSets(before, after);
    const workspace = readWorkspace(root);
    expect(Object.fromEntries(planBumps(results, workspace))).toEqual({ '@assetkit/twelvelabs': 'minor', '@assetkit/unified': 'patch' });
    const cs = renderChangeset(results, workspace);
    expect(Object.fromEntries(parseChangeset(cs.content))).toEqual({ '@assetkit/twelvelabs': 'minor', '@assetkit/unified': 'patch' });
    expect(cs.content).toContain('data[].rating');
    expect(cs.fileName).toMatch(/^spec-twelvelabs-[0-9a-f]{8}\.md$/);
    // Same change, same file.
    expect(renderChangeset(diffSpecSets(before, after), workspace).fileName).toBe(cs.fileName);
  });

  it('gives no changeset when nothing changed', () => {
    const { before } = editedSpecs();
    expect(renderChangeset(diffSpecSets(before, before), readWorkspace(root))).toBeNull();
  });
});
