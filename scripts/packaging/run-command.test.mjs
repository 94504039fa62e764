// The test harness must never die on a child's pipe: issue #16 saw `pnpm test:packages` crash on an
// unhandled `write EPIPE` when a child exited before reading the stdin it was given.
import { describe, expect, it } from 'vitest';
import { runCommand, runOrThrow } from './run-command.mjs';

describe('runCommand', () => {
  it('reports the exit code of a child that exits without reading a large stdin (EPIPE is handled)', async () => {
    // 16 MiB is far beyond a pipe buffer, so the write is still pending when the child is gone.
    const input = 'x'.repeat(16 * 1024 * 1024);
    for (let i = 0; i < 5; i++) {
      const result = await runCommand(process.execPath, ['-e', 'process.exit(3)'], { input });
      expect(result.code).toBe(3);
    }
  });

  it('passes stdin to a child that reads it', async () => {
    const result = await runCommand(process.execPath, ['-e', 'process.stdin.pipe(process.stdout)'], { input: 'hello' });
    expect(result).toMatchObject({ code: 0, stdout: 'hello', timedOut: false });
  });

  it('rejects (does not crash) when the command does not exist', async () => {
    await expect(runCommand('assetkit-no-such-command', [])).rejects.toMatchObject({ code: 'ENOENT' });
  });

  it('runOrThrow names the command and shows its output', async () => {
    await expect(runOrThrow(process.execPath, ['-e', 'console.error("boom"); process.exit(2)'])).rejects.toThrow(/exited 2\n[\s\S]*boom/);
  });
});
