// Compares two whole spec documents: operations (diff-operations.mjs) plus
// what the generator takes from elsewhere in the spec — servers (the default
// base URL), security schemes (the API-key header), info.x-assetkit (the
// client's name) and components.schemas (one exported type per schema).
import { createContext, diffDocKeys, diffSchema, locAt, record, recordDoc, same, show, canonical } from './diff-schemas.mjs';
import { diffOperations } from './diff-operations.mjs';

/** @typedef {import('./classify.mjs').Change} Change */

/**
 * Every change from spec document `a` (before) to `b` (after), classified.
 * `scope: 'api'` compares only what a client calls — the default server and
 * the operations (with the schemas they reach) — for documents whose info,
 * security-scheme and component names are not ours (spec:upstream).
 * @param {any} a @param {any} b @param {{ scope?: 'document' | 'api' }} [options] @returns {Change[]}
 */
export function diffDocs(a, b, { scope = 'document' } = {}) {
  const ctx = createContext(a ?? {}, b ?? {});
  if (scope === 'api') {
    diffServers(ctx);
    diffOperations(ctx);
    return ctx.changes;
  }
  diffInfo(ctx);
  diffServers(ctx);
  diffSecuritySchemes(ctx);
  diffOperations(ctx);
  diffComponentSchemas(ctx);
  diffDocKeys(ctx, locAt('document'), ctx.a, ctx.b, new Set(['info', 'servers', 'paths', 'components', 'webhooks']));
  if (ctx.changes.length === 0 && canonical(ctx.a) !== canonical(ctx.b)) {
    record(ctx, locAt(firstDifference(ctx.a, ctx.b, '') || 'document'), 'other-change', 'patch', 'no effect on generated types found');
  }
  return ctx.changes;
}

function diffInfo(ctx) {
  const a = ctx.a.info ?? {};
  const b = ctx.b.info ?? {};
  const xa = a['x-assetkit'] ?? {};
  const xb = b['x-assetkit'] ?? {};
  const loc = locAt('info › x-assetkit');
  if (xa.clientName !== xb.clientName) {
    record(ctx, loc, 'client-renamed', 'major', `create${xa.clientName}Client → create${xb.clientName}Client`);
  }
  if (xa.provider !== xb.provider) record(ctx, loc, 'provider-renamed', 'major', `${xa.provider} → ${xb.provider}`);
  diffDocKeys(ctx, loc, xa, xb, new Set(['clientName', 'provider']));
  if (a.version !== b.version) recordDoc(ctx, locAt('info'), 'version-changed', `info.version: ${show(a.version)} → ${show(b.version)}`);
  diffDocKeys(ctx, locAt('info'), a, b, new Set(['x-assetkit', 'version']));
}

function diffServers(ctx) {
  const a = ctx.a.servers ?? [];
  const b = ctx.b.servers ?? [];
  if (a[0]?.url !== b[0]?.url) record(ctx, locAt('servers[0]'), 'server-changed', 'major', `default base URL ${show(a[0]?.url)} → ${show(b[0]?.url)}`, a[0]);
  const urlsA = a.slice(1).map((s) => s.url);
  const urlsB = b.slice(1).map((s) => s.url);
  for (const u of urlsA) if (!urlsB.includes(u) && u !== b[0]?.url) record(ctx, locAt('servers'), 'server-removed', 'major', u);
  for (const u of urlsB) if (!urlsA.includes(u) && u !== a[0]?.url) record(ctx, locAt('servers'), 'server-added', 'minor', u);
  for (const s of b) {
    const old = a.find((x) => x.url === s.url);
    if (old) diffDocKeys(ctx, locAt(`servers › ${s.url}`), old, s, new Set(['url']));
  }
}

/** Keys of a security scheme that the generated client's descriptor depends on. */
const SCHEME_KEYS = ['type', 'in', 'name', 'scheme', 'bearerFormat', 'flows', 'openIdConnectUrl', 'x-assetkit-credential', 'x-assetkit-token-field'];

function diffSecuritySchemes(ctx) {
  const a = ctx.a.components?.securitySchemes ?? {};
  const b = ctx.b.components?.securitySchemes ?? {};
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const loc = locAt(`security scheme ${name}`);
    if (!(name in b)) record(ctx, loc, 'security-scheme-removed', 'major', undefined, a[name]);
    else if (!(name in a)) record(ctx, loc, 'security-scheme-added', 'minor');
    else {
      for (const key of SCHEME_KEYS) {
        if (same(a[name][key], b[name][key])) continue;
        const kind = key === 'name' && b[name].in === 'header' ? 'security-header-changed' : 'security-scheme-changed';
        record(ctx, loc, kind, 'major', `${key}: ${show(a[name][key])} → ${show(b[name][key])}`);
      }
      diffDocKeys(ctx, loc, a[name], b[name], new Set(SCHEME_KEYS));
    }
  }
}

function diffComponentSchemas(ctx) {
  const a = ctx.a.components?.schemas ?? {};
  const b = ctx.b.components?.schemas ?? {};
  for (const name of new Set([...Object.keys(a), ...Object.keys(b)])) {
    const loc = locAt(`components › schemas › ${name}`);
    if (!(name in b)) record(ctx, loc, 'schema-removed', 'major', `exported type ${name} removed`);
    else if (!(name in a)) record(ctx, loc, 'schema-added', 'minor', `new exported type ${name}`);
    // Schemas no operation uses are still exported as types; compare them as read.
    else if (!ctx.usedRefs.has(`#/components/schemas/${name}`)) diffSchema(ctx, { $ref: `#/components/schemas/${name}` }, { $ref: `#/components/schemas/${name}` }, loc, 'response');
  }
}

/** A readable pointer to the first place two values differ. */
function firstDifference(a, b, path) {
  if (same(a, b)) return '';
  if (a && b && typeof a === 'object' && typeof b === 'object') {
    for (const k of new Set([...Object.keys(a), ...Object.keys(b)])) {
      const found = firstDifference(a[k], b[k], path ? `${path}.${k}` : k);
      if (found) return found;
    }
  }
  return path;
}
