// Compares two JSON Schemas (OpenAPI 3.1 schema objects) at a request or
// response position and records each change with the place it shows up.
import { deref } from './load-spec.mjs';
import { narrowed, widened } from './classify.mjs';

/** @typedef {import('./classify.mjs').Change} Change */
/** @typedef {import('./classify.mjs').Position} Position */
/** @typedef {import('./classify.mjs').Level} Level */

/**
 * Where a change is reported. Structural changes are reported where the schema
 * is used (`where` + `ptr`); wording changes inside a shared component are
 * reported once, at the component (`docWhere` + `docPtr`).
 * @typedef {{ where: string, ptr: string, docWhere: string, docPtr: string }} Loc
 */

/** Keys that shape the generated TypeScript type; every other key is wording or validation. */
const STRUCTURAL = new Set([
  'type', 'enum', 'const', 'properties', 'required', 'items', 'prefixItems', 'additionalProperties',
  'allOf', 'oneOf', 'anyOf', '$ref', 'nullable', '$defs', 'definitions',
]);

/** Change kinds of non-structural keys. */
const DOC_KINDS = {
  description: 'description-changed', summary: 'description-changed', title: 'title-changed',
  example: 'example-changed', examples: 'example-changed', externalDocs: 'description-changed',
};

/** @param {any} docA @param {any} docB */
export function createContext(docA, docB) {
  return {
    a: docA,
    b: docB,
    /** @type {Change[]} */ changes: [],
    /** refs of A reached from an operation, so unused components can be compared on their own */
    usedRefs: new Set(),
    /** ref pairs on the current descent, against cycles */
    stack: new Set(),
    /** doc-change paths already reported */
    reported: new Set(),
    /** nodes of document A (before) on the current descent, outermost first: spec:upstream
     *  reads their `x-assetkit-correction` to explain a difference */
    trail: [],
  };
}

/** Runs `fn` with `node` (a node of document A) on the trail. */
export function within(ctx, node, fn) {
  const pushed = node && typeof node === 'object';
  if (pushed) ctx.trail.push(node);
  try {
    return fn();
  } finally {
    if (pushed) ctx.trail.pop();
  }
}

/** The correction ids (`x-assetkit-correction`: an id or a list) on some nodes, in order, without repeats. */
export function correctionIds(nodes) {
  const ids = [];
  for (const n of nodes) {
    const v = n && typeof n === 'object' ? n['x-assetkit-correction'] : undefined;
    for (const id of Array.isArray(v) ? v : v == null ? [] : [v]) if (!ids.includes(String(id))) ids.push(String(id));
  }
  return ids;
}

/** @param {string} where @param {string} ptr */
export function at(where, ptr) {
  if (!ptr) return where;
  return ptr.startsWith('[') || ptr.startsWith('(') ? `${where}${ptr}` : `${where} › ${ptr}`;
}

/** @param {string} where @returns {Loc} */
export function locAt(where) {
  return { where, ptr: '', docWhere: where, docPtr: '' };
}

/** @param {Loc} loc @param {(ptr: string) => string} step @returns {Loc} */
function step(loc, fn) {
  return { ...loc, ptr: fn(loc.ptr), docPtr: fn(loc.docPtr) };
}
const prop = (name) => (p) => (p ? `${p}.${name}` : name);
const items = (p) => `${p}[]`;
const extra = (p) => (p ? `${p}.*` : '*');
const variant = (key, i) => (p) => `${p}(${key} #${i + 1})`;

/**
 * Records a structural change. `self` is document A's node the change is
 * about when it is not on the trail (an operation, parameter, response or
 * property that B lacks).
 * @param {Level} level
 */
export function record(ctx, loc, kind, level, detail, self) {
  if (level === 'none') return;
  ctx.changes.push(annotate(ctx, { path: at(loc.where, loc.ptr), kind, level, ...(detail ? { detail } : {}) }, self));
}

/**
 * Attaches document A's nodes on the way to the change (trail + self, outermost
 * first) as a non-enumerable `nodes`, so reports and JSON stay as they were.
 */
function annotate(ctx, change, self) {
  Object.defineProperty(change, 'nodes', { value: self ? [...ctx.trail, self] : [...ctx.trail], enumerable: false });
  return change;
}

/** Records a wording change once per place. */
export function recordDoc(ctx, loc, kind, detail) {
  const path = at(loc.docWhere, loc.docPtr);
  const key = `${path}\u0000${kind}\u0000${detail}`;
  if (ctx.reported.has(key)) return;
  ctx.reported.add(key);
  ctx.changes.push(annotate(ctx, { path, kind, level: 'patch', ...(detail ? { detail } : {}) }));
}

