import { textsOf } from '../data/tenovos-metadata.js';
import type { TenovosAsset } from '../data/tenovos-assets.js';
import type { AssetRecord, AssetState } from './tenovos-state.js';

/**
 * POST /search/keyword (offset pages) and POST /asset/scan (cursor pages)
 * over the mock's live state: deleted assets and earlier versions only on
 * request, keyword terms matched case-insensitively (substring), filters
 * `("Attribute":"Value")`, sort keys createdEpoch, lastUpdatedEpoch, filename.
 */

export class QueryError extends Error {}

const FIELDS = ['filename', 'assetId', 'metadata', 'content'] as const;
type SortKey = (a: TenovosAsset) => number | string;
const SORT_KEYS: Record<string, SortKey> = {
  createdepoch: (a) => Date.parse(a.createdDate),
  lastupdatedepoch: (a) => Date.parse(a.lastUpdatedDate),
  filename: (a) => a.filename.toLowerCase(),
};
/** Offset paging stops here, as the service's does. */
export const SEARCH_WINDOW = 10_000;
export const SCAN_MAX_LIMIT = 1_000;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function optionalInt(body: Record<string, unknown>, name: string, fallback: number, min: number, max: number): number {
  const v = body[name];
  if (v === undefined) return fallback;
  if (typeof v !== 'number' || !Number.isInteger(v) || v < min || v > max) throw new QueryError(`${name} must be an integer from ${min} to ${max}`);
  return v;
}

function stringList(body: Record<string, unknown>, name: string): string[] {
  const v = body[name];
  if (v === undefined) return [];
  if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw new QueryError(`${name} must be a list of strings`);
  return v;
}

function flag(body: Record<string, unknown>, name: string): boolean {
  const v = body[name];
  if (v !== undefined && typeof v !== 'boolean') throw new QueryError(`${name} must be a boolean`);
  return v === true;
}

interface Query {
  matches(a: TenovosAsset): boolean;
  includeDeleted: boolean;
  includeVersions: boolean;
  compare(a: TenovosAsset, b: TenovosAsset): number;
  sortTuple(a: TenovosAsset): (number | string)[];
  orders: number[];
  excludes: string[];
}

function parseQuery(body: unknown): Query {
  if (!isObject(body)) throw new QueryError('the body must be a JSON object');
  const terms = stringList(body, 'searchTerm').filter((t) => t.trim() !== '' && t.trim() !== '*');
  const operation = body.operation ?? 'AND';
  if (operation !== 'AND' && operation !== 'OR') throw new QueryError('operation must be AND or OR');
  const field = body.keywordSearchField;
  if (field !== undefined && !FIELDS.includes(field as (typeof FIELDS)[number])) throw new QueryError(`keywordSearchField must be one of ${FIELDS.join(', ')}`);
  const filters = stringList(body, 'filters').map((f) => {
    const m = /^\(\s*"([^"]+)"\s*:\s*"([^"]*)"\s*\)$/.exec(f.trim());
    if (!m) throw new QueryError(`filter ${JSON.stringify(f)} is not ("Attribute":"Value")`);
    return { name: m[1]!, value: m[2]!.toLowerCase() };
  });
  const sortBy = body.sortBy ?? [];
  if (!Array.isArray(sortBy)) throw new QueryError('sortBy must be a list');
  const keys: SortKey[] = [];
  const orders: number[] = [];
  for (const s of sortBy) {
    const name = isObject(s) && typeof s.metadataDefinitionSearchField === 'string' ? s.metadataDefinitionSearchField.toLowerCase() : undefined;
    const key = name === undefined ? undefined : SORT_KEYS[name];
    if (!key) throw new QueryError(`cannot sort by ${JSON.stringify(isObject(s) ? s.metadataDefinitionSearchField : s)}`);
    if (s.order !== undefined && s.order !== 'asc' && s.order !== 'desc') throw new QueryError('order must be asc or desc');
    keys.push(key);
    orders.push(s.order === 'desc' ? -1 : 1);
  }
  // Oldest first by default; the asset id breaks ties so pages never overlap.
  if (keys.length === 0) {
    keys.push(SORT_KEYS.createdepoch!);
    orders.push(1);
  }
  keys.push((a) => a.assetId);
  orders.push(1);

  const haystack = (a: TenovosAsset): string[] => {
    switch (field) {
      case 'filename':
        return [a.filename];
      case 'assetId':
        return [a.assetId];
      case 'metadata':
        return a.metadata.flatMap((e) => textsOf(e.value));
      case 'content':
        return []; // the mock's files have no extracted text
      default:
        return [a.filename, a.assetId, ...a.metadata.flatMap((e) => textsOf(e.value))];
    }
  };
  const termMatches = (a: TenovosAsset, term: string) => {
    const facet = /^([^:]+):\s*(.+)$/.exec(term);
    if (facet && field === undefined) {
      const entry = a.metadata.find((e) => e.name.toLowerCase() === facet[1]!.trim().toLowerCase());
      if (entry) return textsOf(entry.value).some((t) => t.toLowerCase() === facet[2]!.trim().toLowerCase());
    }
    const needle = term.toLowerCase();
    return haystack(a).some((t) => t.toLowerCase().includes(needle));
  };
  const sortTuple = (a: TenovosAsset) => keys.map((k) => k(a));
  const compareTuples = (x: (number | string)[], y: (number | string)[]) => {
    for (let i = 0; i < x.length; i++) {
      if (x[i]! < y[i]!) return -orders[i]!;
      if (x[i]! > y[i]!) return orders[i]!;
    }
    return 0;
  };
  return {
    matches: (a) =>
      (terms.length === 0 || (operation === 'AND' ? terms.every((t) => termMatches(a, t)) : terms.some((t) => termMatches(a, t)))) &&
      filters.every((f) => {
        const entry = a.metadata.find((e) => e.name === f.name);
        return entry !== undefined && textsOf(entry.value).some((t) => t.toLowerCase() === f.value);
      }),
    includeDeleted: flag(body, 'includeDeleted'),
    includeVersions: flag(body, 'includeVersions'),
    compare: (a, b) => compareTuples(sortTuple(a), sortTuple(b)),
    sortTuple,
    orders,
    excludes: stringList(body, 'excludes'),
  };
}

