import { InvalidRequestError, UnsupportedError, type RetryEvent } from '@assetkit/runtime';
import { ASSET_KINDS, PROVIDERS, type Asset, type AssetKind, type Provider } from './asset.js';
import type { AnyProviderClient } from './client.js';
import { decodeCursor, encodeCursor, type ListPosition } from './cursor.js';
import { pageWindow } from './page-window.js';
import { adapters } from './providers/index.js';
import type { Page, PageRequest } from './providers/types.js';

export interface ListOptions {
  /** Providers to list, in this order. Default: every configured provider that can list (see `skipped`). */
  providers?: Provider[];
  kinds?: AssetKind[];
  ids?: string[];
  /** Assets per request, capped by each provider's maximum. Default 50. */
  pageSize?: number;
  /** Pages in flight at once after the first. Default 4. */
  concurrency?: number;
  /** Resume where a listing stopped: `listing.cursor` or a page's `cursor`. Filters come from the cursor. */
  cursor?: string;
  signal?: AbortSignal;
}

export interface AssetPage {
  provider: Provider;
  page: number;
  assets: Asset[];
  /** Resumes after this page; undefined when it was the last. */
  cursor: string | undefined;
}

export interface AssetListing extends AsyncIterable<Asset> {
  /** Iterates whole pages instead of assets. */
  pages(): AsyncIterable<AssetPage>;
  /** Resumes right after the last asset (or page) handed out; undefined once the listing is complete. */
  readonly cursor: string | undefined;
  /** Configured providers left out of a listing of "all providers", and why. */
  readonly skipped: readonly { provider: Provider; reason: string }[];
}

const DEFAULT_PAGE_SIZE = 50;
const DEFAULT_CONCURRENCY = 4;

function check(condition: boolean, message: string): void {
  if (!condition) throw new InvalidRequestError(message);
}

/** Validates options and works out the starting position; throws before any request. */
function plan(options: ListOptions, configured: ReadonlyMap<Provider, unknown>, clientOf: (p: Provider) => AnyProviderClient) {
  const skipped: { provider: Provider; reason: string }[] = [];
  if (options.cursor !== undefined) {
    const position = decodeCursor(options.cursor);
    position.providers.forEach(clientOf);
    return { position, skipped };
  }
  const { kinds, ids, pageSize = DEFAULT_PAGE_SIZE } = options;
  check(Number.isInteger(pageSize) && pageSize >= 1, `pageSize must be a whole number >= 1, got ${String(pageSize)}`);
  check(kinds === undefined || (Array.isArray(kinds) && kinds.every((k) => ASSET_KINDS.includes(k))), `kinds must be some of ${ASSET_KINDS.join(', ')}`);
  check(ids === undefined || (Array.isArray(ids) && ids.every((i) => typeof i === 'string' && i !== '')), 'ids must be non-empty strings');
  let providers: Provider[];
  if (options.providers) {
    check(Array.isArray(options.providers) && options.providers.every((p) => PROVIDERS.includes(p)), `providers must be some of ${PROVIDERS.join(', ')}`);
    for (const provider of options.providers) {
      clientOf(provider);
      if (!adapters[provider].capabilities.list) {
        throw new UnsupportedError(`${provider} cannot list assets (its API offers no list operation assetkit can use); use get() with ids`, { provider });
      }
    }
    providers = [...new Set(options.providers)];
  } else {
    providers = PROVIDERS.filter((p) => configured.has(p));
    for (const p of providers.filter((p) => !adapters[p].capabilities.list)) skipped.push({ provider: p, reason: 'no list operation' });
    providers = providers.filter((p) => adapters[p].capabilities.list);
  }
  const position: ListPosition = { v: 1, providers, index: 0, page: 1, offset: 0, pageSize, kinds, ids };
  return { position, skipped };
}

/** The listing behind client.list(): pages per provider in order, with prefetch, cursors and a shared 429 pause. */
export function listAssets(
  options: ListOptions,
  configured: ReadonlyMap<Provider, AnyProviderClient>,
  clientOf: (p: Provider) => AnyProviderClient,
  userRetryHook: (p: Provider) => ((event: RetryEvent) => void) | undefined = () => undefined,
): AssetListing {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  check(Number.isInteger(concurrency) && concurrency >= 1, `concurrency must be a whole number >= 1, got ${String(concurrency)}`);
  const { position: start, skipped } = plan(options, configured, clientOf);
  const signal = options.signal;
  let cursor: string | undefined = start.index < start.providers.length ? encodeCursor(start) : undefined;
  let started = false;

  // A 429 anywhere pauses the whole listing: no new page request starts before it has passed.
  let pauseUntil = 0;
  const onRetry = (event: RetryEvent) => {
    if (event.error.type === 'rate_limit') pauseUntil = Math.max(pauseUntil, Date.now() + event.delayMs);
  };
  const waitForPause = (s: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const ms = pauseUntil - Date.now();
      if (ms <= 0) return resolve();
      const onAbort = () => (clearTimeout(timer), reject(s.reason));
      const timer = setTimeout(() => (s.removeEventListener('abort', onAbort), resolve()), ms);
      s.addEventListener('abort', onAbort, { once: true });
    });

  async function* pages(): AsyncGenerator<AssetPage & { position: ListPosition }> {
    if (started) throw new InvalidRequestError('A listing can be iterated once; call list({ cursor }) to continue it');
    started = true;
    for (let index = start.index; index < start.providers.length; index++) {
      const provider = start.providers[index]!;
      const adapter = adapters[provider] as unknown as { listPage(c: AnyProviderClient, r: PageRequest): Promise<Page<Provider>>; capabilities: { maxPageSize: number } };
      const userHook = userRetryHook(provider);
      const client = clientOf(provider).withOptions({ onRetry: userHook ? (e) => (userHook(e), onRetry(e)) : onRetry });
      const pageSize = Math.min(start.pageSize, adapter.capabilities.maxPageSize);
      const first = index === start.index ? start.page : 1;
      const fetchPage = async (page: number, s: AbortSignal) => {
        await waitForPause(s);
        return adapter.listPage(client, { page, pageSize, kinds: start.kinds, ids: start.ids, signal: s });
      };
      for await (const { page, value } of pageWindow(fetchPage, first, concurrency, signal)) {
        const last = page >= value.totalPages;
        const next: ListPosition = last
          ? { ...start, index: index + 1, page: 1, offset: 0 }
          : { ...start, index, page: page + 1, offset: 0 };
        const skip = index === start.index && page === start.page ? start.offset : 0;
        yield {
          provider,
          page,
          assets: skip ? value.assets.slice(skip) : value.assets,
          cursor: next.index < start.providers.length ? encodeCursor(next) : undefined,
          position: { ...start, index, page, offset: skip },
        };
      }
    }
  }

  return {
    skipped,
    get cursor() {
      return cursor;
    },
    async *pages() {
      for await (const { position: _p, ...page } of pages()) {
        cursor = page.cursor;
        yield page;
      }
    },
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) {
        for (let i = 0; i < page.assets.length; i++) {
          // Set before yielding: a consumer that stops (or fails) here resumes at the next asset.
          cursor = i + 1 < page.assets.length ? encodeCursor({ ...page.position, offset: page.position.offset + i + 1 }) : page.cursor;
          yield page.assets[i]!;
        }
        cursor = page.cursor;
      }
    },
  };
}
