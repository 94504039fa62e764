// Compares the operations of two specs: paths and methods, parameters,
// request bodies and responses. Schemas are handed to diff-schemas.mjs.
import { deref } from './load-spec.mjs';
import { diffDocKeys, diffSchema, locAt, record, same, within } from './diff-schemas.mjs';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
const JSON_TYPE = 'application/json';

/** Every operation of a spec, keyed `GET /path`. */
export function operationsOf(doc) {
  const ops = new Map();
  for (const [path, rawItem] of Object.entries(doc?.paths ?? {})) {
    const item = deref(doc, rawItem).node ?? {};
    for (const method of METHODS) if (item[method]) ops.set(`${method.toUpperCase()} ${path}`, { item, op: item[method] });
  }
  return ops;
}

/** @param {ReturnType<import('./diff-schemas.mjs').createContext>} ctx */
export function diffOperations(ctx) {
  const before = operationsOf(ctx.a);
  const after = operationsOf(ctx.b);
  for (const [key, a] of before) if (!after.has(key)) within(ctx, a.item, () => record(ctx, locAt(key), 'operation-removed', 'major', undefined, a.op));
  for (const [key] of after) if (!before.has(key)) record(ctx, locAt(key), 'operation-added', 'minor');
  for (const [key, a] of before) {
    const b = after.get(key);
    if (b) within(ctx, a.item, () => within(ctx, a.op, () => diffOperation(ctx, key, a, b)));
  }
}

/** x-assetkit extensions the generator does not read. */
const DOC_ONLY_EXTENSIONS = new Set(['x-assetkit-correction']);

const OP_STRUCTURAL = new Set(['parameters', 'requestBody', 'responses', 'operationId', 'callbacks', 'servers']);

function diffOperation(ctx, key, a, b) {
  const loc = locAt(key);
  if (a.op.operationId !== b.op.operationId) {
    record(ctx, loc, 'operation-id-changed', 'major', `operations['${a.op.operationId}'] → operations['${b.op.operationId}']`);
  }
  // x-assetkit-* extensions feed the generated client (e.g. the session operation);
  // x-assetkit-correction only points at CORRECTIONS.md and is compared as wording (patch).
  const clientExt = (k) => k.startsWith('x-assetkit') && !DOC_ONLY_EXTENSIONS.has(k);
  for (const k of new Set([...Object.keys(a.op), ...Object.keys(b.op)])) {
    if (clientExt(k) && !same(a.op[k], b.op[k])) record(ctx, loc, 'client-extension-changed', 'minor', `${k} changed`);
  }
  diffDocKeys(ctx, loc, a.op, b.op, new Set([...OP_STRUCTURAL, ...Object.keys(a.op).filter(clientExt), ...Object.keys(b.op).filter(clientExt)]));
  diffParameters(ctx, key, a, b);
  diffRequestBody(ctx, key, a.op.requestBody, b.op.requestBody);
  diffResponses(ctx, key, a.op.responses ?? {}, b.op.responses ?? {});
}

/** Parameters of an operation (path-level merged in), keyed `in:name`. */
function parametersOf(doc, { item, op }) {
  const out = new Map();
  for (const raw of [...(item.parameters ?? []), ...(op.parameters ?? [])]) {
    const p = deref(doc, raw).node;
    if (!p?.name) continue;
    out.set(`${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`, p);
  }
  return out;
}

function diffParameters(ctx, key, a, b) {
  const pa = parametersOf(ctx.a, a);
  const pb = parametersOf(ctx.b, b);
  const label = (p) => `${key} › ${p.in} param ${p.name}`;
  for (const [id, p] of pa) if (!pb.has(id)) record(ctx, locAt(label(p)), 'parameter-removed', 'major', undefined, p);
  for (const [id, p] of pb) {
    if (pa.has(id)) continue;
    if (p.required) record(ctx, locAt(label(p)), 'required-parameter-added', 'major');
    else record(ctx, locAt(label(p)), 'parameter-added', 'minor', 'optional');
  }
  for (const [id, x] of pa) {
    const y = pb.get(id);
    if (!y) continue;
    const loc = locAt(label(y));
    within(ctx, x, () => {
      if (!x.required && y.required) record(ctx, loc, 'parameter-made-required', 'major');
      if (x.required && !y.required) record(ctx, loc, 'parameter-made-optional', 'minor');
      if (x.schema || y.schema) diffSchema(ctx, x.schema ?? {}, y.schema ?? {}, loc, 'request');
      if (x.content || y.content) diffContent(ctx, loc, x.content ?? {}, y.content ?? {}, 'request', 'major');
      diffDocKeys(ctx, loc, x, y, new Set(['name', 'in', 'required', 'schema', 'content']));
    });
  }
}

