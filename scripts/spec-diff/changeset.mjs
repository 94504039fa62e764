// From spec results to Changesets: which packages move and how far, the
// changeset file itself, and reading the changesets already pending.
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';
import { LEVEL_NAMES, maxLevel, rank } from './classify.mjs';

/** @typedef {import('./diff-specs.mjs').SpecResult} SpecResult */
/** @typedef {import('./classify.mjs').Level} Level */
/** @typedef {{ name: string, dependencies: string[] }} WorkspacePackage */

/** The workspace packages under packages/ with their internal dependencies. @returns {WorkspacePackage[]} */
export function readWorkspace(root) {
  const dir = join(root, 'packages');
  if (!existsSync(dir)) return [];
  const pkgs = [];
  for (const d of readdirSync(dir).sort()) {
    const file = join(dir, d, 'package.json');
    if (!existsSync(file)) continue;
    const pkg = JSON.parse(readFileSync(file, 'utf8'));
    const deps = { ...pkg.dependencies, ...pkg.peerDependencies };
    pkgs.push({ name: pkg.name, dependencies: Object.keys(deps) });
  }
  return pkgs;
}

/** The package a provider's spec generates. */
export function packageOf(provider) {
  return `@assetkit/${provider}`;
}

/**
 * Package -> bump: each changed provider's package at the highest level of its
 * changes, and a patch for every workspace package that depends on one of them
 * directly (in this repo: @assetkit/unified), so its changelog says why.
 * @param {SpecResult[]} results @param {WorkspacePackage[]} workspace
 * @returns {Map<string, Exclude<Level, 'none'>>} sorted by package name
 */
export function planBumps(results, workspace) {
  const bumps = new Map();
  for (const r of results) {
    if (r.level === 'none' || !releasable(r, workspace)) continue;
    bumps.set(packageOf(r.provider), r.level);
  }
  const moved = [...bumps.keys()];
  for (const pkg of workspace) {
    if (bumps.has(pkg.name)) continue;
    if (pkg.dependencies.some((d) => moved.includes(d))) bumps.set(pkg.name, 'patch');
  }
  return new Map([...bumps].sort(([x], [y]) => x.localeCompare(y)));
}

/** Whether a result's package can take a bump: a deleted spec's package may be gone already. */
export function releasable(r, workspace) {
  return r.status !== 'removed' || workspace.some((p) => p.name === packageOf(r.provider));
}

/** One human line per change. */
export function describeChange(provider, c) {
  return `${provider}: ${LEVEL_NAMES[c.level]} (${c.level}) ${c.kind} at \`${c.path}\`${c.detail ? ` — ${c.detail}` : ''}`;
}

/**
 * The changeset for some spec results, or null when nothing changed.
 * The name is derived from the content, so the same change gives the same file.
 * @param {SpecResult[]} results @param {WorkspacePackage[]} workspace
 * @returns {{ fileName: string, content: string, bumps: Map<string, string> } | null}
 */
export function renderChangeset(results, workspace) {
  const changed = results.filter((r) => r.changes.length > 0 && releasable(r, workspace));
  const bumps = planBumps(changed, workspace);
  if (bumps.size === 0) return null;
  const front = [...bumps].map(([name, level]) => `"${name}": ${level}`);
  const summary = changed.map((r) => `${r.provider} (${r.level})`).join(', ');
  const lines = changed.flatMap((r) => r.changes.map((c) => `- ${describeChange(r.provider, c)}`));
  const content = ['---', ...front, '---', '', `Spec changes: ${summary}.`, '', ...lines, ''].join('\n');
  const hash = createHash('sha256').update(content).digest('hex').slice(0, 8);
  return { fileName: `spec-${changed.map((r) => r.provider).join('-')}-${hash}.md`, content, bumps };
}

/** The package -> level frontmatter of one changeset file. @returns {Map<string, Level>} */
export function parseChangeset(text) {
  const m = /^---\r?\n([\s\S]*?)\r?\n?---/.exec(text);
  const out = new Map();
  if (!m) return out;
  const front = parse(m[1]) ?? {};
  for (const [name, level] of Object.entries(front)) if (rank(level) > 0) out.set(name, level);
  return out;
}

/**
 * The highest pending bump of each package over .changeset/*.md (README excluded).
 * @returns {Map<string, { level: Level, files: string[] }>}
 */
export function readPendingBumps(root) {
  const dir = join(root, '.changeset');
  const out = new Map();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((f) => f.endsWith('.md') && f.toLowerCase() !== 'readme.md').sort()) {
    for (const [name, level] of parseChangeset(readFileSync(join(dir, f), 'utf8'))) {
      const cur = out.get(name) ?? { level: 'none', files: [] };
      out.set(name, { level: maxLevel([cur.level, level]), files: [...cur.files, f] });
    }
  }
  return out;
}
