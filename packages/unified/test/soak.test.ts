// Fault soak: list a TwelveLabs mock through the unified client while it injects
// 429s, 503s, resets, stalls and truncated bodies, deterministically by seed.
// Default: 1,000 assets, one seed (part of `pnpm test`). `pnpm test:soak`: 10,000 assets, three seeds.
import { startMockServer } from '@assetkit/mock';
import type { RetryEvent } from '@assetkit/runtime';
import { describe, expect, it } from 'vitest';
import { createAssetClient, type Asset } from '../src/index.js';

const FULL = process.env.SOAK_FULL === '1';
const ASSETS = FULL ? 10_000 : 1_000;
const SEEDS = FULL ? [1, 2, 3] : [11];
const MAX_RETRIES = 8;

describe(`fault soak (${ASSETS} assets)`, () => {
  for (const seed of SEEDS) {
    it.concurrent(`seed ${seed}: every asset exactly once, in order, retries accounted for`, { timeout: FULL ? 900_000 : 120_000 }, async () => {
      const mock = await startMockServer('twelvelabs', {
        assets: ASSETS,
        seed,
        faults: { rate429: 0.1, rate5xx: 0.05, rateReset: 0.02, rateStall: 0.01, rateTruncate: 0.01, retryAfterSeconds: 1, status5xx: 503 },
      });
      const retries: RetryEvent[] = [];
      try {
        const client = createAssetClient({
          twelvelabs: {
            apiKey: mock.apiKey,
            baseUrl: mock.url,
            maxRetries: MAX_RETRIES,
            // Only a stalled request (which never gets an answer) may reach this. 10 s for a loopback
            // answer leaves a busy machine plenty of room; 1 s did not, and a slow page then
            // counted as a spurious retry. Each stall costs one timeout, then a retry.
            timeoutMs: 10_000,
            retryDelay: { initialDelayMs: 20, maxDelayMs: 200 },
            onRetry: (event) => retries.push(event),
          },
        });
        const started = Date.now();
        const got: Asset[] = [];
        let resumes = 0;
        let cursor: string | undefined;
        // Resume from the cursor if a page ever exhausts its retries, as a user would.
        for (;;) {
          const listing = client.list(cursor ? { cursor } : { pageSize: 50 });
          try {
            for await (const asset of listing) got.push(asset);
            break;
          } catch (error) {
            if (++resumes > 5) throw error;
            cursor = listing.cursor;
          }
        }
        const seconds = (Date.now() - started) / 1000;
        const expected = (mock.assets as { _id: string }[]).map((a) => a._id);
        expect(got.map((a) => a.id)).toEqual(expected);
        expect(new Set(got.map((a) => a.id)).size).toBe(ASSETS);

        const faults = mock.stats.faults;
        const injected = Object.values(faults).reduce((a, b) => a + b, 0);
        const byType = retries.reduce<Record<string, number>>((acc, r) => ((acc[r.error.type] = (acc[r.error.type] ?? 0) + 1), acc), {});
        console.log(
          `soak seed=${seed} assets=${ASSETS} requests=${mock.stats.requests} faults=${JSON.stringify(faults)} retries=${retries.length} ${JSON.stringify(byType)} resumes=${resumes} time=${seconds.toFixed(1)}s`,
        );
        expect(injected).toBeGreaterThan(0);
        // Every injected fault costs exactly one retry: none ignored, none spurious.
        expect(retries.length).toBe(injected - resumes);
        expect(byType.rate_limit ?? 0).toBe(faults['429'] ?? 0);
        expect(Math.max(0, ...retries.map((r) => r.attempt))).toBeLessThanOrEqual(MAX_RETRIES);
      } finally {
        await mock.close();
      }
    });
  }
});
