import { startMockServer, type MockServer } from '@assetkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binBundle, bundleBin, linesOf, runBin } from './test-bin.js';

beforeAll(async () => {
  await bundleBin();
});

describe('a listing far larger than memory (bug 1)', () => {
  let big: MockServer;
  beforeAll(async () => {
    big = await startMockServer('twelvelabs', { assets: 150_000, seed: 7 });
  }, 120_000);
  afterAll(() => big?.close());

  it(
    'prints every one of 150,000 rows as a table in a 40 MB heap, with no listener warnings',
    async () => {
      // Before: every asset was held, then one Math.max(...150k cells) overflowed the stack; nothing was printed.
      const result = await runBin(['list', '--page-size', '50', '--base-url', `twelvelabs=${big.url}`], {
        nodeArgs: ['--max-old-space-size=40'],
        env: { TWELVELABS_API_KEY: big.apiKey },
      });
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      expect(linesOf(result)).toBe(150_001); // header + one line per asset
      const last = result.stdout.trimEnd().split('\n').at(-1)!;
      expect(last.startsWith(`twelvelabs:${(big.assets.at(-1) as { _id: string })._id} `)).toBe(true);
    },
    300_000,
  );
});

describe('the reading end of a pipe closes (assetkit list | head -1)', () => {
  let tl: MockServer;
  beforeAll(async () => {
    tl = await startMockServer('twelvelabs', { assets: 5_000, seed: 5 });
  });
  afterAll(() => tl?.close());

  for (const format of [[], ['--ndjson'], ['--json']]) {
    it(`list ${format.join(' ') || '(table)'}: exit 0, nothing on stderr`, async () => {
      let got = 0;
      const result = await runBin(['list', ...format, '--page-size', '10', '--base-url', `twelvelabs=${tl.url}`], {
        env: { TWELVELABS_API_KEY: tl.apiKey },
        onStdoutLine: (_line, stop) => {
          if (++got === 1) stop();
        },
      });
      expect(got).toBe(1);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    });
  }
});

describe('progress bars', () => {
  it('through a pseudo-terminal: a live bar per file with bytes, rate and ETA, then 100%', async () => {
    const pty = await import('@lydell/node-pty');
    const term = pty.spawn(process.execPath, [binBundle, '_progress-demo', '--files', '2', '--size', '5000000', '--steps', '8', '--delay-ms', '15'], {
      cols: 120,
      rows: 20,
      env: { PATH: process.env.PATH ?? '', TERM: 'xterm' },
    });
    let screen = '';
    term.onData((d) => (screen += d));
    const exit = await new Promise<{ exitCode: number }>((resolve) => term.onExit(resolve));
    expect(exit.exitCode).toBe(0);
    // Redrawn in place (cursor movement), not one line per update.
    expect(screen).toMatch(/\x1b\[\d*[A-G]|\x1b\[\?25l/);
    for (const name of ['clip-1.mp4', 'clip-2.mp4']) expect(screen).toContain(name);
    // A frame before the end (at least the first one; rate and ETA are "-" until bytes have moved).
    expect(screen).toMatch(/░+\s+\d+% [\d.]+ [KMG]?B\/5\.0 MB (-|[\d.]+ [KMG]?B)\/s ETA (-|\d+:\d\d)/);
    expect(screen).toMatch(/clip-1\.mp4\s+█{10,} 100% 5\.0 MB in \d+\.\d s/);
    expect(screen).toMatch(/clip-2\.mp4\s+█{10,} 100% 5\.0 MB in \d+\.\d s/);
  });

  it('without a terminal: one line per finished file, nothing else', async () => {
    const result = await runBin(['_progress-demo', '--files', '3', '--size', '2500', '--steps', '4', '--delay-ms', '1']);
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('');
    const lines = result.stderr.trimEnd().split('\n').sort();
    expect(lines).toHaveLength(3);
    lines.forEach((line, i) => expect(line).toMatch(new RegExp(`^done clip-${i + 1}\\.mp4 2\\.5 KB in \\d+\\.\\d s( \\(.+/s\\))?$`)));
    expect(result.stderr).not.toMatch(/\x1b|\r/);
  });
});
