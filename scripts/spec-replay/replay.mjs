// spec:replay: the changes between consecutive dated vendor documents of one
// folder (`2026-04-16_1195f82.json`, ...), each classified as spec:diff would
// classify the same edit of our spec. Both sides first get the defect fixes
// of spec:upstream (enum objects, credential header parameters, nested tags),
// so a step shows what the vendor changed, not how it wrote it.
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { maxLevel } from '../spec-diff/classify.mjs';
import { diffDocs } from '../spec-diff/diff-document.mjs';
import { loadDocument } from '../spec-diff/load-document.mjs';
import { fixDefects } from '../spec-upstream/normalise.mjs';

const DOCUMENT = /\.(json|ya?ml)$/i;

/**
 * @typedef {{ from: string, to: string, level: import('../spec-diff/classify.mjs').Level, changes: import('../spec-diff/classify.mjs').Change[] }} Step
 */

/** The documents of a folder in replay order: by file name, which starts with the date. */
export function listDocuments(folder) {
  let names;
  try {
    names = readdirSync(folder);
  } catch (err) {
    throw new Error(`${folder}: cannot read the folder (${/** @type {NodeJS.ErrnoException} */ (err).code ?? err})`);
  }
  const files = names.filter((f) => DOCUMENT.test(f)).sort();
  if (files.length < 2) throw new Error(`${folder}: needs at least two OpenAPI documents (.json, .yaml), found ${files.length}`);
  return files;
}

/** @param {string} folder @returns {Promise<Step[]>} */
export async function replay(folder) {
  const files = listDocuments(folder);
  const load = async (f) => {
    const { doc } = await loadDocument(join(folder, f));
    fixDefects(doc);
    return doc;
  };
  const steps = [];
  let prev = await load(files[0]);
  for (let i = 1; i < files.length; i++) {
    const next = await load(files[i]);
    const changes = diffDocs(prev, next);
    steps.push({ from: files[i - 1], to: files[i], level: maxLevel(changes.map((c) => c.level)), changes });
    prev = next;
  }
  return steps;
}

/** @param {Step[]} steps @param {{ provider: string, verbose?: boolean }} opts */
export function formatReplay(steps, { provider, verbose = false }) {
  const out = [`spec:replay: ${steps.length} step(s) for @assetkit/${provider}`, ''];
  for (const s of steps) {
    const counts = ['major', 'minor', 'patch'].map((l) => [l, s.changes.filter((c) => c.level === l).length]).filter(([, n]) => n);
    out.push(`${s.to}  ${s.level.padEnd(5)}  ${counts.length ? counts.map(([l, n]) => `${n} ${l}`).join(', ') : 'no change'}  (from ${s.from})`);
    for (const c of s.changes) {
      if (c.level === 'patch' && !verbose) continue;
      out.push(`    ${c.level.padEnd(5)}  ${c.kind}  ${c.path}${c.detail ? `  (${c.detail})` : ''}`);
    }
  }
  out.push('', 'Summary:');
  for (const s of steps) out.push(`  ${s.to}: ${s.level}`);
  out.push(`  overall: ${maxLevel(steps.map((s) => s.level))}`);
  return out.join('\n');
}
