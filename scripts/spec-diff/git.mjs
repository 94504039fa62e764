// The few git operations the spec tools need, run with execFileSync (no shell).
import { execFileSync } from 'node:child_process';

/** Runs git in `cwd`; returns trimmed stdout. Throws on a non-zero exit. */
export function git(cwd, args) {
  return execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], maxBuffer: 64 << 20 }).trim();
}

/** Like git(), but null instead of throwing. */
export function tryGit(cwd, args) {
  try {
    return git(cwd, args);
  } catch {
    return null;
  }
}

/** Whether `ref` names a commit. */
export function refExists(cwd, ref) {
  return tryGit(cwd, ['rev-parse', '--verify', '--quiet', `${ref}^{commit}`]) !== null;
}

/** The current branch name, or null on a detached HEAD. */
export function currentBranch(cwd) {
  const name = tryGit(cwd, ['symbolic-ref', '--short', '-q', 'HEAD']);
  return name || null;
}

/** Short commit id of `ref`. */
export function shortSha(cwd, ref) {
  return git(cwd, ['rev-parse', '--short', ref]);
}

/**
 * The spec files of directory `dir` (relative to the repo root) at `ref`, as
 * file name -> text. Empty when the directory did not exist there.
 * @returns {Map<string, string>}
 */
export function readSpecsAtRef(cwd, ref, dir = 'specs') {
  if (!refExists(cwd, ref)) throw new Error(`git ref "${ref}" not found`);
  const out = new Map();
  const listing = tryGit(cwd, ['ls-tree', '--name-only', `${ref}:${dir}`]) ?? '';
  for (const file of listing.split('\n').filter((f) => /\.ya?ml$/.test(f)).sort()) {
    out.set(file, execFileSync('git', ['show', `${ref}:${dir}/${file}`], { cwd, encoding: 'utf8', maxBuffer: 64 << 20 }));
  }
  return out;
}
