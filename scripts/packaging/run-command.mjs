// Runs a child process with a hard timeout and collects its output. The timeout only catches
// hangs (default 5 min): CI's two cores may be busy, and no step may fail for being slow.
// The child gets its own process group, so a timeout kills it and everything it spawned.
// Every stream and process error ends in the returned promise, never as an unhandled
// 'error' event: a child that exits before reading its stdin makes the write fail with
// EPIPE, which is the child's business (its exit code tells), not a crash of the harness.
import { spawn } from 'node:child_process';

/**
 * @param {string} command
 * @param {string[]} args
 * @param {{ cwd?: string, env?: NodeJS.ProcessEnv, timeoutMs?: number, input?: string }} [options]
 * @returns {Promise<{ code: number | null, signal: string | null, stdout: string, stderr: string, timedOut: boolean, ms: number }>}
 */
export function runCommand(command, args, { cwd, env = process.env, timeoutMs = 300_000, input } = {}) {
  const started = Date.now();
  return new Promise((resolve, reject) => {
    let child;
    try {
      child = spawn(command, args, { cwd, env, detached: true, stdio: [input === undefined ? 'ignore' : 'pipe', 'pipe', 'pipe'] });
    } catch (error) {
      reject(error);
      return;
    }
    let stdout = '';
    let stderr = '';
    let timedOut = false;
    let settled = false;
    const streamErrors = [];
    child.stdout.setEncoding('utf8').on('data', (chunk) => (stdout += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk) => (stderr += chunk));
    for (const stream of [child.stdin, child.stdout, child.stderr]) {
      // EPIPE/ECONNRESET on a pipe only means the child closed its end; the exit code reports the outcome.
      stream?.on('error', (error) => streamErrors.push(error));
    }
    const timer = setTimeout(() => {
      timedOut = true;
      try {
        process.kill(-child.pid, 'SIGKILL');
      } catch {
        child.kill('SIGKILL');
      }
    }, timeoutMs);
    child.on('error', (error) => {
      clearTimeout(timer);
      if (!settled) (settled = true), reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      const pipeNote = streamErrors
        .filter((e) => e.code !== 'EPIPE' && e.code !== 'ECONNRESET')
        .map((e) => `\n[run-command] stream error: ${e.message}`)
        .join('');
      resolve({ code, signal, stdout, stderr: stderr + pipeNote, timedOut, ms: Date.now() - started });
    });
    if (child.stdin) child.stdin.end(input);
  });
}

/** Like runCommand, but throws (with the output) unless the command exits 0. */
export async function runOrThrow(command, args, options = {}) {
  const result = await runCommand(command, args, options);
  if (result.code !== 0) {
    const why = result.timedOut ? `timed out after ${options.timeoutMs ?? 300_000} ms` : `exited ${result.code ?? result.signal}`;
    const output = `${result.stdout}\n${result.stderr}`.trim().split('\n').slice(-40).join('\n');
    throw new Error(`${command} ${args.join(' ')} ${why}\n${output}`);
  }
  return result;
}
