/**
 * `pnpm demo`: the whole path end to end with no API keys and no network.
 * Starts the three mock servers in-process, points a unified client at them,
 * lists across all three providers (TwelveLabs pages, RenderNet pages, Tenovos
 * scan; saying how many came from where and what was skipped),
 * prints a table, gets one asset from each provider by ref, then uploads a
 * generated file to each provider with progress, waits until ready, edits
 * metadata, deletes, and shuts the servers down. The steps are in demo-steps.ts (tested); this file runs them.
 */
import { runDemo } from './demo-steps.js';

// `pnpm demo | head`: the reader went away; not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

try {
  const started = performance.now();
  await runDemo((text) => process.stdout.write(text), { tty: process.stdout.isTTY === true });
  process.stdout.write(`\ndemo finished in ${((performance.now() - started) / 1000).toFixed(1)} s\n`);
} catch (error) {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
