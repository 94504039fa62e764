// `allOf: [A, {properties...}]` over plain object schemas is one object to a
// client (openapi-typescript generates `A & {...}`), and the same object a
// vendor may write flat. The diff engine compares properties only at the top
// of a schema, so without this every property under one side's allOf would
// show up as "added" and the shapes would not be compared at all. Both
// documents are put in the same form before comparing: such an allOf becomes
// one object with the members' properties and required lists, and the
// members' x-assetkit-correction ids move onto it (an id on a member still
// explains what is under it).
import { deref } from '../spec-diff/load-spec.mjs';

const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);
/** Keys a member may have and still be merged: anything else (compositions, additionalProperties, items, not, ...) keeps the allOf. */
const MERGEABLE = /^(type|properties|required|description|title|example|examples|deprecated|x-.*)$/;

/**
 * Merges, in place, every allOf whose members are plain object schemas with
 * distinct property names. `doc` must be a copy the caller may change.
 * @returns {number} how many allOf compositions were merged
 */
export function mergeAllOf(doc) {
  const found = [];
  collect(doc, found, new Set());
  let merged = 0;
  for (const node of found) if (mergeOne(doc, node)) merged++;
  return merged;
}

function collect(node, found, seen) {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (isObject(node) && Array.isArray(node.allOf)) found.push(node);
  for (const v of Object.values(node)) collect(v, found, seen);
}

function mergeOne(doc, node) {
  const { allOf, ...wrapper } = node;
  const members = allOf.map((m) => deref(doc, m).node);
  const parts = [wrapper, ...members];
  if (!parts.every((m) => isObject(m) && Object.keys(m).every((k) => MERGEABLE.test(k)) && (m.type === undefined || m.type === 'object'))) return false;
  const properties = {};
  for (const m of parts) {
    for (const [name, schema] of Object.entries(m.properties ?? {})) {
      if (name in properties) return false; // the same property twice: an intersection of two schemas, not a plain merge
      properties[name] = schema;
    }
  }
  const required = [...new Set(parts.flatMap((m) => (Array.isArray(m.required) ? m.required : [])))];
  const ids = [];
  for (const m of parts) {
    const v = m['x-assetkit-correction'];
    for (const id of Array.isArray(v) ? v : v == null ? [] : [v]) if (!ids.includes(id)) ids.push(id);
  }
  delete node.allOf;
  node.type = 'object';
  node.properties = properties;
  if (required.length) node.required = required;
  if (ids.length) node['x-assetkit-correction'] = ids.length === 1 ? ids[0] : ids;
  return true;
}
