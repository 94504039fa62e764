#!/usr/bin/env node
// Spec change -> release level -> changeset.
//   node scripts/spec-diff/cli.mjs diff      [--base <ref>] [--json]   report (always exits 0)
//   node scripts/spec-diff/cli.mjs diff <before> <after> [--provider <id>] [--json]
//                                                 any two OpenAPI files (JSON or YAML, 3.0 or 3.1)
//   node scripts/spec-diff/cli.mjs changeset [--base <ref>]            write .changeset/spec-*.md
//   node scripts/spec-diff/cli.mjs check     [--base <ref>]            CI: exit 1 when a changeset is missing or too low
// --base defaults to HEAD for diff/changeset (working tree vs last commit); see check.mjs for check.
import { existsSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { planBumps, readWorkspace, renderChangeset } from './changeset.mjs';
import { checkChangeset } from './check.mjs';
import { diffSpecSets } from './diff-specs.mjs';
import { readSpecsAtRef, tryGit } from './git.mjs';
import { readSpecsFromDir, providerOf } from './load-spec.mjs';
import { loadDocument, stem } from './load-document.mjs';
import { diffDocs } from './diff-document.mjs';
import { maxLevel } from './classify.mjs';
import { formatReport } from './report.mjs';

const USAGE = 'usage: cli.mjs <diff|changeset|check> [--base <git-ref>] [--json]\n       cli.mjs diff <before-file> <after-file> [--provider <id>] [--json]';

/** @param {string[]} argv */
export function parseArgs(argv) {
  const [command, ...rest] = argv;
  const opts = { command, base: undefined, json: false, provider: undefined, files: /** @type {string[]} */ ([]) };
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--json') opts.json = true;
    else if (rest[i] === '--base') opts.base = rest[++i];
    else if (rest[i].startsWith('--base=')) opts.base = rest[i].slice('--base='.length);
    else if (rest[i] === '--provider') opts.provider = rest[++i];
    else if (rest[i].startsWith('--provider=')) opts.provider = rest[i].slice('--provider='.length);
    else if (!rest[i].startsWith('-') && command === 'diff') opts.files.push(rest[i]);
    else throw new Error(`unknown argument "${rest[i]}"\n${USAGE}`);
  }
  if (opts.base === '') throw new Error('--base needs a git ref');
  if (opts.provider === '') throw new Error('--provider needs a provider id');
  if (opts.files.length !== 0 && opts.files.length !== 2) throw new Error(`diff takes two files (before, after), got ${opts.files.length}\n${USAGE}`);
  if (opts.files.length && opts.base) throw new Error('give either --base or two files, not both');
  return opts;
}

/**
 * One spec result for two document files, as diffSpecSets gives per provider.
 * The provider is --provider, else the after document's info.x-assetkit.provider,
 * else the after file's name.
 * @returns {Promise<import('./diff-specs.mjs').SpecResult>}
 */
export async function diffFiles(beforeFile, afterFile, { provider } = {}) {
  const a = await loadDocument(beforeFile);
  const b = await loadDocument(afterFile);
  const id = provider ?? providerOf(b.doc, stem(afterFile));
  let changes = diffDocs(a.doc, b.doc);
  if (changes.length === 0 && a.text !== b.text) changes = [{ path: afterFile, kind: 'formatting', level: 'patch', detail: 'text changed, document did not' }];
  const status = changes.length ? 'changed' : 'unchanged';
  return { provider: id, file: afterFile, status, changes, level: maxLevel(changes.map((c) => c.level)) };
}

/** Spec results of the working tree of `root` against `base`. */
export function diffAgainst(root, base = 'HEAD') {
  return diffSpecSets(readSpecsAtRef(root, base), readSpecsFromDir(join(root, 'specs')));
}

/** `diff <before> <after>`; resolves to the exit code. */
export async function runDiffFiles(root, argv, { log = console.log } = {}) {
  const opts = parseArgs(argv);
  const [before, after] = opts.files;
  const results = [await diffFiles(before, after, { provider: opts.provider })];
  const bumps = planBumps(results, readWorkspace(root));
  log(opts.json ? JSON.stringify({ before, after, results, bumps: Object.fromEntries(bumps) }, null, 2) : formatReport(results, bumps, before));
  return 0;
}

/** Runs one command; returns the exit code (a promise of it for `diff <before> <after>`, which may bundle multi-file documents). */
export function run(root, argv, { log = console.log, env = process.env } = {}) {
  const opts = parseArgs(argv);
  if (opts.command === 'diff' && opts.files.length === 2) return runDiffFiles(root, argv, { log });
  if (opts.command === 'diff') {
    const base = opts.base ?? 'HEAD';
    const results = diffAgainst(root, base);
    const bumps = planBumps(results, readWorkspace(root));
    log(opts.json ? JSON.stringify({ base, results, bumps: Object.fromEntries(bumps) }, null, 2) : formatReport(results, bumps, base));
    return 0;
  }
  if (opts.command === 'changeset') {
    const results = diffAgainst(root, opts.base ?? 'HEAD');
    const cs = renderChangeset(results, readWorkspace(root));
    if (!cs) {
      log('spec:changeset: no spec changed; no changeset written.');
      return 0;
    }
    const dir = join(root, '.changeset');
    if (!existsSync(dir)) mkdirSync(dir);
    // An uncommitted spec-*.md from an earlier run describes an earlier state of the same edit: replace it.
    const stale = (tryGit(root, ['ls-files', '--others', '--exclude-standard', '--', '.changeset/spec-*.md']) ?? '').split('\n').filter(Boolean);
    for (const f of stale) if (!f.endsWith(`/${cs.fileName}`)) {
      rmSync(join(root, f));
      log(`spec:changeset: removed ${f} (uncommitted, from an earlier run)`);
    }
    writeFileSync(join(dir, cs.fileName), cs.content);
    log(`spec:changeset: wrote .changeset/${cs.fileName}`);
    for (const [name, level] of cs.bumps) log(`  ${name}: ${level}`);
    return 0;
  }
  if (opts.command === 'check') {
    const { ok, lines } = checkChangeset(root, { base: opts.base, env });
    lines.forEach((l) => log(l));
    return ok ? 0 : 1;
  }
  throw new Error(USAGE);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const fail = (err) => {
    console.error(`spec-diff: ${/** @type {Error} */ (err).message}`);
    process.exitCode = 2;
  };
  try {
    Promise.resolve(run(root, process.argv.slice(2))).then((code) => (process.exitCode = code), fail);
  } catch (err) {
    fail(err);
  }
}
