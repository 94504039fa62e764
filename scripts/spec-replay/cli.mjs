#!/usr/bin/env node
// pnpm spec:replay <folder> [--provider <id>] [--verbose] [--json]
// Walks a folder of dated vendor documents and prints each step's changes and level.
// --provider names the package in the report (default: the folder's name).
import { basename, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { formatReplay, replay } from './replay.mjs';

const USAGE = 'usage: spec:replay <folder> [--provider <id>] [--verbose] [--json]';

export function parseArgs(argv) {
  const opts = { folder: '', provider: '', verbose: false, json: false };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--json') opts.json = true;
    else if (a === '--verbose') opts.verbose = true;
    else if (a === '--provider') opts.provider = argv[++i] ?? '';
    else if (a.startsWith('-')) throw new Error(`unknown option "${a}"\n${USAGE}`);
    else positional.push(a);
  }
  if (positional.length !== 1) throw new Error(`expected one folder, got ${positional.length} argument(s)\n${USAGE}`);
  opts.folder = positional[0];
  opts.provider ||= basename(resolve(opts.folder));
  return opts;
}

/** Runs the command; resolves to the exit code (0: every step classified). */
export async function run(argv, { log = console.log } = {}) {
  const opts = parseArgs(argv);
  const steps = await replay(opts.folder);
  log(opts.json ? JSON.stringify({ provider: opts.provider, steps }, null, 2) : formatReplay(steps, opts));
  return 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  run(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      console.error(`spec:replay: ${/** @type {Error} */ (err).message}`);
      process.exitCode = 2;
    },
  );
}
