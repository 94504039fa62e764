import { InvalidRequestError } from '@assetkit/runtime';
import { ASSET_KINDS, PROVIDERS, type AssetKind, type Provider } from './asset.js';

/** Where a listing stands: the next asset is `offset` into `page` of `providers[index]`. */
export interface ListPosition {
  v: 1;
  providers: Provider[];
  index: number;
  page: number;
  offset: number;
  /** For providers paged by a cursor (Tenovos scan, RenderNet's next page): where `page` starts; undefined at a provider's start. */
  token?: string | undefined;
  pageSize: number;
  kinds?: AssetKind[] | undefined;
  /** Ids or full refs; a ref applies to its own provider only (see idsFor in list.ts). */
  ids?: string[] | undefined;
  /** Sent to the provider where it can filter (capabilities().listFilters), and checked on each page as it arrives. */
  nameContains?: string | undefined;
  /** ISO timestamps, inclusive after / exclusive before. */
  createdAfter?: string | undefined;
  createdBefore?: string | undefined;
}

// base64url of UTF-8 JSON, with btoa/atob so it works in browsers too.
const toBase64Url = (s: string) =>
  btoa(String.fromCharCode(...new TextEncoder().encode(s))).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
const fromBase64Url = (s: string) =>
  new TextDecoder().decode(Uint8Array.from(atob(s.replace(/-/g, '+').replace(/_/g, '/')), (c) => c.charCodeAt(0)));

export const encodeCursor = (position: ListPosition): string => toBase64Url(JSON.stringify(position));

const isInt = (v: unknown, min: number) => Number.isInteger(v) && (v as number) >= min;

const isTimestamp = (v: unknown) => v === undefined || (typeof v === 'string' && !Number.isNaN(Date.parse(v)));

export function decodeCursor(cursor: string): ListPosition {
  let p: Partial<ListPosition>;
  try {
    p = JSON.parse(fromBase64Url(cursor));
  } catch {
    throw new InvalidRequestError('The list cursor is not one this client issued (not decodable)');
  }
  const ok =
    p?.v === 1 &&
    Array.isArray(p.providers) &&
    p.providers.every((x) => PROVIDERS.includes(x)) &&
    isInt(p.index, 0) &&
    isInt(p.page, 1) &&
    isInt(p.offset, 0) &&
    (p.token === undefined || typeof p.token === 'string') &&
    isInt(p.pageSize, 1) &&
    (p.kinds === undefined || (Array.isArray(p.kinds) && p.kinds.every((k) => ASSET_KINDS.includes(k)))) &&
    (p.ids === undefined || (Array.isArray(p.ids) && p.ids.every((i) => typeof i === 'string'))) &&
    (p.nameContains === undefined || typeof p.nameContains === 'string') &&
    isTimestamp(p.createdAfter) &&
    isTimestamp(p.createdBefore);
  if (!ok) throw new InvalidRequestError('The list cursor is not one this client issued (bad fields)');
  return p as ListPosition;
}
