import type { Page, PageRequest } from './providers/types.js';
import type { Provider } from './asset.js';

type Settled<T> = { ok: true; value: T } | { ok: false; error: unknown };
const settle = <T>(p: Promise<T>): Promise<Settled<T>> => p.then((value) => ({ ok: true as const, value }), (error) => ({ ok: false as const, error }));

/**
 * Yields pages start, start+1, ... in order. The first page is fetched alone
 * (it says how many pages there are); after it, up to `concurrency` pages are
 * in flight at once, so memory is bounded by the window, not the account.
 * A failed page surfaces when its turn comes; later prefetches are aborted.
 */
export async function* pageWindow<P extends Provider>(
  fetchPage: (page: number, signal: AbortSignal) => Promise<Page<P>>,
  start: number,
  concurrency: number,
  signal: AbortSignal | undefined,
): AsyncGenerator<{ page: number; value: Page<P> }> {
  const controller = new AbortController();
  const onAbort = () => controller.abort(signal?.reason);
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const first = await fetchPage(start, controller.signal);
    yield { page: start, value: first };
    const total = first.totalPages;
    let next = start + 1;
    const window: { page: number; result: Promise<Settled<Page<P>>> }[] = [];
    while (next <= total || window.length > 0) {
      while (window.length < concurrency && next <= total) {
        window.push({ page: next, result: settle(fetchPage(next, controller.signal)) });
        next++;
      }
      const head = window.shift()!;
      const settled = await head.result;
      if (!settled.ok) throw settled.error;
      yield { page: head.page, value: settled.value };
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    controller.abort(); // a consumer that stops early cancels the prefetches
  }
}

export type { PageRequest };
