// Reads the correction rows of specs/CORRECTIONS.md: every table row whose
// first cell is a stable id such as `TL-C06` (see PLAN/CORRECTIONS preamble).
import { readFileSync } from 'node:fs';

/** @typedef {{ id: string, section: string, text: string, cells: string[] }} Correction */

export const CORRECTION_ID = /^[A-Z]{2,}-C\d+$/;

/** @param {string} markdown @returns {Map<string, Correction>} */
export function parseCorrections(markdown) {
  const out = new Map();
  let section = '';
  for (const line of markdown.split(/\r?\n/)) {
    const heading = /^#{1,6}\s+(.*)$/.exec(line);
    if (heading) section = heading[1].trim();
    if (!line.trimStart().startsWith('|')) continue;
    const cells = line.trim().replace(/^\||\|$/g, '').split('|').map((c) => c.trim());
    const id = cells[0]?.replace(/[`*]/g, '');
    if (!id || !CORRECTION_ID.test(id)) continue;
    if (out.has(id)) throw new Error(`CORRECTIONS: id ${id} appears twice (section "${out.get(id).section}" and "${section}")`);
    out.set(id, { id, section, cells: cells.slice(1), text: cells.slice(1).join(' | ') });
  }
  return out;
}

/** @param {string} file */
export function readCorrections(file) {
  let text;
  try {
    text = readFileSync(file, 'utf8');
  } catch (err) {
    throw new Error(`${file}: cannot read the corrections (${/** @type {NodeJS.ErrnoException} */ (err).code ?? err})`);
  }
  return parseCorrections(text);
}
