// Hand-written (not generated): paging over List Assets V2 (`GET /pub/v2/assets`).
// The list's parameters and response are inferred (specs/CORRECTIONS.md RN-C10, RN-C11),
// so this reads every page defensively: it stops on an empty page, at `total`, or
// (when no total is given) on a short page; it refuses a page that repeats the previous one or carries more items than
// asked for, never requests more than `maxPages`, and turns any other body into an
// InvalidResponseError that says what was wrong.
import { InvalidRequestError, InvalidResponseError } from '@assetkit/runtime/errors';
import type { RenderNetClient } from './generated/client.js';
import type { components } from './generated/schema.js';

type Asset = components['schemas']['Asset'];

/** The API's largest page (inferred from its sibling list endpoints: RN-C10). */
export const MAX_PAGE_SIZE = 50;
/** Hard stop when the server never reports a total and never sends a short page. */
const DEFAULT_MAX_PAGES = 10_000;

export interface AssetPage {
  assets: Asset[];
  /** The page number that was requested (1-based). */
  page: number;
  pageSize: number;
  /** Assets in the whole listing, when the server said so. */
  total: number | undefined;
  /** Whether this is the last page: empty, reaching `total`, or (without a total) short. */
  last: boolean;
}

export interface PageAssetsOptions {
  /** Assets per request, 1..50. Default 50. */
  pageSize?: number;
  /** The page to start at (1-based), e.g. to resume. Default 1. */
  startPage?: number;
  /** Most pages to request before giving up with an InvalidResponseError. Default 10 000. */
  maxPages?: number;
  signal?: AbortSignal;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => Number.isInteger(v) && (v as number) >= 0;

function checkInt(name: string, value: number, min: number, max: number): void {
  if (!(Number.isInteger(value) && value >= min && value <= max)) {
    throw new InvalidRequestError(`RenderNet: ${name} must be an integer between ${min} and ${max}, got ${String(value)}`, { provider: 'rendernet' });
  }
}

/**
 * Reads one List Assets answer. Throws InvalidResponseError when the body is
 * not `{data: object[], pagination?: {page?, page_size?, total?}}` or does not
 * fit the request (more items than `page_size`, another page number).
 */
export function readAssetPage(body: unknown, request: { page: number; pageSize: number }, response?: Response): AssetPage {
  const fail = (what: string) =>
    new InvalidResponseError(`RenderNet list (page ${request.page}): ${what}`, { provider: 'rendernet', status: response?.status, body, response });
  if (!isRecord(body)) throw fail('the body is not a JSON object');
  const { data, pagination } = body;
  if (!Array.isArray(data)) throw fail('the body has no `data` array');
  const bad = data.findIndex((item) => !isRecord(item));
  if (bad !== -1) throw fail(`data[${bad}] is not an asset object`);
  let total: number | undefined;
  let served = request.pageSize;
  if (pagination !== undefined && pagination !== null) {
    if (!isRecord(pagination)) throw fail('`pagination` is not an object');
    if (pagination.total !== undefined && !isCount(pagination.total)) throw fail('`pagination.total` is not a non-negative integer');
    if (pagination.page !== undefined && pagination.page !== request.page) throw fail(`asked for page ${request.page}, got page ${String(pagination.page)}`);
    if (pagination.page_size !== undefined && !(isCount(pagination.page_size) && pagination.page_size > 0)) throw fail('`pagination.page_size` is not a positive integer');
    total = pagination.total as number | undefined;
    // A server that caps the page size says so here; its pages are then numbered by its size.
    served = (pagination.page_size as number | undefined) ?? request.pageSize;
  }
  if (data.length > served) throw fail(`${data.length} assets for page_size ${served}: the server does not page as expected`);
  // With a total, a short page is only the end when it reaches the total (the server may serve fewer than asked);
  // without one, a short or empty page is the only end marker there is.
  const last = data.length === 0 || (total !== undefined ? (request.page - 1) * served + data.length >= total : data.length < request.pageSize);
  return { assets: data as Asset[], page: request.page, pageSize: request.pageSize, total, last };
}

/**
 * Every page of the account's assets, in the server's order. Stops after the
 * last page (see `AssetPage.last`); errors of the calls are the client's typed
 * errors.
 */
export async function* pageAssets(client: RenderNetClient, options: PageAssetsOptions = {}): AsyncGenerator<AssetPage, void, undefined> {
  const pageSize = options.pageSize ?? MAX_PAGE_SIZE;
  const startPage = options.startPage ?? 1;
  const maxPages = options.maxPages ?? DEFAULT_MAX_PAGES;
  checkInt('pageSize', pageSize, 1, MAX_PAGE_SIZE);
  checkInt('startPage', startPage, 1, Number.MAX_SAFE_INTEGER);
  checkInt('maxPages', maxPages, 1, Number.MAX_SAFE_INTEGER);
  let previousFirstId: unknown;
  for (let page = startPage, requested = 0; ; page++) {
    if (requested++ === maxPages) {
      throw new InvalidResponseError(`RenderNet list: still not at the end after ${maxPages} pages; stopping`, { provider: 'rendernet' });
    }
    const { data, response } = await client.GET('/pub/v2/assets', { params: { query: { page, page_size: pageSize } }, signal: options.signal });
    const result = readAssetPage(data, { page, pageSize }, response);
    const firstId = result.assets[0]?.id;
    // A server that ignores `page` answers every request with the first page: a loop without end.
    if (firstId !== undefined && firstId === previousFirstId) {
      throw new InvalidResponseError(`RenderNet list: page ${page} repeats page ${page - 1} (the server ignores \`page\`); stopping`, {
        provider: 'rendernet',
        status: response.status,
        body: data,
        response,
      });
    }
    previousFirstId = firstId;
    yield result;
    if (result.last) return;
  }
}

/** Every asset of the account (all pages). */
export async function listAllAssets(client: RenderNetClient, options: PageAssetsOptions = {}): Promise<Asset[]> {
  const all: Asset[] = [];
  for await (const page of pageAssets(client, options)) all.push(...page.assets);
  return all;
}
