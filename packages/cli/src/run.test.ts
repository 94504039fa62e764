import { existsSync } from 'node:fs';
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { version } from './run.js';
import { baseUrlArgs, Capture, closeMocks, CREDENTIALS, fullEnv, runCli, startMocks, transcript, type Mocks } from './test-helpers.js';

const ASSETS = 60;
let mocks: Mocks;
let urls: string[];
beforeAll(async () => {
  mocks = await startMocks({ assets: ASSETS, seed: 1 });
  urls = baseUrlArgs(mocks);
});
afterAll(async () => {
  await closeMocks(mocks);
});

const id = (server: { assets: readonly unknown[] }, key: string, i = 0) => String((server.assets[i] as Record<string, unknown>)[key]);
const parseLines = (text: string) => text.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);

describe('get', () => {
  it('prints a key/value view of the asset, without raw', async () => {
    const ref = `twelvelabs:${id(mocks.twelvelabs, '_id')}`;
    const { code, stdout, stderr } = await runCli(['get', ref, ...urls]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).toMatch(new RegExp(`^ref:\\s+${ref}$`, 'm'));
    expect(stdout).toMatch(/^kind:\s+(video|audio|image)$/m);
    expect(stdout).toMatch(/^state:\s+\w+$/m);
    expect(stdout).not.toMatch(/raw/);
  });

  it('--json has the right ref, kind and state for each provider, and includes raw', async () => {
    for (const [provider, key] of [['twelvelabs', '_id'], ['rendernet', 'id'], ['tenovos', 'assetId']] as const) {
      const ref = `${provider}:${id(mocks[provider], key, 2)}`;
      const { code, stdout } = await runCli(['get', ref, '--json', ...urls]);
      expect(code).toBe(0);
      const asset = JSON.parse(stdout) as Record<string, unknown>;
      expect(asset.ref).toBe(ref);
      expect(asset.provider).toBe(provider);
      expect(['image', 'video', 'audio', 'document', 'other']).toContain(asset.kind);
      expect(['ready', 'processing', 'failed', 'archived', 'deleted', 'blocked', 'unknown']).toContain(asset.state);
      expect(asset.raw).toBeTypeOf('object');
      if (asset.createdAt !== undefined) expect(asset.createdAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
    }
  });

  it('a missing asset exits 1 and names provider, status and code', async () => {
    const tl = await runCli(['get', 'twelvelabs:000000000000000000000000', ...urls]);
    expect(tl.code).toBe(1);
    expect(tl.stdout).toBe('');
    expect(tl.stderr).toMatch(/^error: twelvelabs 404 \S+: .+\n$/);
    expect(tl.stderr).not.toMatch(/\n\s+at /); // no stack trace
    const tv = await runCli(['get', 'tenovos:missing', ...urls]);
    expect(tv.code).toBe(1);
    expect(tv.stderr).toMatch(/^error: tenovos 403/);
  });

  it('a rejected credential exits 1 without echoing it', async () => {
    const env = { ...fullEnv(), TWELVELABS_API_KEY: 'tl-WRONG-key-0000' };
    const { code, stderr } = await runCli(['get', `twelvelabs:${id(mocks.twelvelabs, '_id')}`, ...urls], { env });
    expect(code).toBe(1);
    expect(stderr).toMatch(/^error: twelvelabs 401/);
    expect(stderr).not.toContain('tl-WRONG-key-0000');
  });
});

describe('list', () => {
  it('--json --limit 5 gives an array of 5 with ISO dates and raw', async () => {
    const { code, stdout } = await runCli(['list', '--json', '--limit', '5', ...urls]);
    expect(code).toBe(0);
    const assets = JSON.parse(stdout) as Record<string, unknown>[];
    expect(assets).toHaveLength(5);
    expect(assets[0]!.raw).toBeTypeOf('object');
    expect(assets[0]!.createdAt).toMatch(/^\d{4}-\d\d-\d\dT/);
  });

  it('--json with no match is an empty array', async () => {
    const { code, stdout } = await runCli(['list', '--json', '--id', 'ffffffffffffffffffffffff', ...urls]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual([]);
  });

  it('--ndjson prints one parseable asset per line, every asset of the three providers', async () => {
    const { code, stdout, stderr } = await runCli(['list', '--ndjson', ...urls]);
    expect(code).toBe(0);
    const assets = parseLines(stdout);
    // Tenovos' scan leaves out assets in the recycle bin and earlier versions.
    const tenovos = (mocks.tenovos.assets as { fileState: string; metadataState: string; currentVersion: boolean }[]).filter(
      (a) => a.fileState === 'available' && a.metadataState === 'available' && a.currentVersion,
    ).length;
    expect(assets).toHaveLength(2 * ASSETS + tenovos);
    expect(new Set(assets.map((a) => a.ref)).size).toBe(assets.length);
    expect([...new Set(assets.map((a) => a.provider))]).toEqual(['twelvelabs', 'rendernet', 'tenovos']);
    expect(stderr).toBe('');
  });

  it('--ndjson streams: the first line is out before the last page is requested', async () => {
    const stdout = new Capture();
    let requestsAtFirstLine = -1;
    const before = mocks.twelvelabs.stats.requests;
    stdout.onWrite = () => {
      if (requestsAtFirstLine < 0) requestsAtFirstLine = mocks.twelvelabs.stats.requests - before;
    };
    const { code } = await runCli(['list', '--ndjson', '--page-size', '5', '--concurrency', '1', '--provider', 'twelvelabs', ...urls], { stdout });
    expect(code).toBe(0);
    expect(stdout.chunks.length).toBe(ASSETS);
    expect(requestsAtFirstLine).toBeGreaterThan(0);
    expect(requestsAtFirstLine).toBeLessThan(ASSETS / 5);
  });

  it('--kind video lists only videos', async () => {
    const { code, stdout } = await runCli(['list', '--ndjson', '--kind', 'video', ...urls]);
    expect(code).toBe(0);
    const assets = parseLines(stdout);
    expect(assets.length).toBeGreaterThan(0);
    expect(assets.every((a) => a.kind === 'video')).toBe(true);
  });

  it('the table has a header row and aligned columns, and no raw', async () => {
    const { code, stdout } = await runCli(['list', '--limit', '8', ...urls]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines).toHaveLength(9);
    const header = lines[0]!;
    expect(header.split(/\s+/)).toEqual(['REF', 'KIND', 'STATE', 'NAME', 'SIZE', 'DURATION', 'CREATED']);
    const kindAt = header.indexOf('KIND');
    const stateAt = header.indexOf('STATE');
    const createdAt = header.indexOf('CREATED');
    const sizeEnd = header.indexOf('SIZE') + 'SIZE'.length;
    for (const row of lines.slice(1)) {
      expect(row.slice(0, kindAt)).toMatch(/^twelvelabs:\S+\s+$/);
      expect(row.slice(kindAt)).toMatch(/^(video|audio|image)\s/);
      expect(row.slice(stateAt)).toMatch(/^[a-z]+\s/);
      expect(row.slice(createdAt)).toMatch(/^(\d{4}-\d\d-\d\d|-)$/);
      expect(row.slice(0, sizeEnd)).toMatch(/(\d+(\.\d)? [KMGTP]?B|-)$/); // right-aligned
      expect(row[sizeEnd]).toBe(' ');
    }
    expect(stdout).not.toMatch(/raw|\{/);
  });

  it('shows progress on a TTY and clears it; silent otherwise', async () => {
    const tty = await runCli(['list', '--ndjson', ...urls], { isTTY: true });
    expect(tty.code).toBe(0);
    expect(tty.stderr).toMatch(/\r\x1b\[K listed \d[\d,]* assets?…/);
    expect(tty.stderr).toMatch(/\r\x1b\[K$/); // cleared at the end
    const quiet = await runCli(['list', '--ndjson', ...urls], { isTTY: false });
    expect(quiet.stderr).not.toContain('listed');
    expect(quiet.stderr).not.toContain('\r');
  });

  it('an abort (SIGINT) stops the listing and exits 130', async () => {
    const slow = await startMocks({ assets: 200, latencyMs: 40 });
    try {
      const controller = new AbortController();
      const stdout = new Capture();
      stdout.onWrite = () => controller.abort('SIGINT');
      const { code, stderr } = await runCli(['list', '--ndjson', '--page-size', '10', ...baseUrlArgs(slow)], { stdout, signal: controller.signal });
      expect(code).toBe(130);
      expect(stderr).toBe('interrupted\n');
      expect(stdout.chunks.length).toBeLessThan(200);
    } finally {
      await closeMocks(slow);
    }
  });
});

describe('usage errors exit 2 with a one-line reason naming the flag, and a hint', () => {
  const cases: [string, string[], RegExp][] = [
    ['unknown flag', ['list', '--bogus'], /unknown option '--bogus'/],
    ['unknown command', ['fetch'], /unknown command 'fetch'/],
    ['malformed ref', ['get', 'not-a-ref'], /Malformed asset ref "not-a-ref": expected "<provider>:<id>"/],
    ['unknown provider in ref', ['get', 'dropbox:abc'], /Unknown provider "dropbox" in asset ref; expected one of twelvelabs, rendernet, tenovos/],
    ['empty id', ['get', 'twelvelabs:'], /Malformed asset ref "twelvelabs:": the id after "<provider>:" is empty/],
    ['dot-dot id (bug 6)', ['get', 'twelvelabs:..'], /Malformed asset ref "twelvelabs:\.\.": the id "\.\." is a relative path segment, not an asset id/],
    ['--limit abc', ['list', '--limit', 'abc'], /option '-n, --limit <n>' argument 'abc' is invalid\. Expected a whole number >= 1\./],
    ['--limit -1 (bug 5)', ['list', '--limit', '-1'], /option '-n, --limit <n>' argument '-1' is invalid\. Expected a whole number >= 1\./],
    ['--limit 0', ['list', '--limit', '0'], /--limit <n>' argument '0' is invalid/],
    ['--limit without a value', ['list', '--limit'], /option '-n, --limit <n>' argument missing/],
    ['--page-size 1.5', ['list', '--page-size', '1.5'], /--page-size <n>' argument '1\.5' is invalid/],
    ['bad kind', ['list', '--kind', 'movie'], /--kind <kind>' argument 'movie' is invalid\. Expected one of image, video, audio, document, other\./],
    ['bad date', ['list', '--created-after', 'yesterday'], /--created-after <date>' argument 'yesterday' is invalid\. Expected a date YYYY-MM-DD/],
    ['bad --base-url', ['list', '--base-url', 'twelvelabs'], /--base-url <provider=url>' argument 'twelvelabs' is invalid\. Expected <provider>=<url>/],
    ['flag of another command', ['get', 'twelvelabs:abc', '--limit', '3'], /unknown option '--limit'/],
    ['rm on a non-TTY without --yes', ['rm', 'twelvelabs:abc'], /refusing to delete 1 asset without confirmation: stdin is not a terminal; pass --yes/],
    ['rm --force where delete is soft', ['rm', '--yes', '--force', 'twelvelabs:abc', 'tenovos:abc'], /delete with force is not supported by tenovos/],
    ['rm with one malformed ref among good ones', ['rm', '--yes', 'twelvelabs:abc', 'twelvelabs:..'], /Malformed asset ref "twelvelabs:\.\."/],
    ['meta set without a value', ['meta', 'set', 'twelvelabs:abc', 'novalue'], /"novalue" is not key=value/],
    ['meta set on RenderNet', ['meta', 'set', 'rendernet:abc', 'a=b'], /^rendernet: updateMetadata is not supported|updateMetadata is not supported by rendernet/],
    ['wait with a bad timeout', ['wait', 'twelvelabs:abc', '--timeout', 'soon'], /--timeout <seconds>' argument 'soon' is invalid/],
    ['--json and --ndjson', ['list', '--json', '--ndjson'], /option '--json' cannot be used with option '--ndjson'/],
    ['get without a ref', ['get'], /missing required argument 'ref'/],
    ['list with an argument', ['list', 'videos'], /too many arguments for 'list'/],
  ];
  for (const [name, argv, reason] of cases) {
    it(name, async () => {
      const before = mocks.twelvelabs.stats.requests + mocks.rendernet.stats.requests + mocks.tenovos.stats.requests;
      const { code, stdout, stderr } = await runCli([...argv, ...urls]);
      expect(code).toBe(2);
      expect(stdout).toBe('');
      const lines = stderr.trimEnd().split('\n');
      expect(lines).toHaveLength(2);
      expect(lines[0]).toMatch(/^error: /);
      expect(lines[0]).toMatch(reason);
      const command = argv[0] === 'meta' ? `assetkit meta ${argv[1]}` : ['get', 'list', 'rm', 'wait'].includes(argv[0]!) ? `assetkit ${argv[0]}` : 'assetkit';
      expect(lines[1]).toBe(`Run '${command} --help' for usage.`);
      // Rejected before any request.
      expect(mocks.twelvelabs.stats.requests + mocks.rendernet.stats.requests + mocks.tenovos.stats.requests).toBe(before);
    });
  }

  it('no command: the overview on stderr, exit 2', async () => {
    const { code, stdout, stderr } = await runCli([]);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^Usage: assetkit /);
  });

  it('no provider configured', async () => {
    const { code, stderr } = await runCli(['list', ...urls], { env: { TWELVELABS_API_KEY: '  ' } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: no provider configured: set TWELVELABS_API_KEY/);
  });

  it('a provider that is not configured', async () => {
    const { code, stderr } = await runCli(['get', 'tenovos:abc', ...urls], { env: { TWELVELABS_API_KEY: CREDENTIALS.twelvelabs } });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: tenovos is not configured: set TENOVOS_API_KEY/);
  });
});

describe('help, version, mock', () => {
  it('--help and --version exit 0', async () => {
    const help = await runCli(['--help']);
    expect(help.code).toBe(0);
    expect(help.stdout).toMatch(/^Usage:/m);
    expect(help.stdout).toContain('TWELVELABS_API_KEY');
    const v = await runCli(['--version']);
    expect(v.code).toBe(0);
    expect(v.stdout).toBe(`${version()}\n`);
    expect(v.stdout).toMatch(/^\d+\.\d+\.\d+/);
  });

  it('mock starts three servers, prints how to use them and stops on abort', async () => {
    const controller = new AbortController();
    const stdout = new Capture();
    const stderr = new Capture();
    const { run } = await import('./run.js');
    const done = run(['mock', '--assets', '7', '--seed', '3'], { stdout, stderr, env: {}, isTTY: false, signal: controller.signal });
    // Generous: starting three mocks on a busy machine can take a while; only a hang should fail here.
    await expect.poll(() => stdout.text, { timeout: 60_000, interval: 20 }).toContain('Ctrl-C');
    const out = stdout.text;
    for (const line of ["export TWELVELABS_API_KEY='mock-twelvelabs-key'", 'export TENOVOS_USERNAME=', 'export TENOVOS_PASSWORD=']) expect(out).toContain(line);
    const url = /twelvelabs\s+(http:\/\/127\.0\.0\.1:\d+)/.exec(out)![1]!;
    // The printed servers answer the CLI itself.
    const listed = await runCli(['list', '--json', '--base-url', `twelvelabs=${url}`], { env: { TWELVELABS_API_KEY: 'mock-twelvelabs-key' } });
    expect(JSON.parse(listed.stdout)).toHaveLength(7);
    controller.abort('SIGINT');
    expect(await done).toBe(0);
    await expect(fetch(url)).rejects.toThrow();
  });
});

const binPath = fileURLToPath(new URL('../dist/bin.js', import.meta.url));
describe.skipIf(!existsSync(binPath))('the built bin', () => {
  it('node dist/bin.js --version', async () => {
    const { stdout } = await promisify(execFile)(process.execPath, [binPath, '--version']);
    expect(stdout).toBe(`${version()}\n`);
  });
});

afterAll(() => {
  // Not one credential in anything the CLI wrote, in any test above.
  const all = transcript.join('\n');
  expect(all.length).toBeGreaterThan(0);
  for (const secret of Object.values(CREDENTIALS)) expect(all).not.toContain(secret);
});
