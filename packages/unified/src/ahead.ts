type Item<T> = { ok: true; value: T } | { ok: false; error: unknown };

/**
 * Runs `source` ahead of its consumer, holding at most `limit` items. The
 * listing starts one per provider at once, so a provider that pages one
 * request after another (Tenovos' cursor, RenderNet's untrusted page count)
 * is fetched while an earlier provider is still being read: concurrency goes
 * across providers. A failure is held until the consumer reaches it (so the
 * cursor still points at the first asset not handed out). `stop()` aborts
 * the source's requests through `controller`.
 */
export function ahead<T>(source: AsyncGenerator<T>, limit: number, controller: AbortController) {
  const queue: Item<T>[] = [];
  let done = false;
  let stopped = false;
  let wakeConsumer: (() => void) | undefined;
  let wakePump: (() => void) | undefined;
  const wake = () => {
    wakeConsumer?.();
    wakeConsumer = undefined;
  };
  void (async () => {
    try {
      while (!stopped) {
        while (queue.length >= limit && !stopped) await new Promise<void>((r) => (wakePump = r));
        if (stopped) break;
        const next = await source.next();
        if (next.done) break;
        queue.push({ ok: true, value: next.value });
        wake();
      }
    } catch (error) {
      queue.push({ ok: false, error });
    } finally {
      done = true;
      wake();
    }
  })();

  const stop = (reason?: unknown) => {
    if (stopped) return;
    stopped = true;
    controller.abort(reason);
    wakePump?.();
    // Queued behind a pending next(); runs the source's finally blocks (pageWindow cancels its prefetches).
    source.return(undefined).catch(() => {});
  };

  async function* items(): AsyncGenerator<T> {
    try {
      for (;;) {
        const item = queue.shift();
        if (item) {
          wakePump?.();
          wakePump = undefined;
          if (!item.ok) throw item.error;
          yield item.value;
        } else if (done) {
          return;
        } else {
          await new Promise<void>((r) => (wakeConsumer = r));
        }
      }
    } finally {
      stop();
    }
  }
  return { items, stop };
}