/** Stable JSON for comparing values. */
export function canonical(value) {
  return JSON.stringify(value, (_k, v) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, v[k]])) : v,
  );
}
export const same = (x, y) => canonical(x) === canonical(y);

/** Short printable form of a value. */
export function show(value) {
  const s = typeof value === 'string' ? value : canonical(value);
  return s === undefined ? '(none)' : s.length > 60 ? `${s.slice(0, 57)}...` : s;
}

/** Compares the non-structural keys of two objects as wording changes (patch). */
export function diffDocKeys(ctx, loc, a, b, skip = STRUCTURAL) {
  const keys = new Set([...Object.keys(a ?? {}), ...Object.keys(b ?? {})]);
  for (const key of keys) {
    if (skip.has(key) || same(a?.[key], b?.[key])) continue;
    const kind = DOC_KINDS[key] ?? (key.startsWith('x-') ? 'extension-changed' : `${key}-changed`);
    const detail = DOC_KINDS[key] ? `${key} changed` : `${key}: ${show(a?.[key])} → ${show(b?.[key])}`;
    recordDoc(ctx, loc, kind, detail);
  }
}

/** The TypeScript-relevant primitive types of a schema; null = unconstrained. */
function typeSet(s) {
  let types = s.type;
  if (types == null) {
    if (s.const !== undefined) types = [jsonType(s.const)];
    else if (Array.isArray(s.enum)) types = s.enum.map(jsonType);
    else if (s.properties) types = ['object'];
    else if (s.items) types = ['array'];
    else return null;
  }
  const set = new Set((Array.isArray(types) ? types : [types]).map((t) => (t === 'integer' ? 'number' : t)));
  if (s.nullable === true) set.add('null');
  return set;
}
function jsonType(v) {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  return typeof v;
}
function rawType(s) {
  const t = s.type ?? (s.properties ? 'object' : s.items ? 'array' : undefined);
  const list = t == null ? ['any'] : Array.isArray(t) ? t : [t];
  return [...list, ...(s.nullable === true ? ['null'] : [])].join(' | ');
}

/** 'same' | 'wider' | 'narrower' | 'different' */
function compareSets(a, b) {
  if (a === null && b === null) return 'same';
  if (a === null) return 'narrower';
  if (b === null) return 'wider';
  const aInB = [...a].every((t) => b.has(t));
  const bInA = [...b].every((t) => a.has(t));
  if (aInB && bInA) return 'same';
  if (aInB) return 'wider';
  if (bInA) return 'narrower';
  return 'different';
}

function enumOf(s) {
  if (s.const !== undefined) return [s.const];
  return Array.isArray(s.enum) ? s.enum : null;
}

/** Whether a schema gives an object an index signature in the generated type. */
function hasIndex(ap) {
  return ap === true || (ap != null && typeof ap === 'object');
}

/**
 * Compares schema `sa` (before) with `sb` (after) at position `pos`.
 * @param {ReturnType<typeof createContext>} ctx @param {any} sa @param {any} sb @param {Loc} loc @param {Position} pos
 */
export function diffSchema(ctx, sa, sb, loc, pos) {
  const ra = deref(ctx.a, sa);
  const rb = deref(ctx.b, sb);
  ra.refs.forEach((r) => ctx.usedRefs.add(r));
  const pair = `${pos}|${ra.refs.join(',')}|${rb.refs.join(',')}`;
  if (ra.refs.length && rb.refs.length) {
    if (ctx.stack.has(pair)) return;
    // A wording change inside a shared component is reported at the component, once.
    const last = ra.refs.at(-1);
    if (last === rb.refs.at(-1) && last.startsWith('#/components/schemas/')) {
      loc = { ...loc, docWhere: `components › schemas › ${last.slice('#/components/schemas/'.length)}`, docPtr: '' };
    }
  }
  ctx.stack.add(pair);
  try {
    within(ctx, ra.node, () => compare(ctx, ra.node ?? {}, rb.node ?? {}, loc, pos));
  } finally {
    ctx.stack.delete(pair);
  }
}

