import { startMockServer } from '@assetkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrlArgs, closeMocks, CREDENTIALS, fullEnv, runCli, startMocks, type Mocks } from './test-helpers.js';

let mocks: Mocks;
let urls: string[];
beforeAll(async () => {
  mocks = await startMocks({ assets: 80, seed: 7 });
  urls = baseUrlArgs(mocks);
});
afterAll(() => closeMocks(mocks));

type TL = { _id: string; status: string; user_metadata?: Record<string, unknown> };
const tl = () => mocks.twelvelabs.assets as TL[];
const rn = () => mocks.rendernet.assets as { id: string; status: string }[];
const tv = () => (mocks.tenovos.assets as { assetId: string; fileState: string; currentVersion: boolean }[]).filter((a) => a.fileState === 'available' && a.currentVersion);
const isIndexed = (a: TL) => a.status === 'ready' && parseInt(a._id.slice(-2), 16) % 8 === 0;
const requests = () => mocks.twelvelabs.stats.requests + mocks.rendernet.stats.requests + mocks.tenovos.stats.requests;

describe('assetkit wait', () => {
  it('ready assets of every provider: one "ready" line each, exit 0', async () => {
    const refs = [`twelvelabs:${tl().find((a) => a.status === 'ready')!._id}`, `rendernet:${rn().find((a) => a.status === 'active')!.id}`, `tenovos:${tv()[0]!.assetId}`];
    const { code, stdout } = await runCli(['wait', ...refs, ...urls]);
    expect(code).toBe(0);
    expect(stdout.split('\n').filter(Boolean).sort()).toEqual(refs.map((r) => `ready ${r}`).sort());
  });

  it('a failed upload exits 1 with the provider reason; an archived asset too', async () => {
    const server = await startMockServer('twelvelabs', { apiKey: CREDENTIALS.twelvelabs, assets: 3, processing: { delayMs: 40, failRate: 1 } });
    try {
      const form = new FormData();
      form.set('method', 'url');
      form.set('url', 'https://cdn.example.com/broken.mp4');
      const made = (await (await fetch(`${server.url}/assets`, { method: 'POST', headers: { 'x-api-key': server.apiKey }, body: form })).json()) as { _id: string };
      const { code, stderr } = await runCli(['wait', `twelvelabs:${made._id}`, '--interval', '10', '--base-url', `twelvelabs=${server.url}`]);
      expect(code).toBe(1);
      expect(stderr).toMatch(new RegExp(`^error: twelvelabs asset_failed: asset twelvelabs:${made._id} is failed: (The file is corrupted|The video failed)`));
    } finally {
      await server.close();
    }
    const archived = rn().find((a) => a.status === 'archive')!;
    const { code, stderr } = await runCli(['wait', `rendernet:${archived.id}`, ...urls]);
    expect(code).toBe(1);
    expect(stderr).toContain('is archived');
  });
});

describe('assetkit rm', () => {
  it('--yes deletes on each provider as it does it, and says what happened', async () => {
    const t = tl().find((a) => a.status === 'ready' && !isIndexed(a))!;
    const r = rn().find((a) => a.status === 'active')!;
    const v = tv()[1]!;
    const { code, stdout } = await runCli(['rm', '--yes', `twelvelabs:${t._id}`, `rendernet:${r.id}`, `tenovos:${v.assetId}`, ...urls]);
    expect(code).toBe(0);
    expect(stdout).toBe(`deleted twelvelabs:${t._id}\narchived rendernet:${r.id}\nmoved to the recycle bin tenovos:${v.assetId}\n`);
    expect((await runCli(['get', `twelvelabs:${t._id}`, ...urls])).code).toBe(1);
    expect((await runCli(['get', '--json', `rendernet:${r.id}`, ...urls])).stdout).toContain('"state": "archived"');
    expect((await runCli(['get', '--json', `tenovos:${v.assetId}`, ...urls])).stdout).toContain('"state": "deleted"');
  });

  it('an indexed TwelveLabs asset needs --force, and the error says so', async () => {
    const indexed = tl().filter(isIndexed).at(-1)!;
    const refused = await runCli(['rm', '--yes', `twelvelabs:${indexed._id}`, ...urls]);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: twelvelabs 409 \S+: asset \S+ is referenced by indexed assets; delete with force \(CLI: --force\)/);
    const forced = await runCli(['rm', '--yes', '--force', `twelvelabs:${indexed._id}`, ...urls]);
    expect(forced).toMatchObject({ code: 0, stdout: `deleted twelvelabs:${indexed._id}\n` });
  });

  it('one missing asset among several: the others are deleted, the missing one named, exit 1', async () => {
    const r = rn().filter((a) => a.status === 'active').at(-1)!;
    const { code, stdout, stderr } = await runCli(['rm', '--yes', 'tenovos:no-such-asset', `rendernet:${r.id}`, ...urls]);
    expect(code).toBe(1);
    expect(stdout).toBe(`archived rendernet:${r.id}\n`);
    expect(stderr).toBe('error: tenovos:no-such-asset: tenovos 403: Asset not found\n');
  });

  it('on a terminal it asks first: "n" deletes nothing, "y" deletes', async () => {
    const t = tl().filter((a) => a.status === 'ready' && !isIndexed(a)).at(-2)!;
    const questions: string[] = [];
    const before = requests();
    const no = await runCli(['rm', `twelvelabs:${t._id}`, ...urls], { isTTY: true, prompt: async (q) => (questions.push(q), 'n') });
    expect(no).toMatchObject({ code: 1, stdout: '', stderr: 'nothing deleted\n' });
    expect(requests()).toBe(before);
    expect(questions[0]).toBe(`  twelvelabs:${t._id}: delete for good\nProceed? [y/N] `);
    const yes = await runCli(['rm', `twelvelabs:${t._id}`, ...urls], { isTTY: true, prompt: async () => 'y' });
    expect(yes).toMatchObject({ code: 0, stdout: `deleted twelvelabs:${t._id}\n` });
  });
});

