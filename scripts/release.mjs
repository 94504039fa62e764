#!/usr/bin/env node
// pnpm release — what the next release would be, without releasing.
//   node scripts/release.mjs            dry run: changeset status, `changeset version` in a
//                                       throwaway git worktree (your tree is untouched), the new
//                                       versions and changelog entries, a pack summary per package
//   node scripts/release.mjs --publish  the real step, after `pnpm changeset version` was committed:
//                                       build, then `pnpm changeset publish`
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, readdirSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** Runs a command, streaming its output; returns the exit status. */
function sh(cmd, args, cwd = root) {
  console.log(`\n$ ${cmd} ${args.join(' ')}`);
  return spawnSync(cmd, args, { cwd, stdio: 'inherit' }).status ?? 1;
}

/** Runs a command quietly; returns stdout, throws with its stderr on failure. */
function quiet(cmd, args, cwd = root) {
  return execFileSync(cmd, args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
}

/** The pending changeset files (.changeset/*.md, README excluded). */
function pendingChangesets(dir = root) {
  const cs = join(dir, '.changeset');
  return existsSync(cs) ? readdirSync(cs).filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md') : [];
}

/** name -> { dir, version, private } for packages/*. */
function packages(dir) {
  const out = new Map();
  for (const d of readdirSync(join(dir, 'packages')).sort()) {
    const file = join(dir, 'packages', d, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    out.set(pkg.name, { dir: d, version: pkg.version, private: Boolean(pkg.private) });
  }
  return out;
}

/** The newest section of a CHANGELOG.md. */
function latestEntry(file) {
  if (!existsSync(file)) return '(no CHANGELOG.md)';
  const text = readFileSync(file, 'utf8');
  const start = text.indexOf('\n## ');
  if (start < 0) return text.trim();
  const next = text.indexOf('\n## ', start + 4);
  return text.slice(start + 1, next < 0 ? undefined : next).trim();
}

/** `npm pack --dry-run` of one package of the working tree: file count and size. */
function packSummary(dir) {
  try {
    const [info] = JSON.parse(quiet('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], join(root, 'packages', dir)));
    const hasDist = info.files.some((f) => f.path.startsWith('dist/'));
    return `${info.entryCount} files, ${(info.unpackedSize / 1024).toFixed(1)} kB unpacked${hasDist ? '' : ' — no dist/: run `pnpm build` first'}`;
  } catch (err) {
    return `npm pack --dry-run failed: ${String(err.stderr ?? err.message).trim().split('\n')[0]}`;
  }
}

function dryRun() {
  const status = sh('pnpm', ['changeset', 'status', '--verbose']);
  if (status !== 0) console.log('(changeset status exited non-zero: see above; continuing the dry run)');
  const pending = pendingChangesets();
  if (pending.length === 0) {
    console.log('\nNo pending changesets in .changeset/: nothing would be released.');
    return 0;
  }

  const work = mkdtempSync(join(tmpdir(), 'assetkit-release-'));
  const tree = join(work, 'tree');
  const before = packages(root);
  try {
    quiet('git', ['worktree', 'add', '--detach', tree, 'HEAD']);
    // Changesets not committed yet count too; the worktree borrows node_modules.
    for (const f of pending) cpSync(join(root, '.changeset', f), join(tree, '.changeset', f));
    symlinkSync(join(root, 'node_modules'), join(tree, 'node_modules'), 'dir');
    const code = sh('pnpm', ['exec', 'changeset', 'version'], tree);
    if (code !== 0) throw new Error('changeset version failed in the temporary worktree');

    const after = packages(tree);
    const moved = [...after].filter(([name, p]) => before.get(name)?.version !== p.version);
    console.log(`\n== Versions after \`changeset version\` (${pending.length} changeset${pending.length === 1 ? '' : 's'}) ==`);
    for (const [name, p] of moved) console.log(`  ${name}: ${before.get(name)?.version ?? '(new)'} → ${p.version}${p.private ? ' (private)' : ''}`);
    for (const [name, p] of moved) {
      console.log(`\n-- ${name} CHANGELOG --\n${latestEntry(join(tree, 'packages', p.dir, 'CHANGELOG.md'))}`);
    }

    console.log('\n== Would publish (npm pack --dry-run of the current build) ==');
    for (const [name, p] of moved.filter(([, p]) => !p.private)) console.log(`  ${name}@${p.version}: ${packSummary(p.dir)}`);
    console.log('\nDry run only: nothing was versioned or published. Next: `pnpm changeset version`, commit, then `pnpm release --publish`.');
    return 0;
  } finally {
    try {
      quiet('git', ['worktree', 'remove', '--force', tree]);
    } catch {
      quiet('git', ['worktree', 'prune']);
    }
    rmSync(work, { recursive: true, force: true });
  }
}

function publish() {
  const pending = pendingChangesets();
  if (pending.length > 0) {
    console.error(`release --publish: ${pending.length} changeset(s) not applied yet. Run \`pnpm changeset version\`, review, commit, then publish.`);
    return 1;
  }
  if (sh('pnpm', ['build']) !== 0) return 1;
  return sh('pnpm', ['changeset', 'publish']);
}

try {
  process.exitCode = process.argv.includes('--publish') ? publish() : dryRun();
} catch (err) {
  console.error(`release: ${err.message}`);
  process.exitCode = 1;
}