function compare(ctx, a, b, loc, pos) {
  if (typeof a === 'boolean' || typeof b === 'boolean') {
    if (a !== b) record(ctx, loc, 'type-changed', 'major', `${show(a)} → ${show(b)}`);
    return;
  }
  // Types. integer and number both generate `number`.
  const cmp = compareSets(typeSet(a), typeSet(b));
  const detail = `${rawType(a)} → ${rawType(b)}`;
  if (cmp === 'wider') record(ctx, loc, 'type-widened', widened(pos), detail);
  else if (cmp === 'narrower') record(ctx, loc, 'type-narrowed', narrowed(pos), detail);
  else if (cmp === 'different') record(ctx, loc, 'type-changed', 'major', detail);
  else if (rawType(a) !== rawType(b)) recordDoc(ctx, loc, 'type-changed', `${detail} (same generated type)`);

  // Enum values.
  const ea = enumOf(a);
  const eb = enumOf(b);
  if (ea && eb) {
    const removed = ea.filter((v) => !eb.some((w) => same(v, w)));
    const added = eb.filter((v) => !ea.some((w) => same(v, w)));
    if (removed.length) record(ctx, loc, 'enum-value-removed', narrowed(pos), `removed ${removed.map(show).join(', ')}`);
    if (added.length) record(ctx, loc, 'enum-value-added', 'minor', `added ${added.map(show).join(', ')}`);
  } else if (!ea && eb) record(ctx, loc, 'enum-added', narrowed(pos), `now one of ${eb.map(show).join(', ')}`);
  else if (ea && !eb) record(ctx, loc, 'enum-removed', widened(pos), 'any value of the type now');

  // Object properties.
  const pa = a.properties ?? {};
  const pb = b.properties ?? {};
  const reqA = new Set(a.required ?? []);
  const reqB = new Set(b.required ?? []);
  for (const name of new Set([...Object.keys(pa), ...Object.keys(pb)])) {
    const here = step(loc, prop(name));
    if (!(name in pb)) {
      record(ctx, here, 'property-removed', 'major', undefined, deref(ctx.a, pa[name]).node);
    } else if (!(name in pa)) {
      if (reqB.has(name) && pos === 'request') record(ctx, here, 'required-property-added', 'major');
      else record(ctx, here, 'property-added', 'minor', reqB.has(name) ? 'required' : 'optional');
    } else {
      const self = deref(ctx.a, pa[name]).node;
      if (reqA.has(name) && !reqB.has(name)) record(ctx, here, 'property-made-optional', pos === 'request' ? 'minor' : 'major', undefined, self);
      if (!reqA.has(name) && reqB.has(name)) record(ctx, here, 'property-made-required', pos === 'request' ? 'major' : 'minor', undefined, self);
      diffSchema(ctx, pa[name], pb[name], here, pos);
    }
  }

  // Index signatures (additionalProperties).
  const apA = a.additionalProperties;
  const apB = b.additionalProperties;
  if (hasIndex(apA) && !hasIndex(apB)) record(ctx, step(loc, extra), 'additional-properties-removed', 'major');
  else if (!hasIndex(apA) && hasIndex(apB)) record(ctx, step(loc, extra), 'additional-properties-added', 'minor');
  else if (typeof apA === 'object' && typeof apB === 'object') diffSchema(ctx, apA, apB, step(loc, extra), pos);
  else if (hasIndex(apA) && !same(apA, apB)) diffSchema(ctx, apA === true ? {} : apA, apB === true ? {} : apB, step(loc, extra), pos);

  // Array items.
  if (a.items && b.items) diffSchema(ctx, a.items, b.items, step(loc, items), pos);
  else if (a.items && !b.items && typeSet(b)?.has('array')) record(ctx, step(loc, items), 'type-widened', widened(pos), 'items no longer typed');
  else if (!a.items && b.items && typeSet(a)?.has('array')) record(ctx, step(loc, items), 'type-narrowed', narrowed(pos), 'items now typed');

  // Compositions, matched by position.
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    const la = a[key] ?? [];
    const lb = b[key] ?? [];
    for (let i = 0; i < Math.min(la.length, lb.length); i++) diffSchema(ctx, la[i], lb[i], step(loc, variant(key, i)), pos);
    // More allOf members narrow the type; more oneOf/anyOf members widen it.
    const more = key === 'allOf' ? narrowed(pos) : widened(pos);
    const fewer = key === 'allOf' ? widened(pos) : narrowed(pos);
    if (lb.length > la.length) record(ctx, loc, `${key}-member-added`, more, `${la.length} → ${lb.length} members`);
    if (lb.length < la.length) record(ctx, loc, `${key}-member-removed`, fewer, `${la.length} → ${lb.length} members`);
  }

  diffDocKeys(ctx, loc, a, b);
}
