/** An attempt's timeout: `abort` runs once `at` (Date.now() time) has passed, unless the attempt ended first. */
export interface Due {
  at: number;
  abort: () => void;
}

/**
 * One timer per transport instead of a setTimeout/clearTimeout pair per attempt (a timer-list insert and
 * removal each, a measurable share of a loopback GET). The timer stays armed for the earliest deadline;
 * an attempt that ends just leaves the set. Unref'd where the platform allows, so an armed timer with
 * nothing pending never keeps a process alive (a pending request holds its socket, which does).
 */
export function createAlarm(): { add(due: Due): void; remove(due: Due): void } {
  const pending = new Set<Due>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let armedAt = Infinity;
  const arm = (at: number) => {
    if (timer !== undefined) clearTimeout(timer);
    armedAt = at;
    timer = setTimeout(fire, Math.max(0, at - Date.now()));
    (timer as { unref?: () => void }).unref?.();
  };
  function fire() {
    timer = undefined;
    armedAt = Infinity;
    const now = Date.now();
    let next = Infinity;
    for (const due of pending) {
      if (due.at <= now) {
        pending.delete(due);
        due.abort();
      } else if (due.at < next) next = due.at;
    }
    if (next < Infinity) arm(next);
  }
  return {
    add(due) {
      pending.add(due);
      if (due.at < armedAt) arm(due.at);
    },
    remove: (due) => pending.delete(due),
  };
}
