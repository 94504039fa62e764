import { InvalidRequestError } from '@assetkit/runtime/errors';
import type { Provider } from './asset.js';

/** One patch meaning for every provider: keys in `set` get these values, keys in `unset` are removed, the rest stay. */
export interface MetadataUpdate {
  set?: Record<string, unknown>;
  unset?: string[];
}

/** Checks a patch before anything is sent: something to do, no key both set and unset, no empty key. */
export function checkPatch(update: MetadataUpdate | undefined, provider: Provider): { set: Record<string, unknown>; unset: string[] } {
  const fail = (message: string) => new InvalidRequestError(`updateMetadata: ${message}`, { provider });
  if (update === null || typeof update !== 'object') throw fail('pass { set?, unset? }');
  const { set = {}, unset = [] } = update;
  if (set === null || typeof set !== 'object' || Array.isArray(set)) throw fail('set must be an object of key -> value');
  if (!Array.isArray(unset) || !unset.every((k) => typeof k === 'string')) throw fail('unset must be a list of keys');
  const keys = Object.keys(set);
  if (keys.length === 0 && unset.length === 0) throw fail('nothing to change: give set and/or unset');
  for (const key of [...keys, ...unset]) if (key.trim() === '') throw fail('a key is empty');
  const both = keys.filter((k) => unset.includes(k));
  if (both.length) throw fail(`${both.map((k) => JSON.stringify(k)).join(', ')} both set and unset`);
  for (const key of keys) if (set[key] === undefined) throw fail(`${JSON.stringify(key)} has no value (use unset to remove it)`);
  return { set, unset: [...new Set(unset)] };
}