function without(value: Record<string, unknown>, paths: readonly string[]): Record<string, unknown> {
  const out = structuredClone(value);
  for (const path of paths) {
    const parts = path.split('.');
    let node: unknown = out;
    for (const part of parts.slice(0, -1)) node = isObject(node) ? node[part] : undefined;
    if (isObject(node)) delete node[parts.at(-1)!];
  }
  return out;
}

function select(state: AssetState, query: Query): AssetRecord[] {
  return state.records
    .filter((r) => {
      const a = state.current(r);
      return (query.includeDeleted || !state.isDeleted(r)) && (query.includeVersions || a.currentVersion) && query.matches(a);
    })
    .sort((x, y) => query.compare(x.asset, y.asset));
}

function facetsOf(records: readonly AssetRecord[]) {
  const counts = new Map<string, number>();
  for (const r of records) for (const t of textsOf(r.asset.metadata.find((e) => e.name === 'Product')?.value)) counts.set(t, (counts.get(t) ?? 0) + 1);
  return [{ facet_name: 'Product', values: [...counts].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([key, doc_count]) => ({ key, doc_count })) }];
}

export function keywordSearch(state: AssetState, body: unknown) {
  const query = parseQuery(body);
  const b = body as Record<string, unknown>;
  const from = optionalInt(b, 'from', 0, 0, SEARCH_WINDOW);
  const limit = optionalInt(b, 'limit', 50, 1, 100);
  if (from + limit > SEARCH_WINDOW) throw new QueryError(`from + limit must stay within ${SEARCH_WINDOW}; use /asset/scan`);
  const all = select(state, query);
  const page = all.slice(from, from + limit);
  return { hitCount: page.length, result: page.map((r) => without(state.legacy(r), query.excludes)), facets: facetsOf(all) };
}

const encodeCursor = (tuple: (number | string)[]) => Buffer.from(JSON.stringify(tuple)).toString('base64');
function decodeCursor(cursor: unknown, length: number): (number | string)[] {
  if (typeof cursor !== 'string' || cursor === '') throw new QueryError('cursor must be a string from a previous answer');
  let tuple: unknown;
  try {
    tuple = JSON.parse(Buffer.from(cursor, 'base64').toString('utf8'));
  } catch {
    throw new QueryError('cursor is not one this service issued');
  }
  if (!Array.isArray(tuple) || tuple.length !== length || !tuple.every((v) => typeof v === 'string' || typeof v === 'number')) {
    throw new QueryError('cursor does not belong to this query');
  }
  return tuple;
}

/** The cursor holds the sort values of the last asset returned, so assets added or recycled between pages never shift a page. */
export function scan(state: AssetState, body: unknown) {
  const query = parseQuery(body);
  const b = body as Record<string, unknown>;
  const limit = optionalInt(b, 'limit', 100, 1, SCAN_MAX_LIMIT);
  if (b.assetType !== undefined && b.assetType !== 'Asset') return { hitCount: 0, result: [] };
  const all = select(state, query);
  let start = 0;
  if (b.cursor !== undefined) {
    const after = decodeCursor(b.cursor, query.orders.length);
    start = all.findIndex((r) => {
      const t = query.sortTuple(r.asset);
      for (let i = 0; i < t.length; i++) {
        if (t[i]! !== after[i]!) return (t[i]! > after[i]! ? 1 : -1) * query.orders[i]! > 0;
      }
      return false;
    });
    if (start === -1) start = all.length;
  }
  const page = all.slice(start, start + limit);
  const more = start + limit < all.length;
  return {
    hitCount: page.length,
    result: page.map((r) => without(state.legacy(r), query.excludes)),
    ...(more ? { cursor: encodeCursor(query.sortTuple(page.at(-1)!.asset)) } : {}),
  };
}
