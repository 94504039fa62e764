// Brings a vendor's published document into the shape our specs use, undoing
// the defect classes the lint rules know (scripts/lint/assetkit-rules.mjs), so
// that comparing it with our spec shows real differences only:
//   enum values as {value: x} objects, credentials as header parameters,
//   nested tags, missing servers; plus Accept/Content-Type header parameters,
//   which OpenAPI itself says to ignore.
// It also keeps only the operations that concern our spec (see scopeOperations).
import { CREDENTIAL_HEADER } from '../lint/assetkit-rules.mjs';
import { deref } from '../spec-diff/load-spec.mjs';

/** Header parameters OpenAPI says to ignore (3.0/3.1 §Parameter Object: "SHALL be ignored"); Authorization is also a credential. */
const IGNORED_HEADERS = /^(accept|content-type)$/i;
const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const isObject = (v) => v !== null && typeof v === 'object' && !Array.isArray(v);

/** `/assets/{asset_id}` and `/assets/{id}` are the same operation path. */
export const pathTemplate = (path) => path.replace(/\{[^}]*\}/g, '{}');
const firstSegment = (path) => path.split('/').find(Boolean) ?? '';

/**
 * @typedef {{ rule: string, count: number, detail: string }} Normalisation
 * @typedef {{ doc: any, normalised: Normalisation[], credentialHeaders: string[], matched: string[], extra: string[], missing: string[] }} Normalised
 */

/**
 * @param {any} vendor the vendor's document (not modified)
 * @param {any} ours our spec
 * @param {{ onlyOurs?: boolean }} [options] onlyOurs: drop vendor operations our spec lacks instead of listing them
 * @returns {Normalised}
 */
export function normaliseVendor(vendor, ours, { onlyOurs = false } = {}) {
  const doc = structuredClone(vendor);

  const scoped = scopeOperations(doc, ours, onlyOurs);
  const { normalised, credentialHeaders } = fixDefects(doc);
  const note = (rule, count, detail) => count && normalised.push({ rule, count, detail });
  const ranged = matchStatusRanges(doc, ours);
  note('status-ranges', ranged.length, `${ranged.length} status code(s) compared with our range (${ranged.slice(0, 4).join(', ')}${ranged.length > 4 ? ', ...' : ''})`);
  if (!Array.isArray(doc.servers) || doc.servers.length === 0) {
    doc.servers = structuredClone(ours.servers ?? []);
    note('servers-required', 1, 'no servers: ours assumed');
  }
  return { doc, normalised, credentialHeaders, ...scoped };
}

/**
 * Undoes, in place, the defect classes that do not depend on our spec:
 * {value: x} enum values, credential header parameters, nested tags.
 * @returns {{ normalised: Normalisation[], credentialHeaders: string[] }}
 */
export function fixDefects(doc) {
  const normalised = [];
  const note = (rule, count, detail) => count && normalised.push({ rule, count, detail });
  let enums = 0;
  walk(doc, (node) => {
    if (Array.isArray(node.enum) && node.enum.some((v) => isObject(v) && 'value' in v)) {
      node.enum = node.enum.map((v) => (isObject(v) && 'value' in v ? v.value : v));
      enums++;
    }
  });
  note('enum-scalar-values', enums, `${enums} enum(s) written as {value: x} objects made plain`);

  const credentialHeaders = new Set();
  let credentialParams = 0;
  let ignoredParams = 0;
  let tags = 0;
  for (const item of Object.values(doc.paths ?? {})) {
    if (!isObject(item)) continue;
    const strip = (params) =>
      (params ?? []).filter((raw) => {
        const p = deref(doc, raw).node;
        if (p?.in === 'header' && typeof p.name === 'string' && IGNORED_HEADERS.test(p.name)) {
          ignoredParams++;
          return false;
        }
        if (p?.in === 'header' && typeof p.name === 'string' && CREDENTIAL_HEADER.test(p.name)) {
          credentialHeaders.add(p.name.toLowerCase());
          credentialParams++;
          return false;
        }
        return true;
      });
    if (Array.isArray(item.parameters)) item.parameters = strip(item.parameters);
    for (const m of METHODS) {
      const op = item[m];
      if (!isObject(op)) continue;
      if (Array.isArray(op.parameters)) op.parameters = strip(op.parameters);
      if (Array.isArray(op.tags) && op.tags.some((t) => typeof t !== 'string')) {
        op.tags = op.tags.flat(Infinity).map(String);
        tags++;
      }
    }
  }
  note('no-credential-header-params', credentialParams, `${credentialParams} credential header parameter(s) removed (${[...credentialHeaders].join(', ')})`);
  note('ignored-header-params', ignoredParams, `${ignoredParams} Accept/Content-Type header parameter(s) removed (OpenAPI ignores them)`);
  note('tags-are-strings', tags, `nested tag lists flattened in ${tags} operation(s)`);
  for (const s of Object.values(doc.components?.securitySchemes ?? {})) {
    if (s?.type === 'apiKey' && s.in === 'header' && typeof s.name === 'string') credentialHeaders.add(s.name.toLowerCase());
  }

  return { normalised, credentialHeaders: [...credentialHeaders].sort() };
}

