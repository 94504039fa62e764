import type { WritableLike } from '../io.js';
import { formatSize } from '../format-values.js';

/** One file's transfer, driven by the upload engine's progress callbacks. */
export interface FileBar {
  /** Bytes transferred so far (absolute, not a delta: a retried part may move it back). */
  update(transferredBytes: number): void;
  /** The file is done: on a TTY the bar shows 100%, otherwise one line is printed. */
  done(note?: string): void;
  /** The file failed: one line with the reason, on a TTY too. */
  fail(reason: string): void;
}

export interface FileBars {
  start(name: string, totalBytes: number | undefined): FileBar;
  /** Draws the final state and releases the terminal; call once, after every file. */
  stop(): void;
}

export interface FileBarsOptions {
  /** Live bars (TTY) or one line per finished file. */
  tty: boolean;
  /** Clock, for tests of the non-TTY lines. */
  now?: () => number;
  /** Terminal width for the bars; default: the stream's columns or 80. */
  columns?: number;
}

const seconds = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const rateOf = (bytes: number, ms: number) => (ms > 0 ? formatSize((bytes * 1000) / ms) : undefined);

/** ETA as m:ss, or "-" while no rate is known yet. */
function eta(remaining: number | undefined, bytes: number, ms: number): string {
  if (remaining === undefined || bytes <= 0 || ms <= 0) return '-';
  const s = Math.round((remaining * ms) / bytes / 1000);
  return `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;
}

/**
 * Per-file progress for `upload` (and anything else that moves bytes).
 * On a terminal: one live bar per file with bytes, rate and ETA (cli-progress,
 * loaded only then). Otherwise, a log-friendly line per finished or failed file
 * and nothing in between. Writes to `stream` (stderr: stdout stays for data).
 */
export async function createFileBars(stream: WritableLike, options: FileBarsOptions): Promise<FileBars> {
  const now = options.now ?? Date.now;
  if (!options.tty) {
    return {
      start(name, totalBytes) {
        const began = now();
        let transferred = 0;
        return {
          update(bytes) {
            transferred = bytes;
          },
          done(note) {
            const bytes = totalBytes ?? transferred;
            const ms = now() - began;
            const rate = rateOf(bytes, ms);
            stream.write(`done ${name} ${formatSize(bytes)} in ${seconds(ms)}${rate ? ` (${rate}/s)` : ''}${note ? ` ${note}` : ''}\n`);
          },
          fail(reason) {
            stream.write(`failed ${name} after ${formatSize(transferred)}: ${reason}\n`);
          },
        };
      },
      stop() {},
    };
  }

  const { default: cliProgress } = await import('cli-progress');
  const columns = options.columns ?? (stream as { columns?: number }).columns ?? 80;
  const multi = new cliProgress.MultiBar({
    stream: stream as NodeJS.WritableStream,
    hideCursor: true,
    clearOnComplete: false,
    stopOnComplete: false,
    autopadding: true,
    barsize: Math.max(10, Math.min(30, columns - 60)),
    format: (opts, params, payload: { name: string; line: string }) => {
      const size = opts.barsize ?? 20;
      const filled = params.total > 0 ? Math.round(params.progress * size) : 0;
      return `${payload.name} ${'█'.repeat(filled)}${'░'.repeat(size - filled)} ${payload.line}`;
    },
  });
  const nameWidth = 24;
  return {
    start(name, totalBytes) {
      const label = name.length > nameWidth ? `…${name.slice(-(nameWidth - 1))}` : name.padEnd(nameWidth);
      const began = now();
      const describe = (bytes: number, state?: string) => {
        const ms = now() - began;
        const pct = totalBytes ? `${Math.floor((bytes / totalBytes) * 100)}%`.padStart(4) : '';
        const rate = rateOf(bytes, ms) ?? '-';
        const amount = totalBytes === undefined ? formatSize(bytes) : `${formatSize(bytes)}/${formatSize(totalBytes)}`;
        return state ?? `${pct} ${amount} ${rate}/s ETA ${eta(totalBytes === undefined ? undefined : totalBytes - bytes, bytes, ms)}`;
      };
      const bar = multi.create(totalBytes ?? 0, 0, { name: label, line: describe(0) });
      let last = 0;
      return {
        update(bytes) {
          last = bytes;
          bar.update(bytes, { name: label, line: describe(bytes) });
        },
        done(note) {
          const bytes = totalBytes ?? last;
          const ms = now() - began;
          const rate = rateOf(bytes, ms);
          bar.update(totalBytes ?? bytes, { name: label, line: `100% ${formatSize(bytes)} in ${seconds(ms)}${rate ? ` (${rate}/s)` : ''}${note ? ` ${note}` : ''}` });
        },
        fail(reason) {
          bar.update(last, { name: label, line: `failed: ${reason}` });
        },
      };
    },
    stop() {
      multi.stop();
    },
  };
}
