import { spawn } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/**
 * The CLI as a real process, for what only a process shows: pipes closing
 * (EPIPE), heap limits, a pseudo-terminal. src/ is bundled with esbuild into
 * node_modules/.cache (packages stay external and resolve from this package),
 * so tests need no prior `pnpm build`.
 */
const outDir = fileURLToPath(new URL('../node_modules/.cache/assetkit-cli-test/', import.meta.url));
export const binBundle = `${outDir}bin.mjs`;

export async function bundleBin(): Promise<string> {
  const { build } = await import('esbuild');
  mkdirSync(outDir, { recursive: true });
  await build({
    entryPoints: [fileURLToPath(new URL('./bin.ts', import.meta.url))],
    outfile: binBundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'error',
  });
  return binBundle;
}

export interface ProcessResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Runs the bundled CLI to completion; `nodeArgs` go before the script (e.g. a heap limit). */
export function runBin(
  argv: string[],
  options: { env?: Record<string, string | undefined>; nodeArgs?: string[]; onStdoutLine?: (line: string, stop: () => void) => void } = {},
): Promise<ProcessResult> {
  const child = spawn(process.execPath, [...(options.nodeArgs ?? []), binBundle, ...argv], {
    env: { PATH: process.env.PATH, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  let lines = 0;
  let pending = '';
  let stopped = false;
  // Closing our end of stdout is what `| head -1` does once it has its line.
  const stop = () => {
    stopped = true;
    child.stdout.destroy();
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    if (stopped) return;
    if (!options.onStdoutLine) {
      // Keep only a bounded tail: the 150k-row test counts lines instead of holding them.
      stdout = (stdout + chunk).slice(-100_000);
      for (let i = chunk.indexOf('\n'); i !== -1; i = chunk.indexOf('\n', i + 1)) lines++;
      return;
    }
    pending += chunk;
    let nl: number;
    while (!stopped && (nl = pending.indexOf('\n')) !== -1) {
      const line = pending.slice(0, nl);
      pending = pending.slice(nl + 1);
      stdout += `${line}\n`;
      options.onStdoutLine(line, stop);
    }
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  // A pipe can fail on our side too (e.g. after stop() destroyed it); the exit code and output tell the story.
  child.stdout.on('error', () => {});
  child.stderr.on('error', () => {});
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => resolve(Object.assign({ code, signal, stdout, stderr }, { lines })));
  });
}

/** Lines written to stdout (counted even when the text itself was not kept). */
export const linesOf = (result: ProcessResult): number => (result as ProcessResult & { lines: number }).lines;
