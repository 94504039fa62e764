import type { PartUrl, UrlRequest } from '@assetkit/runtime/upload';

interface Entry {
  url: string;
  expiresAt: number | undefined;
  /** Which fetch it came from: an expiry of one URL makes every URL of the same fetch suspect. */
  batch: number;
}

export interface FetchedUrl {
  chunk_index?: number;
  url?: string;
  expires_at?: string;
}

/** At most this many URLs per presigned-urls call (the vendor's limit). */
export const URLS_PER_CALL = 50;

/**
 * Presigned chunk URLs for one session. URLs are single-use, so each is handed
 * out once. They come in batches of up to 50 (`POST .../presigned-urls`), and
 * the next batch is asked for while the current one still has `lowWater` URLs
 * left, so a worker never waits for one. An expired URL drops every URL of its
 * batch (they were signed together) and the part gets a fresh one.
 */
export class ChunkUrls {
  private readonly cache = new Map<number, Entry>();
  private readonly inflight = new Map<number, Promise<void>>();
  /** Highest chunk index fetched or being fetched, for prefetching ahead. */
  private ahead = 0;
  private batches = 0;

  constructor(
    private readonly totalChunks: number,
    private readonly request: (start: number, count: number, signal: AbortSignal) => Promise<FetchedUrl[]>,
    private readonly lowWater: number,
  ) {}

  /** The URLs a create call already returned. */
  add(urls: FetchedUrl[] | undefined): void {
    const batch = ++this.batches;
    for (const u of urls ?? []) {
      if (typeof u.chunk_index !== 'number' || typeof u.url !== 'string') continue;
      this.cache.set(u.chunk_index, { url: u.url, expiresAt: u.expires_at ? Date.parse(u.expires_at) : undefined, batch });
      this.ahead = Math.max(this.ahead, u.chunk_index);
    }
  }

  /** The engine's getUrl. */
  async get(chunk: number, request: UrlRequest): Promise<PartUrl> {
    if (request.expired) {
      const stale = this.cache.get(chunk)?.batch;
      this.cache.delete(chunk);
      if (stale !== undefined) for (const [i, e] of this.cache) if (e.batch === stale) this.cache.delete(i);
    }
    for (let tries = 0; ; tries++) {
      const hit = this.cache.get(chunk);
      if (hit) {
        this.cache.delete(chunk); // single use
        this.prefetch(chunk, request.signal);
        return { url: hit.url, ...(hit.expiresAt !== undefined && { expiresAt: hit.expiresAt }) };
      }
      if (tries >= 3) throw new Error(`TwelveLabs gave no presigned URL for chunk ${chunk}`);
      // A fetch already covering this chunk serves it; else fetch from here on.
      const covering = [...this.inflight.entries()].find(([start]) => start <= chunk && chunk < start + URLS_PER_CALL);
      await (covering ? covering[1] : this.fetch(chunk, request.signal));
    }
  }

  private prefetch(taken: number, signal: AbortSignal): void {
    const left = [...this.cache.keys()].filter((i) => i > taken).length;
    if (left >= this.lowWater || this.ahead >= this.totalChunks) return;
    // Fire and forget: a failure here only means the worker asks itself later.
    this.fetch(this.ahead + 1, signal).catch(() => {});
  }

  private fetch(start: number, signal: AbortSignal): Promise<void> {
    const count = Math.min(URLS_PER_CALL, this.totalChunks - start + 1);
    this.ahead = Math.max(this.ahead, start + count - 1);
    const job = this.request(start, count, signal)
      .then((urls) => this.add(urls))
      .finally(() => this.inflight.delete(start));
    this.inflight.set(start, job);
    return job;
  }
}
