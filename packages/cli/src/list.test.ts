import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runDemo } from './demo-steps.js';
import { baseUrlArgs, Capture, closeMocks, CREDENTIALS, runCli, startMocks, type Mocks } from './test-helpers.js';

let mocks: Mocks;
let urls: string[];
beforeAll(async () => {
  mocks = await startMocks({ assets: 600, seed: 4 });
  urls = baseUrlArgs(mocks);
});
afterAll(() => closeMocks(mocks));

type Raw = { _id: string; filename?: string; created_at?: string };
const tlAssets = () => mocks.twelvelabs.assets as Raw[];
const parseLines = (text: string) => text.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);

describe('a half-configured provider fails only when used (bug 3)', () => {
  const env = { TWELVELABS_API_KEY: CREDENTIALS.twelvelabs, TENOVOS_API_KEY: CREDENTIALS.tenovos };

  it('TwelveLabs commands work with TENOVOS_API_KEY set and no Tenovos username or password', async () => {
    const listed = await runCli(['list', '--ndjson', '--limit', '5', ...urls], { env });
    expect(listed.code).toBe(0);
    expect(parseLines(listed.stdout)).toHaveLength(5);
    const got = await runCli(['get', `twelvelabs:${tlAssets()[0]!._id}`, '--json', ...urls], { env });
    expect(got.code).toBe(0);
  });

  it('using Tenovos names the missing variable, before any request', async () => {
    const before = mocks.tenovos.stats.requests;
    const { code, stderr } = await runCli(['get', 'tenovos:abc', ...urls], { env });
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: .*TENOVOS_USERNAME/);
    expect(mocks.tenovos.stats.requests).toBe(before);
  });
});

describe('list --id with a full ref (bug 5)', () => {
  it('finds the asset, and lists only its provider', async () => {
    const wanted = [tlAssets()[3]!._id, tlAssets()[42]!._id];
    const { code, stdout, stderr } = await runCli(['list', '--ndjson', ...wanted.flatMap((id) => ['--id', `twelvelabs:${id}`]), ...urls]);
    expect(code).toBe(0);
    expect(parseLines(stdout).map((a) => a.id)).toEqual(wanted);
    expect(stderr).toBe(''); // no "skipped" note: the refs chose the provider
  });
});

describe('list filters', () => {
  it('--name, --created-after and --created-before select what they say', async () => {
    const all = parseLines((await runCli(['list', '--ndjson', ...urls])).stdout);
    const word = String(all[0]!.name).split(/[-.]/)[0]!;
    const dates = all.filter((a) => a.createdAt !== undefined).map((a) => String(a.createdAt)).sort();
    const after = dates[Math.floor(dates.length / 3)]!;
    const before = dates[Math.floor((dates.length * 2) / 3)]!;
    const expected = all
      // An asset without a name or creation time (all of RenderNet's) cannot match these filters.
      .filter((a) => a.name !== undefined && a.createdAt !== undefined)
      .filter((a) => String(a.name).toLowerCase().includes(word.toLowerCase()) && String(a.createdAt) >= after && String(a.createdAt) < before)
      .map((a) => a.ref);
    expect(expected.length).toBeGreaterThan(0);
    const { code, stdout } = await runCli(['list', '--ndjson', '--name', word.toUpperCase(), '--created-after', after, '--created-before', before, ...urls]);
    expect(code).toBe(0);
    expect(parseLines(stdout).map((a) => a.ref)).toEqual(expected);
  });

  it('a date alone means UTC midnight', async () => {
    const { code, stdout } = await runCli(['list', '--ndjson', '--created-before', '1990-01-01', ...urls]);
    expect(code).toBe(0);
    expect(stdout).toBe('');
  });
});

