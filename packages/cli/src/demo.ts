/**
 * `pnpm demo`: the whole path end to end with no API keys and no network.
 * Starts the three mock servers in-process, points a unified client at them,
 * lists across all three providers (TwelveLabs pages, RenderNet pages, Tenovos
 * scan; saying how many came from where and what was skipped),
 * prints a table, gets one asset from each provider by ref, and shuts the
 * servers down. The steps are in demo-steps.ts (tested); this file runs them.
 */
import { runDemo } from './demo-steps.js';

// `pnpm demo | head`: the reader went away; not an error.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') throw error;
  process.exit(0);
});

try {
  await runDemo((text) => process.stdout.write(text));
} catch (error) {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
