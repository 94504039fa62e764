#!/usr/bin/env node
// pnpm spec:upstream <provider> <vendor-document> [--spec <file>] [--corrections <file>] [--only-ours] [--all] [--json]
// Compares a vendor's published OpenAPI document with specs/<provider>.yaml.
// Exit 0: nothing unexplained; 1: group (c) is not empty; 2: bad input.
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadDocument, readDocument } from '../spec-diff/load-document.mjs';
import { compareUpstream } from './compare.mjs';
import { readCorrections } from './corrections.mjs';
import { formatUpstream } from './report.mjs';

const USAGE = 'usage: spec:upstream <provider> <vendor-document> [--spec <file>] [--corrections <file>] [--only-ours] [--all] [--json]';

export function parseArgs(argv) {
  const opts = { provider: '', vendor: '', spec: '', corrections: '', onlyOurs: false, all: false, json: false };
  const positional = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const value = () => {
      const v = argv[++i];
      if (!v || v.startsWith('--')) throw new Error(`${a} needs a file\n${USAGE}`);
      return v;
    };
    if (a === '--json') opts.json = true;
    else if (a === '--all') opts.all = true;
    else if (a === '--only-ours') opts.onlyOurs = true;
    else if (a === '--spec') opts.spec = value();
    else if (a === '--corrections') opts.corrections = value();
    else if (a.startsWith('-')) throw new Error(`unknown option "${a}"\n${USAGE}`);
    else positional.push(a);
  }
  if (positional.length !== 2) throw new Error(`expected <provider> <vendor-document>, got ${positional.length} argument(s)\n${USAGE}`);
  [opts.provider, opts.vendor] = positional;
  if (!/^[a-z0-9-]+$/.test(opts.provider)) throw new Error(`provider "${opts.provider}" is not a provider id (lower-case letters, digits, -)`);
  return opts;
}

/** Runs the command; resolves to the exit code. */
export async function run(root, argv, { log = console.log } = {}) {
  const opts = parseArgs(argv);
  const specFile = opts.spec || join(root, 'specs', `${opts.provider}.yaml`);
  const correctionsFile = opts.corrections || join(root, 'specs', 'CORRECTIONS.md');
  const ours = readDocument(specFile).doc;
  const vendor = (await loadDocument(opts.vendor)).doc;
  const corrections = readCorrections(correctionsFile);
  const report = compareUpstream({ provider: opts.provider, ours, vendor, corrections, onlyOurs: opts.onlyOurs, all: opts.all });
  log(opts.json ? JSON.stringify(report, null, 2) : formatUpstream(report, { vendorFile: opts.vendor, specFile, corrections }));
  return report.unexplained.length ? 1 : 0;
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  run(root, process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err) => {
      console.error(`spec:upstream: ${/** @type {Error} */ (err).message}`);
      process.exitCode = 2;
    },
  );
}
