// check:changeset in a throwaway git repository: main with one spec, a branch
// that changes it, and changesets of different levels.
import { execFileSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { checkChangeset } from './check.mjs';
import { run } from './cli.mjs';

const repoRoot = new URL('../..', import.meta.url);
let dir;
const git = (...args) =>
  execFileSync('git', ['-c', 'user.name=test', '-c', 'user.email=test@example.com', '-c', 'commit.gpgsign=false', ...args], { cwd: dir, stdio: 'pipe', encoding: 'utf8' });
const writeChangeset = (name, body) => writeFileSync(join(dir, '.changeset', name), body);
const check = (options = {}) => checkChangeset(dir, { env: {}, ...options });

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'assetkit-check-'));
  mkdirSync(join(dir, 'specs'));
  mkdirSync(join(dir, '.changeset'));
  cpSync(new URL('specs/twelvelabs.yaml', repoRoot), join(dir, 'specs', 'twelvelabs.yaml'));
  for (const [name, deps] of [['twelvelabs', {}], ['unified', { '@assetkit/twelvelabs': 'workspace:^' }]]) {
    mkdirSync(join(dir, 'packages', name), { recursive: true });
    writeFileSync(join(dir, 'packages', name, 'package.json'), JSON.stringify({ name: `@assetkit/${name}`, version: '0.1.0', dependencies: deps }));
  }
  writeFileSync(join(dir, '.changeset', 'README.md'), 'Changesets live here.\n');
  git('init', '-q', '-b', 'main');
  git('add', '.');
  git('commit', '-q', '-m', 'initial');
  git('checkout', '-q', '-b', 'feature');
  // The branch adds an optional response field: a minor change.
  const file = join(dir, 'specs', 'twelvelabs.yaml');
  const doc = parse(readFileSync(file, 'utf8'));
  doc.components.schemas.Asset.properties.rating = { type: 'number', description: 'Average viewer rating.' };
  writeFileSync(file, stringify(doc));
  git('commit', '-q', '-am', 'twelvelabs: rating');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

beforeEach(() => {
  for (const f of readdirSync(join(dir, '.changeset'))) if (f !== 'README.md') rmSync(join(dir, '.changeset', f));
});

describe('check:changeset', () => {
  it('fails when a spec changed without a changeset, naming the package and the level', () => {
    const result = check();
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([{ package: '@assetkit/twelvelabs', need: 'minor', have: 'none' }]);
    expect(result.lines.join('\n')).toMatch(/@assetkit\/twelvelabs needs a minor changeset.*no pending changeset/);
  });

  it('passes with a changeset at the needed level or above', () => {
    writeChangeset('rating.md', '---\n"@assetkit/twelvelabs": minor\n---\n\nAsset rating.\n');
    expect(check().ok).toBe(true);
    rmSync(join(dir, '.changeset', 'rating.md'));
    writeChangeset('big.md', "---\n'@assetkit/twelvelabs': major\n'@assetkit/unified': patch\n---\n\nBig.\n");
    expect(check().ok).toBe(true);
  });

  it('fails with a changeset of too low a level', () => {
    writeChangeset('typo.md', '---\n"@assetkit/twelvelabs": patch\n---\n\nTypo.\n');
    const result = check();
    expect(result.ok).toBe(false);
    expect(result.failures).toEqual([{ package: '@assetkit/twelvelabs', need: 'minor', have: 'patch' }]);
    expect(result.lines.join('\n')).toMatch(/needs a minor changeset.*only give patch \(typo\.md\)/);
  });

  it('passes with the changeset spec:changeset writes', () => {
    const logs = [];
    expect(run(dir, ['changeset', '--base', 'main'], { log: (l) => logs.push(l) })).toBe(0);
    const written = readdirSync(join(dir, '.changeset')).filter((f) => f.startsWith('spec-'));
    expect(written).toHaveLength(1);
    expect(readFileSync(join(dir, '.changeset', written[0]), 'utf8')).toMatch(/"@assetkit\/twelvelabs": minor\n"@assetkit\/unified": patch\n---/);
    expect(run(dir, ['check'], { log: () => {}, env: {} })).toBe(0);
  });

  it('counts uncommitted spec edits, and takes the base from SPEC_BASE_REF', () => {
    writeChangeset('rating.md', '---\n"@assetkit/twelvelabs": minor\n---\n\nAsset rating.\n');
    const file = join(dir, 'specs', 'twelvelabs.yaml');
    const original = readFileSync(file, 'utf8');
    try {
      writeFileSync(file, original.replace('url: https://api.twelvelabs.io/v1.3', 'url: https://api.twelvelabs.io/v1.4'));
      expect(check().failures).toEqual([{ package: '@assetkit/twelvelabs', need: 'major', have: 'minor' }]);
      // Against the branch's own commit only the uncommitted edit counts — still major.
      expect(check({ env: { SPEC_BASE_REF: 'HEAD' } }).failures[0].need).toBe('major');
    } finally {
      writeFileSync(file, original);
    }
    expect(check({ env: { SPEC_BASE_REF: 'HEAD' } }).lines).toEqual([expect.stringMatching(/no spec changed/)]);
  });

  it('on main with no base given, passes with a note', () => {
    git('checkout', '-q', 'main');
    try {
      expect(check()).toMatchObject({ ok: true, lines: ['check:changeset: on main: nothing to compare'] });
    } finally {
      git('checkout', '-q', 'feature');
    }
  });
});

describe('spec:changeset', () => {
  it('replaces its own uncommitted changeset from an earlier run, and keeps the name for the same change', () => {
    writeChangeset('spec-twelvelabs-00000000.md', '---\n"@assetkit/twelvelabs": patch\n---\n\nEarlier run.\n');
    run(dir, ['changeset', '--base', 'main'], { log: () => {} });
    const first = readdirSync(join(dir, '.changeset')).filter((f) => f.startsWith('spec-'));
    expect(first).toHaveLength(1);
    expect(first[0]).not.toBe('spec-twelvelabs-00000000.md');
    run(dir, ['changeset', '--base', 'main'], { log: () => {} });
    expect(readdirSync(join(dir, '.changeset')).filter((f) => f.startsWith('spec-'))).toEqual(first);
  });

  it('writes nothing when no spec changed', () => {
    const logs = [];
    run(dir, ['changeset'], { log: (l) => logs.push(l) });
    expect(logs).toEqual(['spec:changeset: no spec changed; no changeset written.']);
    expect(readdirSync(join(dir, '.changeset'))).toEqual(['README.md']);
  });
});
