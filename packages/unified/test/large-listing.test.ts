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
      const starts: number[] = [];
      const recordingFetch: typeof fetch = (input, init) => {
        starts.push(Date.now());
        return fetch(input, init);
      };
      const client = clientFor({ twelvelabs: limited }, { fetch: recordingFetch });
      const began = Date.now();
      let count = 0;
      for await (const _ of client.list({ pageSize: 20, concurrency: 4 })) count++;
      expect(count).toBe(400);
      expect(Date.now() - began).toBeGreaterThanOrEqual(950);
      // after the 429 (2nd request), the requests started within the next 900 ms are only those already in flight
      const t429 = starts[1]!;
      const startedDuringPause = starts.filter((t) => t > t429 + 50 && t < t429 + 900);
      expect(startedDuringPause.length).toBe(0);
    } finally {
      await limited.close();
    }
  });
});
