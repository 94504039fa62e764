// spec:replay on fixtures/history: one small vendor document per kind of change
// seen in TwelveLabs' real history (research/twelvelabs.md §7), in date order.
// The run on the real history reads /work/shared/vendor at run time only.
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { run } from './cli.mjs';
import { replay } from './replay.mjs';

const history = fileURLToPath(new URL('./fixtures/history', import.meta.url));

describe('replay of fixtures/history', async () => {
  const steps = await replay(history);
  const step = (name) => steps.find((s) => s.to.includes(name));

  it.each([
    // file (the kind of change), level, a change it must contain (kind, path)
    ['security-scheme-replaced', 'major', 'security-scheme-removed', 'security scheme BearerAuth'],
    ['description-only', 'patch', 'description-changed', 'GET /assets'],
    ['new-operation', 'minor', 'operation-added', 'GET /assets/{asset_id}/entities'],
    ['new-parameter', 'minor', 'parameter-added', 'GET /assets › query param filename'],
    ['new-field', 'minor', 'property-added', 'GET /assets/{asset_id} › response 200 › hls'],
    ['new-response-enum-value', 'minor', 'enum-value-added', 'GET /assets/{asset_id} › response 200 › method'],
    ['new-error-status', 'minor', 'response-added', 'DELETE /assets/{asset_id} › response 409'],
    ['operation-id-changed', 'major', 'operation-id-changed', 'DELETE /assets/{asset_id}'],
    ['response-field-removed', 'major', 'property-removed', 'GET /assets/{asset_id} › response 200 › size'],
    ['no-content-204-to-200', 'major', 'response-removed', 'DELETE /assets/{asset_id} › response 204'],
    ['request-enum-value', 'minor', 'enum-value-added', 'POST /assets/multipart-uploads › request body › type'],
  ])('%s → %s', (name, level, kind, path) => {
    const s = step(name);
    expect(s.level).toBe(level);
    expect(s.changes).toContainEqual(expect.objectContaining({ kind, path }));
  });

  it('walks every document in file-name (date) order, JSON and YAML alike', () => {
    expect(steps).toHaveLength(12);
    expect(steps[0].from).toBe('2026-01-01_first.json');
    expect(steps.map((s) => s.to)).toEqual([...steps.map((s) => s.to)].sort());
    expect(steps.find((s) => s.to.endsWith('.yaml'))).toBeDefined();
  });

  it('a step that only fixes a defect class ({value: x} enums, nested tags) is no change', () => {
    expect(step('defect-fixed-only')).toMatchObject({ level: 'none', changes: [] });
  });

  it('the cli prints each step and a summary, and --json the steps', async () => {
    const out = [];
    expect(await run([history, '--provider', 'fixture'], { log: (l) => out.push(l) })).toBe(0);
    expect(out[0]).toMatch(/^spec:replay: 12 step\(s\) for @assetkit\/fixture/);
    expect(out[0]).toMatch(/2026-01-11_response-field-removed\.json: major/);
    const json = [];
    await run([history, '--json'], { log: (l) => json.push(l) });
    expect(JSON.parse(json[0])).toMatchObject({ provider: 'history', steps: expect.any(Array) });
  });

  it('names bad input', async () => {
    await expect(replay(join(history, 'nope'))).rejects.toThrow(/cannot read the folder \(ENOENT\)/);
    const one = mkdtempSync(join(tmpdir(), 'spec-replay-'));
    writeFileSync(join(one, '2026-01-01.json'), '{"openapi": "3.1.0"}');
    await expect(replay(one)).rejects.toThrow(/needs at least two OpenAPI documents/);
    writeFileSync(join(one, '2026-01-02.json'), '{"openapi": ');
    await expect(replay(one)).rejects.toThrow(/2026-01-02\.json: not valid JSON/);
  });
});

// The vendor's real published history; absent in a clean clone (CI), present on the project
// machine. Never copied into the repo. ASSETKIT_VENDOR_TWELVELABS points elsewhere.
const vendorDir = process.env.ASSETKIT_VENDOR_TWELVELABS || '/work/shared/vendor/twelvelabs';
const haveVendor = existsSync(vendorDir);
if (!haveVendor) console.log(`spec:replay real-history test skipped: ${vendorDir} is not on this machine`);

describe.skipIf(!haveVendor)('replay of the real TwelveLabs history (/work/shared/vendor/twelvelabs)', () => {
  it('classifies every step; 2026-07-07 is major and 2026-04-16 minor', async () => {
    const steps = await replay(vendorDir);
    expect(steps.length).toBeGreaterThanOrEqual(17);
    for (const s of steps) expect(['none', 'patch', 'minor', 'major']).toContain(s.level);
    const at = (date) => steps.find((s) => s.to.startsWith(date));
    expect(at('2026-07-07').level).toBe('major');
    expect(at('2026-07-07').changes).toContainEqual(expect.objectContaining({ kind: 'property-removed', path: 'POST /assets › response 201 › size' }));
    expect(at('2026-04-16').level).toBe('minor');
    expect(at('2026-07-16').changes).toContainEqual(expect.objectContaining({ kind: 'response-removed', path: 'DELETE /assets/{asset_id} › response 204' }));
  });
});