function diffRequestBody(ctx, key, rawA, rawB) {
  const loc = locAt(`${key} › request body`);
  const a = deref(ctx.a, rawA).node;
  const b = deref(ctx.b, rawB).node;
  if (!a && !b) return;
  if (a && !b) return record(ctx, loc, 'request-body-removed', 'major', undefined, a);
  if (!a && b) return record(ctx, loc, b.required ? 'required-request-body-added' : 'request-body-added', b.required ? 'major' : 'minor');
  within(ctx, a, () => {
    if (!a.required && b.required) record(ctx, loc, 'request-body-made-required', 'major');
    if (a.required && !b.required) record(ctx, loc, 'request-body-made-optional', 'minor');
    diffContent(ctx, loc, a.content ?? {}, b.content ?? {}, 'request', 'major');
    diffDocKeys(ctx, loc, a, b, new Set(['content', 'required']));
  });
}

/** Compares media types; `removedLevel` is the level of a media type going away. */
function diffContent(ctx, loc, ca, cb, pos, removedLevel) {
  const types = new Set([...Object.keys(ca), ...Object.keys(cb)]);
  const plain = types.size === 1 && types.has(JSON_TYPE);
  for (const mt of types) {
    const here = plain ? loc : { ...loc, where: `${loc.where} (${mt})`, docWhere: `${loc.docWhere} (${mt})` };
    if (!(mt in cb)) record(ctx, here, 'media-type-removed', removedLevel, undefined, ca[mt]);
    else if (!(mt in ca)) record(ctx, here, 'media-type-added', 'minor');
    else {
      within(ctx, ca[mt], () => {
        diffSchema(ctx, ca[mt].schema ?? {}, cb[mt].schema ?? {}, here, pos);
        diffDocKeys(ctx, here, ca[mt], cb[mt], new Set(['schema']));
      });
    }
  }
}

const isSuccess = (code) => /^2/.test(code);

function diffResponses(ctx, key, ra, rb) {
  for (const code of new Set([...Object.keys(ra), ...Object.keys(rb)])) {
    const loc = locAt(`${key} › response ${code}`);
    if (!(code in rb)) record(ctx, loc, 'response-removed', isSuccess(code) ? 'major' : 'minor', undefined, deref(ctx.a, ra[code]).node);
    else if (!(code in ra)) record(ctx, loc, 'response-added', 'minor');
    else {
      const a = deref(ctx.a, ra[code]).node ?? {};
      const b = deref(ctx.b, rb[code]).node ?? {};
      within(ctx, a, () => {
        diffContent(ctx, loc, a.content ?? {}, b.content ?? {}, 'response', isSuccess(code) ? 'major' : 'minor');
        diffHeaders(ctx, loc, a.headers ?? {}, b.headers ?? {});
        diffDocKeys(ctx, loc, a, b, new Set(['content', 'headers']));
      });
    }
  }
}

function diffHeaders(ctx, loc, ha, hb) {
  const norm = (h) => new Map(Object.entries(h).map(([k, v]) => [k.toLowerCase(), [k, v]]));
  const a = norm(ha);
  const b = norm(hb);
  for (const [id, [name, raw]] of new Map([...a, ...b])) {
    const here = locAt(`${loc.where} › header ${name}`);
    if (!b.has(id)) record(ctx, here, 'response-header-removed', 'minor', undefined, deref(ctx.a, raw).node);
    else if (!a.has(id)) record(ctx, here, 'response-header-added', 'minor');
    else {
      const x = deref(ctx.a, a.get(id)[1]).node ?? {};
      const y = deref(ctx.b, raw).node ?? {};
      within(ctx, x, () => {
        diffSchema(ctx, x.schema ?? {}, y.schema ?? {}, here, 'response');
        diffDocKeys(ctx, here, x, y, new Set(['schema']));
      });
    }
  }
}
