// check:changeset — a spec that changed since the base needs a pending
// changeset that bumps its package at least as far as the change requires.
import { join } from 'node:path';
import { covers } from './classify.mjs';
import { packageOf, readPendingBumps, readWorkspace, releasable } from './changeset.mjs';
import { diffSpecSets } from './diff-specs.mjs';
import { currentBranch, git, readSpecsAtRef, refExists } from './git.mjs';
import { readSpecsFromDir } from './load-spec.mjs';

/**
 * The ref to compare against: --base, else SPEC_BASE_REF, else on a branch
 * other than main the merge-base with origin/main (or main).
 * @returns {{ ref: string } | { skip: string }}
 */
export function resolveCheckBase(root, { base, env = process.env } = {}) {
  if (base) return { ref: base };
  if (env.SPEC_BASE_REF) return { ref: env.SPEC_BASE_REF };
  if (currentBranch(root) === 'main') return { skip: 'on main: nothing to compare' };
  for (const candidate of ['origin/main', 'main']) {
    if (refExists(root, candidate)) return { ref: git(root, ['merge-base', 'HEAD', candidate]) };
  }
  return { skip: 'no base to compare (no origin/main or main); pass --base or set SPEC_BASE_REF' };
}

/**
 * Runs the check in repository `root`.
 * @returns {{ ok: boolean, lines: string[], failures: { package: string, need: string, have: string }[] }}
 */
export function checkChangeset(root, options = {}) {
  const resolved = resolveCheckBase(root, options);
  if ('skip' in resolved) return { ok: true, lines: [`check:changeset: ${resolved.skip}`], failures: [] };
  const results = diffSpecSets(readSpecsAtRef(root, resolved.ref), readSpecsFromDir(join(root, 'specs')));
  const workspace = readWorkspace(root);
  const pending = readPendingBumps(root);
  const lines = [];
  const failures = [];
  for (const r of results) {
    if (r.level === 'none') continue;
    const pkg = packageOf(r.provider);
    if (!releasable(r, workspace)) {
      lines.push(`check:changeset: ${pkg}: spec removed and package gone — nothing to release`);
      continue;
    }
    const have = pending.get(pkg);
    const counts = r.changes.filter((c) => c.level === r.level).length;
    if (have && covers(have.level, r.level)) {
      lines.push(`check:changeset: ${pkg} ok — needs ${r.level}, ${have.files.join(', ')} gives ${have.level}`);
    } else {
      failures.push({ package: pkg, need: r.level, have: have?.level ?? 'none' });
      lines.push(
        `check:changeset: ${pkg} needs a ${r.level} changeset: specs/${r.file} changed since ${resolved.ref.slice(0, 12)} ` +
          `(${counts} ${r.level} change${counts === 1 ? '' : 's'}, e.g. ${r.changes.find((c) => c.level === r.level).path}), ` +
          (have ? `but pending changesets only give ${have.level} (${have.files.join(', ')}).` : 'but no pending changeset bumps it.') +
          ' Run `pnpm spec:changeset` (or `pnpm changeset`) and commit the file.',
      );
    }
  }
  if (lines.length === 0) lines.push(`check:changeset: no spec changed since ${resolved.ref.slice(0, 12)}`);
  return { ok: failures.length === 0, lines, failures };
}
