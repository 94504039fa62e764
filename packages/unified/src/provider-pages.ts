import type { Asset, Provider } from './asset.js';
import type { AnyProviderClient } from './client.js';
import type { ListPosition } from './cursor.js';
import { pageWindow } from './page-window.js';
import { adapters } from './providers/index.js';
import type { Chunk, ChunkRequest, ListFilters, Page, PageRequest } from './providers/types.js';

/** One page of one provider, with where the listing stands before and after it. */
export interface ProviderPage {
  provider: Provider;
  page: number;
  assets: Asset[];
  /** Where this page's first asset stands (offset = assets skipped on resume). */
  position: ListPosition;
  /** The position after this page. */
  next: ListPosition;
}

interface Paging {
  capabilities: { maxPageSize: number };
  listPage?(c: AnyProviderClient, r: PageRequest): Promise<Page<Provider>>;
  listChunk?(c: AnyProviderClient, r: ChunkRequest): Promise<Chunk<Provider>>;
}

/** A signal of one request's own, aborted with `parent` (see page-window.ts: listeners do not pile up on the caller's signal). */
async function withOwnSignal<T>(parent: AbortSignal, run: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const own = new AbortController();
  const onAbort = () => own.abort(parent.reason);
  if (parent.aborted) own.abort(parent.reason);
  else parent.addEventListener('abort', onAbort, { once: true });
  try {
    return await run(own.signal);
  } finally {
    parent.removeEventListener('abort', onAbort);
  }
}

export interface ProviderListing {
  start: ListPosition;
  index: number;
  client: AnyProviderClient;
  filters: ListFilters;
  /** Applied to each page as it arrives: every filter, including those the server ran (deterministic, so cursors stay valid). */
  keep: (asset: Asset) => boolean;
  concurrency: number;
  signal: AbortSignal;
  /** Resolves once a shared rate-limit pause has passed. */
  waitForPause: (signal: AbortSignal) => Promise<void>;
}

/** Every page of `start.providers[index]` from where `start` stands, by the provider's paging strategy. */
export async function* providerPages(l: ProviderListing): AsyncGenerator<ProviderPage> {
  const { start, index, client, filters, keep, concurrency, signal, waitForPause } = l;
  const provider = start.providers[index]!;
  const adapter = adapters[provider] as unknown as Paging;
  const pageSize = Math.min(start.pageSize, adapter.capabilities.maxPageSize);
  const resuming = index === start.index;
  const first = resuming ? start.page : 1;
  const at = (page: number, token: string | undefined): ListPosition => ({ ...start, index, page, offset: 0, token });
  const done: ListPosition = { ...start, index: index + 1, page: 1, offset: 0, token: undefined };
  const skipOf = (page: number) => (resuming && page === start.page ? start.offset : 0);

  if (adapter.listChunk) {
    // One page after another: each page says where the next one starts.
    let token = resuming ? start.token : undefined;
    for (let page = first; ; page++) {
      const chunk = await withOwnSignal(signal, async (s) => {
        await waitForPause(s);
        return adapter.listChunk!(client, { ...filters, token, pageSize, signal: s });
      });
      const skip = skipOf(page);
      yield {
        provider,
        page,
        assets: chunk.assets.filter(keep).slice(skip),
        position: { ...at(page, token), offset: skip },
        next: chunk.next === undefined ? done : at(page + 1, chunk.next),
      };
      if (chunk.next === undefined) return;
      token = chunk.next;
    }
  }

  const fetchPage = async (page: number, s: AbortSignal) => {
    await waitForPause(s);
    return adapter.listPage!(client, { ...filters, page, pageSize, signal: s });
  };
  for await (const { page, value } of pageWindow(fetchPage, first, concurrency, signal)) {
    const skip = skipOf(page);
    yield {
      provider,
      page,
      assets: value.assets.filter(keep).slice(skip),
      position: { ...at(page, undefined), offset: skip },
      next: page >= value.totalPages ? done : at(page + 1, undefined),
    };
  }
}
