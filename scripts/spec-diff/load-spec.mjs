// Reading specs: YAML text -> document, the provider it names, local $refs.
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/** @param {string} text @param {string} [label] @returns {any} */
export function parseSpec(text, label = 'spec') {
  try {
    return parse(text) ?? {};
  } catch (err) {
    throw new Error(`${label}: not valid YAML (${/** @type {Error} */ (err).message})`);
  }
}

/** The provider a spec is for: info.x-assetkit.provider, else the file's base name. */
export function providerOf(doc, file) {
  return doc?.info?.['x-assetkit']?.provider ?? file.replace(/\.ya?ml$/, '');
}

/** Follows one local JSON pointer (`#/components/...`); undefined when it does not resolve. */
export function resolvePointer(doc, ref) {
  if (typeof ref !== 'string' || !ref.startsWith('#/')) return undefined;
  let node = doc;
  for (const raw of ref.slice(2).split('/')) {
    const key = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (node == null || typeof node !== 'object') return undefined;
    node = node[key];
  }
  return node;
}

/**
 * Resolves `$ref` chains of an object. Siblings of a `$ref` (allowed in 3.1,
 * e.g. a description) win over the target's keys.
 * @returns {{ node: any, refs: string[] }} the resolved object and the refs passed through
 */
export function deref(doc, node) {
  const refs = [];
  let siblings = {};
  while (node && typeof node === 'object' && typeof node.$ref === 'string') {
    if (refs.includes(node.$ref)) break;
    refs.push(node.$ref);
    const { $ref, ...rest } = node;
    siblings = { ...rest, ...siblings };
    node = resolvePointer(doc, $ref) ?? {};
  }
  return { node: refs.length && node && typeof node === 'object' ? { ...node, ...siblings } : node, refs };
}

/** Every spec file of a directory, as file name -> text. @returns {Map<string, string>} */
export function readSpecsFromDir(dir) {
  const out = new Map();
  if (!existsSync(dir)) return out;
  for (const f of readdirSync(dir).filter((f) => /\.ya?ml$/.test(f)).sort()) out.set(f, readFileSync(join(dir, f), 'utf8'));
  return out;
}