/**
 * Keeps the vendor operations that match one of ours by method and path
 * template (renamed to our path spelling), plus — unless onlyOurs — those we
 * lack whose first path segment is one our spec uses (`/assets/...`), so a
 * whole vendor document can be given without listing its unrelated APIs.
 */
function scopeOperations(doc, ours, onlyOurs) {
  const ourOps = new Map();
  const segments = new Set();
  for (const [path, item] of Object.entries(ours.paths ?? {})) {
    segments.add(firstSegment(path));
    for (const m of METHODS) if (item?.[m]) ourOps.set(`${m} ${pathTemplate(path)}`, path);
  }
  const paths = {};
  const matched = [];
  const extra = [];
  const seen = new Set();
  for (const [path, rawItem] of Object.entries(doc.paths ?? {})) {
    const item = deref(doc, rawItem).node;
    if (!isObject(item)) continue;
    for (const m of METHODS) {
      if (!item[m]) continue;
      const key = `${m} ${pathTemplate(path)}`;
      const ourPath = ourOps.get(key);
      const target = ourPath ?? (!onlyOurs && segments.has(firstSegment(path)) ? path : null);
      if (!target) continue;
      paths[target] ??= renamePathParams(doc, Object.fromEntries(Object.entries(item).filter(([k]) => !METHODS.includes(k))), path, target);
      paths[target][m] = renamePathParams(doc, item[m], path, target);
      (ourPath ? matched : extra).push(`${m.toUpperCase()} ${target}`);
      seen.add(key);
    }
  }
  const missing = [...ourOps].filter(([key]) => !seen.has(key)).map(([key, path]) => `${key.split(' ')[0].toUpperCase()} ${path}`);
  doc.paths = paths;
  return { matched, extra, missing };
}

/**
 * A vendor's `500` where we declare `5XX` (and no `500`) is the same response
 * for a client: compare it under our key instead of reporting one removed and
 * one added. The first of several codes in one range wins.
 * @returns {string[]} `METHOD /path 500→5XX` for each moved code
 */
function matchStatusRanges(doc, ours) {
  const moved = [];
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const m of METHODS) {
      const theirs = item?.[m]?.responses;
      const mine = deref(ours, ours.paths?.[path]).node?.[m]?.responses;
      if (!isObject(theirs) || !isObject(mine)) continue;
      for (const code of Object.keys(theirs)) {
        const range = `${code[0]}XX`;
        if (!/^\d{3}$/.test(code) || code in mine || !(range in mine) || range in theirs) continue;
        theirs[range] = theirs[code];
        delete theirs[code];
        moved.push(`${m.toUpperCase()} ${path} ${code}→${range}`);
      }
    }
  }
  return moved;
}

/** Gives the path parameters of a node (path item or operation) our names: `{id}` in theirs is `{asset_id}` in ours, by position. */
function renamePathParams(doc, node, theirPath, ourPath) {
  if (theirPath === ourPath || !Array.isArray(node.parameters)) return node;
  const names = (p) => [...p.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
  const ours = names(ourPath);
  const theirs = names(theirPath);
  const parameters = node.parameters.map((raw) => {
    const p = deref(doc, raw).node;
    const i = p?.in === 'path' ? theirs.indexOf(p.name) : -1;
    return i >= 0 && ours[i] ? { ...p, name: ours[i] } : raw;
  });
  return { ...node, parameters };
}

function walk(node, fn, seen = new Set()) {
  if (!node || typeof node !== 'object' || seen.has(node)) return;
  seen.add(node);
  if (!Array.isArray(node)) fn(node);
  for (const v of Object.values(node)) walk(v, fn, seen);
}