describe('list streams', () => {
  it('the table: rows are out before the last page is requested, in one aligned table', async () => {
    const stdout = new Capture();
    let requestsAtFirstRow = -1;
    const before = mocks.twelvelabs.stats.requests;
    stdout.onWrite = () => {
      if (requestsAtFirstRow < 0) requestsAtFirstRow = mocks.twelvelabs.stats.requests - before;
    };
    const { code } = await runCli(['list', '--page-size', '10', '--concurrency', '1', '--provider', 'twelvelabs', ...urls], { stdout });
    expect(code).toBe(0);
    expect(requestsAtFirstRow).toBeGreaterThan(0);
    expect(requestsAtFirstRow).toBeLessThan(600 / 10);
    const lines = stdout.text.trimEnd().split('\n');
    expect(lines).toHaveLength(601);
    const stateAt = lines[0]!.indexOf('STATE');
    for (const row of lines.slice(1)) expect(row.slice(stateAt)).toMatch(/^[a-z]+\s/);
  });

  it('--json interrupted by Ctrl-C is still one valid array, and the exit code says interrupted', async () => {
    const slow = await startMocks({ assets: 300, latencyMs: 20 });
    try {
      const controller = new AbortController();
      const stdout = new Capture();
      let writes = 0;
      stdout.onWrite = () => {
        if (++writes === 25) controller.abort('SIGINT');
      };
      const { code, stderr } = await runCli(['list', '--json', '--page-size', '10', ...baseUrlArgs(slow)], { stdout, signal: controller.signal });
      expect(code).toBe(130);
      expect(stderr).toBe('interrupted\n');
      const assets = JSON.parse(stdout.text) as unknown[];
      expect(assets.length).toBeGreaterThanOrEqual(25);
      expect(assets.length).toBeLessThan(300);
    } finally {
      await closeMocks(slow);
    }
  });

  it('--json when a page fails is still one valid array, and the exit code says the API failed', async () => {
    // Page 1 answers; every later request is not JSON (retries included), so page 2 fails for good.
    const faulty = await startMocks({ assets: 100, faults: { plan: [null, 'non-json', 'non-json', 'non-json', 'non-json', 'non-json'] } });
    try {
      const { code, stdout, stderr } = await runCli(['list', '--json', '--page-size', '10', '--concurrency', '1', '--provider', 'twelvelabs', ...baseUrlArgs(faulty)]);
      expect(code).toBe(1);
      expect(stderr).toMatch(/^error: twelvelabs /);
      expect(JSON.parse(stdout)).toHaveLength(10);
    } finally {
      await closeMocks(faulty);
    }
  });

  it('the table interrupted by Ctrl-C still shows the rows listed so far', async () => {
    const slow = await startMocks({ assets: 300, latencyMs: 20 });
    try {
      const controller = new AbortController();
      const stdout = new Capture();
      const stats = slow.twelvelabs.stats;
      const timer = setInterval(() => stats.requests >= 4 && controller.abort('SIGINT'), 5);
      const { code } = await runCli(['list', '--page-size', '10', '--concurrency', '1', ...baseUrlArgs(slow)], { stdout, signal: controller.signal });
      clearInterval(timer);
      expect(code).toBe(130);
      const lines = stdout.text.trimEnd().split('\n');
      expect(lines[0]).toMatch(/^REF\s+KIND/);
      expect(lines.length).toBeGreaterThan(1);
    } finally {
      await closeMocks(slow);
    }
  });
});

describe('pnpm demo (bug 4)', () => {
  it('lists across the three providers and says how many came from each', async () => {
    let out = '';
    await runDemo((t) => void (out += t));
    expect(out).toMatch(/# listed 120 from twelvelabs, 120 from rendernet, \d+ from tenovos; first 4 of each:/);
    expect(out).not.toMatch(/skipped/);
    // The listing table holds rows of all three providers (before the get section).
    const table = out.slice(0, out.indexOf('$ assetkit get'));
    for (const p of ['twelvelabs', 'rendernet', 'tenovos']) expect(table).toMatch(new RegExp(`^${p}:\\S+`, 'm'));
    expect(out).not.toMatch(/across all providers/);
    expect(out).toMatch(/^rendernet:\S+/m);
    expect(out).toMatch(/^tenovos:\S+/m);
  });
});
