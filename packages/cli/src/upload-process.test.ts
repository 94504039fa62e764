// `assetkit upload` as a real process: the live bar on a pseudo-terminal, and a real SIGINT mid-upload
// (a stalled part keeps it mid-way whatever the machine's speed) -> state file, resume command, exit 130.
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer, startObjectStore, type MockServer, type ObjectStore } from '@assetkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binBundle, bundleBin, runBin } from './test-bin.js';

const bytesOf = (n: number) => new Uint8Array(n).map((_, i) => (i * 7 + (i >> 8)) & 0xff);
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

let dir: string;
let store: ObjectStore;
let tl: MockServer;
beforeAll(async () => {
  await bundleBin();
  dir = await mkdtemp(join(tmpdir(), 'cli-upload-proc-'));
  store = await startObjectStore({ minPartSize: 1024, faults: { plan: [null, null, 'stall'] } });
  tl = await startMockServer('twelvelabs', { assets: 0, processing: { delayMs: 0 }, uploads: { chunkSize: 64 * 1024 }, objectStore: store });
});
afterAll(async () => {
  await tl?.close();
  await store?.close();
  await rm(dir, { recursive: true, force: true });
});
const env = () => ({ TWELVELABS_API_KEY: tl.apiKey, HOME: dir });

describe('assetkit upload (process)', () => {
  it('on a pseudo-terminal: a bar per file, redrawn in place, ending at 100% with the ref', async () => {
    const a = join(dir, 'one.mp4');
    const b = join(dir, 'two.mp4');
    await writeFile(a, bytesOf(300_000));
    await writeFile(b, bytesOf(120_000));
    const pty = await import('@lydell/node-pty');
    const term = pty.spawn(process.execPath, [binBundle, 'upload', a, b, '--provider', 'twelvelabs', '--base-url', `twelvelabs=${tl.url}`], {
      cols: 160,
      rows: 20,
      env: { PATH: process.env.PATH ?? '', TERM: 'xterm', ...env() },
    });
    let screen = '';
    term.onData((d) => (screen += d));
    const exit = await new Promise<{ exitCode: number }>((resolve) => term.onExit(resolve));
    expect(exit.exitCode).toBe(0);
    expect(screen).toMatch(/\x1b\[\d*[A-G]|\x1b\[\?25l/);
    // stdout's lines come after the bars are done, not through them.
    expect(screen.indexOf('uploaded ')).toBeGreaterThan(screen.lastIndexOf('100%'));
    expect(screen).toMatch(/one\.mp4\s+█{10,} 100% 300\.0 KB in \d+\.\d s.* -> twelvelabs:\w+ \((ready|processing)\)/);
    expect(screen).toMatch(/two\.mp4\s+█{10,} 100% 120\.0 KB in \d+\.\d s.* -> twelvelabs:\w+ \((ready|processing)\)/);
  });

  it('SIGINT mid-upload: state saved under --state-dir, the resume command printed, exit 130; that command finishes it', async () => {
    const file = join(dir, 'long.mp4');
    await writeFile(file, bytesOf(64 * 1024 * 5 + 1));
    const stateDir = join(dir, 'states');
    const child = spawn(process.execPath, [binBundle, 'upload', file, '--provider', 'twelvelabs', '--multipart', '--concurrency', '1', '--state-dir', stateDir, '--base-url', `twelvelabs=${tl.url}`], {
      env: { PATH: process.env.PATH, ...env() },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stderr = '';
    child.stderr.setEncoding('utf8').on('data', (d: string) => (stderr += d));
    const exited = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    await until(() => (store.stats().faults.stall ?? 0) > 0);
    child.kill('SIGINT');
    expect(await exited).toBe(130);
    const statePath = join(stateDir, 'long.mp4.twelvelabs.upload.json');
    expect(existsSync(statePath)).toBe(true);
    const command = `assetkit upload ${file} --provider twelvelabs --resume ${statePath} --base-url twelvelabs=${tl.url} --concurrency 1`;
    expect(stderr).toContain(`resume ${file} with:\n  ${command}\n`);
    expect(stderr).toMatch(/interrupted\n$/);

    const resumed = await runBin(command.split(' ').slice(1), { env: env() });
    expect(resumed.stderr).toMatch(/^done long\.mp4 .* -> twelvelabs:\w+ \((ready|processing)\)$/m);
    expect(resumed.code).toBe(0);
    expect(existsSync(statePath)).toBe(false);
    expect(Object.values(store.stats().partPuts).every((n) => n === 1)).toBe(true);
  });
});
