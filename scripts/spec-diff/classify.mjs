// Release levels and the variance rules that turn a spec change into one.
//
// A TypeScript user of the generated client *writes* request positions
// (parameters, request bodies) and *reads* response positions. Widening what
// they may write is a feature, narrowing it breaks their calls; for what they
// read it is the other way round (with the project's choices noted in README:
// a new response property or enum value is a feature).

/** @typedef {'none' | 'patch' | 'minor' | 'major'} Level */
/** @typedef {'request' | 'response'} Position */
/**
 * One classified change.
 * @typedef {{ path: string, kind: string, level: Exclude<Level, 'none'>, detail?: string }} Change
 */

export const LEVELS = /** @type {const} */ (['none', 'patch', 'minor', 'major']);

/** Human names of the levels, as the README's table uses them. */
export const LEVEL_NAMES = { major: 'breaking', minor: 'feature', patch: 'fix', none: 'none' };

/** @param {Level} level */
export function rank(level) {
  return LEVELS.indexOf(level);
}

/** The highest of some levels ('none' for none). @param {Iterable<Level>} levels @returns {Level} */
export function maxLevel(levels) {
  let best = 'none';
  for (const l of levels) if (rank(l) > rank(best)) best = l;
  return /** @type {Level} */ (best);
}

/** Whether `have` covers `need`. @param {Level} have @param {Level} need */
export function covers(have, need) {
  return rank(have) >= rank(need);
}

/** Level of a change that lets more values through at `pos`. @param {Position} pos @returns {Level} */
export function widened(pos) {
  return pos === 'request' ? 'minor' : 'major';
}

/** Level of a change that lets fewer values through at `pos`. @param {Position} pos @returns {Level} */
export function narrowed(pos) {
  return pos === 'request' ? 'major' : 'minor';
}
