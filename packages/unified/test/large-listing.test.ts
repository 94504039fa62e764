import { startMockServer, type MockServer } from '@assetkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { clientFor } from './helpers.js';

let big: MockServer;
beforeAll(async () => {
  big = await startMockServer('twelvelabs', { assets: 10_000, seed: 3 });
});
afterAll(() => big.close());

describe('listing 10,000 assets', () => {
  it('returns each exactly once, in server order, with bounded pages in flight', async () => {
    const client = clientFor({ twelvelabs: big });
    const expected = (big.assets as { _id: string }[]).map((a) => a._id);
    const concurrency = 4;
    const before = big.stats.requests;
    let index = 0;
    let pages = 0;
    let maxAhead = 0;
    for await (const page of client.list({ pageSize: 50, concurrency }).pages()) {
      pages++;
      // requests sent beyond the pages consumed: the prefetch window, never the whole account
      maxAhead = Math.max(maxAhead, big.stats.requests - before - pages);
      for (const asset of page.assets) {
        expect(asset.id).toBe(expected[index]);
        index++;
      }
      if (pages % 20 === 0) await new Promise((r) => setTimeout(r, 5)); // a slow consumer
    }
    expect(index).toBe(10_000);
    expect(pages).toBe(200);
    expect(maxAhead).toBeLessThanOrEqual(concurrency);
    expect(big.stats.requests - before).toBe(200); // no wasted request past the last page
  });
});

describe('429 backs off the whole listing', () => {
  it('no new page request starts while a Retry-After is pending', async () => {
    const limited = await startMockServer('twelvelabs', { assets: 400, faults: { plan: [null, '429'], retryAfterSeconds: 1 } });
    try {
      // One timeline of request starts and the moment the client learns of the 429 (onRetry,
      // called in the same tick as the listing sets its pause). Ordered by event, not by a
      // guessed slack after the 2nd request's start, so a busy machine cannot shift anything
      // into or out of the window: it can only make the pause look longer.
      const events: { kind: 'start' | 'pause'; at: number }[] = [];
      const recordingFetch: typeof fetch = (input, init) => {
        events.push({ kind: 'start', at: Date.now() });
        return fetch(input, init);
      };
      const onRetry = () => void events.push({ kind: 'pause', at: Date.now() });
      const client = clientFor({ twelvelabs: limited }, { fetch: recordingFetch, onRetry });
      const began = Date.now();
      let count = 0;
      for await (const _ of client.list({ pageSize: 20, concurrency: 4 })) count++;
      expect(count).toBe(400);
      expect(Date.now() - began).toBeGreaterThanOrEqual(950); // a lower bound: slowness only adds
      const pauses = events.filter((e) => e.kind === 'pause');
      expect(pauses).toHaveLength(1);
      const pausedAt = pauses[0]!.at;
      // Every request started after the 429 was seen waited out its Retry-After (1 s; timers may fire ~1 ms early).
      const after = events.slice(events.indexOf(pauses[0]!) + 1);
      expect(after.length).toBeGreaterThan(0);
      for (const e of after) expect(e.at - pausedAt).toBeGreaterThanOrEqual(950);
    } finally {
      await limited.close();
    }
  });
});
