// `assetkit upload` in-process against the three mocks (and their object stores) on loopback: lines
// without a terminal, --json / --ndjson, bad flags refused before anything is sent, and Ctrl-C mid-upload
// (a stalled part, then abort) -> state file + the exact resume command, which then finishes the upload.
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer, startObjectStore, type MockServer, type ObjectStore } from '@assetkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { baseUrlArgs, closeMocks, CREDENTIALS, runCli, startMocks, type Mocks } from './test-helpers.js';

const bytesOf = (n: number, seed = 3) => new Uint8Array(n).map((_, i) => (i * seed + (i >> 8)) & 0xff);
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

let mocks: Mocks;
let urls: string[];
let dir: string;
let template: { metadataTemplateId: string; securityTemplateIds: string[] };
const requests = () => mocks.twelvelabs.stats.requests + mocks.rendernet.stats.requests + mocks.tenovos.stats.requests;
beforeAll(async () => {
  mocks = await startMocks({ assets: 5, seed: 4, processing: { delayMs: 0 } });
  urls = baseUrlArgs(mocks);
  dir = await mkdtemp(join(tmpdir(), 'cli-upload-'));
  template = mocks.tenovos.assets[0] as typeof template;
});
afterAll(async () => {
  await closeMocks(mocks);
  await rm(dir, { recursive: true, force: true });
});
const fileOf = async (name: string, n: number, seed?: number) => {
  const path = join(dir, name);
  await writeFile(path, bytesOf(n, seed));
  return path;
};

describe('assetkit upload', () => {
  it('without a terminal: one "done" line per file on stderr, one "uploaded" line per file on stdout; --wait gives ready', async () => {
    const a = await fileOf('a.mp4', 40_000);
    const b = await fileOf('b.mp4', 70_000);
    const { code, stdout, stderr } = await runCli(['upload', a, b, '--provider', 'twelvelabs', '--meta', 'team=docs', '--wait', ...urls]);
    expect(code).toBe(0);
    const out = stdout.trim().split('\n').sort();
    expect(out).toHaveLength(2);
    expect(out[0]).toMatch(new RegExp(`^uploaded ${a} twelvelabs:\\w+ ready$`));
    expect(out[1]).toMatch(new RegExp(`^uploaded ${b} twelvelabs:\\w+ ready$`));
    const lines = stderr.trim().split('\n').sort();
    expect(lines[0]).toMatch(/^done a\.mp4 40\.0 KB in \d+\.\d s( \(.+\/s\))? -> twelvelabs:\w+ \(ready\)$/);
    expect(lines[1]).toMatch(/^done b\.mp4 70\.0 KB in \d+\.\d s( \(.+\/s\))? -> twelvelabs:\w+ \(ready\)$/);
    expect(stderr).not.toMatch(/\x1b|\r/);
    const id = out[0]!.split(' ')[2]!.split(':')[1]!;
    const got = (await (await fetch(`${mocks.twelvelabs.url}/assets/${id}`, { headers: { 'x-api-key': mocks.twelvelabs.apiKey } })).json()) as { user_metadata?: unknown };
    expect(got.user_metadata).toEqual({ team: 'docs' });
  });

  it('--json: the uploaded assets as one array (Tenovos, templates from flags)', async () => {
    const file = await fileOf('photo.jpg', 900);
    const { code, stdout } = await runCli([
      'upload', file, '--provider', 'tenovos', '--json', '--wait', ...urls,
      '--tenovos-template', template.metadataTemplateId, ...template.securityTemplateIds.flatMap((id) => ['--tenovos-security', id]),
    ]);
    expect(code).toBe(0);
    const assets = JSON.parse(stdout) as { provider: string; name: string; state: string; sizeBytes: number }[];
    expect(assets).toEqual([expect.objectContaining({ provider: 'tenovos', name: 'photo.jpg', state: 'ready', sizeBytes: 900 })]);
  });

  it('--ndjson: one asset per line (RenderNet; Tenovos templates from the environment are not needed)', async () => {
    const a = await fileOf('song.mp3', 3000);
    const b = await fileOf('clip.mp4', 3000);
    const { code, stdout } = await runCli(['upload', a, b, '--provider', 'rendernet', '--ndjson', '--width', '640', '--height', '360', ...urls]);
    expect(code).toBe(0);
    const lines = stdout.trim().split('\n').map((l) => JSON.parse(l) as { provider: string; kind: string });
    expect(lines.map((l) => l.kind).sort()).toEqual(['audio', 'video']);
  });

  it('Tenovos templates from TENOVOS_METADATA_TEMPLATE_ID / TENOVOS_SECURITY_TEMPLATE_IDS', async () => {
    const file = await fileOf('env.jpg', 500);
    const { fullEnv } = await import('./test-helpers.js');
    const env = { ...fullEnv(), TENOVOS_METADATA_TEMPLATE_ID: template.metadataTemplateId, TENOVOS_SECURITY_TEMPLATE_IDS: template.securityTemplateIds.join(',') };
    const { code, stdout } = await runCli(['upload', file, '--provider', 'tenovos', ...urls], { env });
    expect(code).toBe(0);
    expect(stdout).toMatch(/^uploaded .*env\.jpg tenovos:\S+ \w+\n$/);
  });

  it.each([
    [['--provider', 'dropbox'], /option '-p, --provider <provider>' argument 'dropbox' is invalid\. Expected one of twelvelabs, rendernet, tenovos\./],
    [['--provider', 'twelvelabs', '--meta', 'novalue'], /option '--meta <key=value>' argument 'novalue' is invalid\. Expected key=value/],
    [['--provider', 'twelvelabs', '--concurrency', '0'], /option '--concurrency <n>' argument '0' is invalid\. Expected a whole number >= 1\./],
    [['--provider', 'twelvelabs', '--width', '10', '--height', '10'], /--width applies to --provider rendernet, not twelvelabs/],
    [['--provider', 'tenovos'], /Tenovos needs a metadata template: pass --tenovos-template <id> or set TENOVOS_METADATA_TEMPLATE_ID/],
    [['--provider', 'rendernet', 'https://cdn.example.com/a.mp3'], /does not import from URLs/],
    [['--provider', 'rendernet', '--meta', 'a=b'], /upload with metadata is not supported by rendernet/],
    [['--provider', 'twelvelabs', '--resume', '/nonexistent/state.json'], /--resume \/nonexistent\/state\.json: cannot read it \(ENOENT\)/],
  ])('bad input %j: exit 2 naming the flag, nothing sent', async (flags, message) => {
    const file = await fileOf('x.mp3', 100);
    const before = requests();
    const { code, stderr } = await runCli(['upload', file, ...flags, ...urls]);
    expect(stderr).toMatch(message);
    expect(code).toBe(2);
    expect(requests()).toBe(before);
  });
});

