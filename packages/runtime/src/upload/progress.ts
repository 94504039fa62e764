export interface UploadProgress {
  /** Bytes handed to the network and not lost to a failed attempt (parts done + parts streaming now). */
  bytesSent: number;
  /** Source size; undefined for a stream of unknown length until it ends. */
  totalBytes: number | undefined;
  partsDone: number;
  totalParts: number | undefined;
  /** Average bytes per second over this run (resumed parts are not counted). */
  bytesPerSecond: number;
  elapsedMs: number;
}

/** Tracks what onProgress reports; emits on every part done and at most every `intervalMs` in between. */
export class ProgressTracker {
  private bytes = 0;
  private runBytes = 0;
  private parts = 0;
  private lastEmit = 0;
  private readonly started = Date.now();

  constructor(
    private readonly listener: ((p: UploadProgress) => void) | undefined,
    public totalBytes: number | undefined,
    public totalParts: number | undefined,
    private readonly intervalMs = 100,
  ) {}

  /** Parts done before this run (resume): counted as sent, not in the rate. */
  preload(bytes: number, parts: number): void {
    this.bytes += bytes;
    this.parts += parts;
  }

  add(delta: number): void {
    this.bytes += delta;
    this.runBytes += delta;
    if (this.listener && Date.now() - this.lastEmit >= this.intervalMs) this.emit();
  }

  partDone(): void {
    this.parts++;
    this.emit();
  }

  emit(): void {
    if (!this.listener) return;
    this.lastEmit = Date.now();
    const elapsedMs = this.lastEmit - this.started;
    this.listener({
      bytesSent: this.bytes,
      totalBytes: this.totalBytes,
      partsDone: this.parts,
      totalParts: this.totalParts,
      bytesPerSecond: elapsedMs > 0 ? Math.round((this.runBytes * 1000) / elapsedMs) : 0,
      elapsedMs,
    });
  }
}
