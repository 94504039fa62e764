import { formatCount } from '../format-values.js';
import type { WritableLike } from '../io.js';

export interface Progress {
  update(count: number): void;
  /** Erases the indicator line (no-op when nothing was drawn). */
  clear(): void;
}

const SILENT: Progress = { update() {}, clear() {} };

/** `\r listed 1,250 assets…` on a terminal, redrawn at most every `intervalMs`; silent otherwise. */
export function createProgress(stream: WritableLike, enabled: boolean, intervalMs = 100): Progress {
  if (!enabled) return SILENT;
  let drawn = false;
  let last = 0;
  return {
    update(count) {
      const now = Date.now();
      if (drawn && now - last < intervalMs) return;
      last = now;
      drawn = true;
      stream.write(`\r\x1b[K listed ${formatCount(count)} ${count === 1 ? 'asset' : 'assets'}…`);
    },
    clear() {
      if (drawn) stream.write('\r\x1b[K');
      drawn = false;
    },
  };
}