describe('assetkit meta', () => {
  it('set and unset on TwelveLabs: k=v text, k:=json values, others kept', async () => {
    const t = tl().filter((a) => a.status === 'ready' && !isIndexed(a)).at(-3)!;
    const set = await runCli(['meta', 'set', `twelvelabs:${t._id}`, 'campaign=spring sale', 'priority:=3', 'approved:=true', '--json', ...urls]);
    expect(set.code).toBe(0);
    expect(JSON.parse(set.stdout).metadata).toMatchObject({ campaign: 'spring sale', priority: 3, approved: true });
    const unset = await runCli(['meta', 'unset', `twelvelabs:${t._id}`, 'priority', ...urls]);
    expect(unset.code).toBe(0);
    expect(unset.stdout).toContain('campaign: spring sale\n');
    expect(unset.stdout).not.toContain('priority');
  });

  it('Tenovos: keys are metadata definition ids', async () => {
    const listed = (await runCli(['list', '--ndjson', '--provider', 'tenovos', '--limit', '30', ...urls])).stdout.trim().split('\n').map((l) => JSON.parse(l));
    const sample = listed.find((a) => Object.keys(a.metadata).includes('Product'))!;
    const productId = sample.raw.metadata[Object.keys(sample.raw.metadataDenormalized).indexOf('Product')].metadataDefinitionId as string;
    const set = await runCli(['meta', 'set', sample.ref, `${productId}=Nucleus`, ...urls]);
    expect(set.code).toBe(0);
    expect(set.stdout).toContain('Product: Nucleus\n');
    const unset = await runCli(['meta', 'unset', sample.ref, productId, ...urls]);
    expect(unset.code).toBe(0);
    expect(unset.stdout).not.toContain('Product:');
  });

  it('RenderNet has no metadata: exit 2, the provider named once, nothing sent', async () => {
    const before = requests();
    const { code, stderr } = await runCli(['meta', 'set', `rendernet:${rn()[0]!.id}`, 'a=b', ...urls]);
    expect(code).toBe(2);
    expect(stderr.split('\n')[0]).toBe('error: updateMetadata is not supported by rendernet: its assets have no user metadata');
    expect(requests()).toBe(before);
  });
});

describe('error lines name the provider once', () => {
  it('a connection failure and a half-configured provider', async () => {
    const down = await runCli(['get', 'twelvelabs:abc', '--base-url', 'twelvelabs=http://127.0.0.1:1']);
    expect(down.code).toBe(1);
    expect(down.stderr).toMatch(/^error: twelvelabs connection: GET \S+ could not reach 127\.0\.0\.1:1/);
    expect(down.stderr).not.toMatch(/TwelveLabs/);
    const half = await runCli(['get', 'tenovos:abc', ...urls], { env: { ...fullEnv(), TENOVOS_USERNAME: '' } });
    expect(half.code).toBe(2);
    expect(half.stderr).toMatch(/^error: tenovos: no username given/);
    expect(half.stderr).not.toMatch(/Tenovos/);
  });
});
