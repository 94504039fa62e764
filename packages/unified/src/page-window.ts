import type { Page, PageRequest } from './providers/types.js';
import type { Provider } from './asset.js';

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(p: Promise<T>): Promise<Settled<T>> => p.then((value) => ({ ok: true as const, value }), (error) => ({ ok: false as const, error }));

/**
 * Yields pages start, start+1, ... in order. The first page is fetched alone
 * (it says how many pages there are); after it, up to `concurrency` pages are
 * in flight at once, so memory is bounded by the window, not the account.
 * A failed page surfaces when its turn comes; later prefetches are aborted.
 *
 * Each page request gets its own AbortSignal. One signal shared by every request
 * of a long listing collects a listener per request (fetch, timeouts, retry
 * pauses) and Node warns "MaxListenersExceededWarning" hundreds of times; a
 * per-page signal carries only its own request's few listeners, and the one
 * listener on the caller's signal fans out to the pages in flight.
 */
export async function* pageWindow<P extends Provider>(
  fetchPage: (page: number, signal: AbortSignal) => Promise<Page<P>>,
  start: number,
  concurrency: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<{ page: number; value: Page<P> }> {
  const inFlight = new Set<AbortController>();
  let stopped: { reason: unknown } | undefined;
  const stopAll = (reason?: unknown) => {
    stopped ??= { reason };
    for (const c of inFlight) c.abort(reason);
  };
  const onAbort = () => stopAll(signal?.reason);
  if (signal?.aborted) stopAll(signal.reason);
  else signal?.addEventListener('abort', onAbort, { once: true });
  /** Fetches one page with a signal of its own, dropped from the set once the page has settled. */
  const fetchOwn = async (page: number): Promise<Page<P>> => {
    const controller = new AbortController();
    if (stopped) controller.abort(stopped.reason);
    inFlight.add(controller);
    try {
      return await fetchPage(page, controller.signal);
    } finally {
      inFlight.delete(controller);
    }
  };
  try {
    const first = await fetchOwn(start);
    yield { page: start, value: first };
    const total = first.totalPages;
    let next = start + 1;
    const window: { page: number; result: Promise<Settled<Page<P>>> }[] = [];
    while (next <= total || window.length > 0) {
      while (window.length < concurrency && next <= total) {
        window.push({ page: next, result: settle(fetchOwn(next)) });
        next++;
      }
      const head = window.shift()!;
      const settled = await head.result;
      if (!settled.ok) throw settled.error;
      yield { page: head.page, value: settled.value };
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    stopAll(); // a consumer that stops early cancels the prefetches
  }
}

export type { PageRequest };