describe('Ctrl-C mid-upload, then --resume', () => {
  let store: ObjectStore;
  let tl: MockServer;
  beforeAll(async () => {
    // The fourth part PUT stalls (never answered): the upload is mid-way when Ctrl-C comes, whatever the machine's speed.
    store = await startObjectStore({ minPartSize: 1024, faults: { plan: [null, null, null, 'stall'] } });
    tl = await startMockServer('twelvelabs', { apiKey: CREDENTIALS.twelvelabs, assets: 0, processing: { delayMs: 0 }, uploads: { chunkSize: 64 * 1024 }, objectStore: store });
  });
  afterAll(async () => {
    await tl?.close();
    await store?.close();
  });

  it('saves the state, prints the exact resume command, exits 130; the command finishes without re-sending parts', async () => {
    const file = await fileOf('big.mp4', 64 * 1024 * 6 + 9, 5);
    const stateDir = join(dir, 'state');
    const controller = new AbortController();
    const running = runCli(['upload', file, '--provider', 'twelvelabs', '--multipart', '--concurrency', '1', '--state-dir', stateDir, '--wait', '--base-url', `twelvelabs=${tl.url}`], {
      signal: controller.signal,
    });
    await until(() => (store.stats().faults.stall ?? 0) > 0);
    controller.abort('SIGINT');
    const { code, stderr } = await running;
    expect(code).toBe(130);
    expect(stderr).toMatch(/failed big\.mp4 after .*: interrupted/);
    const statePath = join(stateDir, 'big.mp4.twelvelabs.upload.json');
    expect(existsSync(statePath)).toBe(true);
    const command = `assetkit upload ${file} --provider twelvelabs --resume ${statePath} --base-url twelvelabs=${tl.url} --wait --concurrency 1`;
    expect(stderr).toContain(`resume ${file} with:\n  ${command}\n`);
    expect(stderr.trimEnd().endsWith('interrupted')).toBe(true);

    const resumed = await runCli(command.split(' ').slice(1));
    expect(resumed.stderr).toMatch(/^done big\.mp4 .* -> twelvelabs:\w+ \(ready\)$/m);
    expect(resumed.code).toBe(0);
    expect(resumed.stdout).toMatch(new RegExp(`^uploaded ${file} twelvelabs:\\w+ ready\n$`));
    // Parts stored before Ctrl-C were not sent again; the state file (presigned URLs) is gone.
    expect(Object.values(store.stats().partPuts).every((n) => n === 1)).toBe(true);
    expect(Object.keys(store.stats().partPuts)).toHaveLength(7);
    expect(existsSync(statePath)).toBe(false);
  });
});
