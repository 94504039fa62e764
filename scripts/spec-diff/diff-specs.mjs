// Compares two sets of spec files (file name -> YAML text): one result per provider.
import { maxLevel } from './classify.mjs';
import { diffDocs } from './diff-document.mjs';
import { parseSpec, providerOf } from './load-spec.mjs';

/**
 * @typedef {{
 *   provider: string, file: string,
 *   status: 'added' | 'removed' | 'changed' | 'unchanged',
 *   changes: import('./classify.mjs').Change[],
 *   level: import('./classify.mjs').Level,
 * }} SpecResult
 */

/**
 * @param {Map<string, string>} before spec files at the base
 * @param {Map<string, string>} after spec files now
 * @returns {SpecResult[]} sorted by provider
 */
export function diffSpecSets(before, after) {
  const results = [];
  for (const file of [...new Set([...before.keys(), ...after.keys()])].sort()) {
    const textA = before.get(file);
    const textB = after.get(file);
    const docA = textA === undefined ? undefined : parseSpec(textA, `specs/${file} (base)`);
    const docB = textB === undefined ? undefined : parseSpec(textB, `specs/${file}`);
    const provider = providerOf(docB ?? docA, file);
    let status;
    let changes;
    if (textA === undefined) {
      status = 'added';
      changes = [{ path: `specs/${file}`, kind: 'provider-added', level: 'minor', detail: 'new provider spec' }];
    } else if (textB === undefined) {
      status = 'removed';
      changes = [{ path: `specs/${file}`, kind: 'provider-removed', level: 'major', detail: 'spec deleted' }];
    } else if (textA === textB) {
      status = 'unchanged';
      changes = [];
    } else {
      status = 'changed';
      changes = diffDocs(docA, docB);
      // Same document, different text (comments, formatting): the generated
      // files still change, through the spec hash in their header.
      if (changes.length === 0) changes = [{ path: `specs/${file}`, kind: 'formatting', level: 'patch', detail: 'text changed, document did not' }];
    }
    results.push({ provider, file, status, changes, level: maxLevel(changes.map((c) => c.level)) });
  }
  return results.sort((x, y) => x.provider.localeCompare(y.provider));
}
