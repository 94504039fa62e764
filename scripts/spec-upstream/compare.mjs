// spec:upstream's comparison: our spec (before) against the normalised vendor
// document (after), so each difference carries the level adopting it would
// mean for our package; then each difference goes into one group:
//   (a) upstream has something we lack, nothing explains it
//   (b) a correction explains it (x-assetkit-correction + CORRECTIONS.md row)
//   (c) anything else: unexplained
//
// When does a correction explain a difference? The diff engine hands over our
// spec's nodes on the way to the difference (through $refs), outermost first.
//   1. An id on the node the difference is at explains it (e.g. TL-C04 on the
//      AssetMethod enum explains "upstream lacks `multipart`").
//   2. An id on an ancestor — and any id when upstream has something we lack,
//      where the node does not exist in our spec — explains it only if its
//      CORRECTIONS row names the subject (the property, parameter, enum
//      value(s), status code or path, as a whole word) in its "published" or
//      "in our spec" cell (not the prose of "why"). Without this, TL-C06 on `Asset` ("Asset
//      lacks size, duration, ...") would hide every field the vendor adds to
//      Asset later, and an id on an operation would hide everything under it.
//      A change with no nameable subject (the type of a whole request body, a
//      composition) is explained by rule 1 only: no row can name it.
//   3. Ids missing from CORRECTIONS.md explain nothing and are reported.
// Wording (patch: descriptions, examples, validation keywords) is not grouped
// unless `all` is set: our descriptions differ on purpose everywhere.
import { maxLevel } from '../spec-diff/classify.mjs';
import { diffDocs } from '../spec-diff/diff-document.mjs';
import { correctionIds } from '../spec-diff/diff-schemas.mjs';
import { mergeAllOf } from './merge-allof.mjs';
import { normaliseVendor } from './normalise.mjs';

/** Kinds that mean: upstream has it, our spec does not. */
export const ADDITIVE = new Set([
  'operation-added', 'parameter-added', 'required-parameter-added', 'property-added', 'required-property-added',
  'enum-value-added', 'response-added', 'media-type-added', 'request-body-added', 'required-request-body-added',
  'response-header-added', 'server-added', 'additional-properties-added', 'credential-header-added',
]);

/**
 * @typedef {import('../spec-diff/classify.mjs').Change & { corrections?: string[], unknownCorrections?: string[] }} Item
 * @typedef {{
 *   provider: string,
 *   normalised: import('./normalise.mjs').Normalisation[],
 *   operations: { matched: string[], extra: string[], missing: string[] },
 *   upstreamHas: Item[], explained: Item[], unexplained: Item[], wording: number,
 *   level: import('../spec-diff/classify.mjs').Level,
 * }} UpstreamReport
 */

/**
 * @param {{ provider: string, ours: any, vendor: any, corrections: Map<string, import('./corrections.mjs').Correction>, onlyOurs?: boolean, all?: boolean }} input
 * @returns {UpstreamReport}
 */
export function compareUpstream({ provider, ours, vendor, corrections, onlyOurs = false, all = false }) {
  const norm = normaliseVendor(vendor, ours, { onlyOurs });
  // allOf of plain objects is one object to a client: both sides in that form (see merge-allof.mjs).
  const oursDoc = structuredClone(ours);
  const merged = { ours: mergeAllOf(oursDoc), vendor: mergeAllOf(norm.doc) };
  if (merged.ours + merged.vendor) {
    norm.normalised.push({ rule: 'allof-merged', count: merged.ours + merged.vendor, detail: `allOf of plain objects compared as one object (${merged.ours} in ours, ${merged.vendor} in the vendor's)` });
  }
  const changes = [...diffDocs(oursDoc, norm.doc, { scope: 'api' }), ...credentialChanges(oursDoc, norm.credentialHeaders)];
  const report = {
    provider,
    normalised: norm.normalised,
    operations: { matched: norm.matched, extra: norm.extra, missing: norm.missing },
    upstreamHas: [], explained: [], unexplained: [], wording: 0, level: /** @type {const} */ ('none'),
  };
  for (const change of changes) {
    if (change.level === 'patch' && !all) {
      report.wording++;
      continue;
    }
    const { known, unknown } = explain(change, corrections);
    const item = { ...change, ...(known.length ? { corrections: known } : {}), ...(unknown.length ? { unknownCorrections: unknown } : {}) };
    if (known.length) report.explained.push(item);
    else if (ADDITIVE.has(change.kind)) report.upstreamHas.push(item);
    else report.unexplained.push(item);
  }
  report.level = maxLevel(report.upstreamHas.map((c) => c.level));
  return report;
}

/** @returns {{ known: string[], unknown: string[] }} ids of CORRECTIONS rows that explain the change, and ids found that are not in CORRECTIONS. */
export function explain(change, corrections) {
  const nodes = change.nodes ?? [];
  const additive = ADDITIVE.has(change.kind);
  const own = additive || nodes.length === 0 ? [] : correctionIds([nodes.at(-1)]);
  const all = correctionIds(nodes);
  const subjects = subjectsOf(change);
  const unknown = all.filter((id) => !corrections.has(id));
  // A change with no nameable subject (e.g. the type of a whole request body)
  // is explained only by an id on its own node: no row can name it.
  const named = (id) => {
    const [published = '', ours = ''] = corrections.get(id).cells;
    return subjects.length > 0 && subjects.every((s) => names(`${published} | ${ours}`, s));
  };
  const known = all.filter((id) => corrections.has(id) && (own.includes(id) || named(id)));
  return { known, unknown };
}

/** What a change is about, as a CORRECTIONS row would name it: usually one name, every value for enum changes, none when unknown. */
export function subjectsOf(change) {
  if (change.kind.startsWith('enum-value-')) {
    const m = /^(?:added|removed) (.*)$/.exec(change.detail ?? '');
    if (m) return m[1].split(', ');
  }
  const one = subjectOf(change);
  return one ? [one] : [];
}

function subjectOf(change) {
  const last = change.path.split(' › ').at(-1) ?? '';
  if (/^(GET|PUT|POST|DELETE|OPTIONS|HEAD|PATCH|TRACE) \//.test(change.path) && !change.path.includes(' › ')) return change.path.split(' ')[1];
  const param = /param (\S+)$/.exec(last);
  if (param) return param[1];
  const status = /^response (\S+)/.exec(last);
  if (status && !last.includes(' (')) return status[1];
  const header = /header (\S+)$/.exec(last);
  if (header) return header[1];
  const token = last.replace(/\(.*?\)/g, '').split(/[.[\]*]+/).filter(Boolean).at(-1);
  return token && !token.includes(' ') ? token : '';
}

/** Whether `text` names `subject` as a whole word (`size` does not match `filesize`). */
function names(text, subject) {
  const s = subject.replace(/^"|"$/g, '').replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  return new RegExp(`(^|[^\\w-])${s}($|[^\\w-])`, 'i').test(text);
}

/** Credential headers the vendor declares and our security schemes do not send. */
function credentialChanges(ours, vendorHeaders) {
  const schemes = ours.components?.securitySchemes ?? {};
  const oursHeaders = new Set(Object.values(schemes).filter((s) => s?.in === 'header').map((s) => String(s.name).toLowerCase()));
  const out = [];
  for (const h of vendorHeaders) {
    if (oursHeaders.has(h)) continue;
    const change = { path: `security › header ${h}`, kind: 'credential-header-added', level: 'major', detail: 'the vendor sends a credential in a header our security schemes do not set' };
    Object.defineProperty(change, 'nodes', { value: [schemes], enumerable: false });
    out.push(change);
  }
  return out;
}
