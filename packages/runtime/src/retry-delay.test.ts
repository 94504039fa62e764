import { describe, expect, it } from 'vitest';
import { parseRetryAfter, retryDelay } from './retry-delay.js';

describe('retry delay', () => {
  it('reads Retry-After as seconds or as an HTTP-date', () => {
    const now = Date.parse('2026-01-01T00:00:00Z');
    expect(parseRetryAfter('1', now)).toBe(1000);
    expect(parseRetryAfter('2.5', now)).toBe(2500);
    expect(parseRetryAfter('Thu, 01 Jan 2026 00:00:03 GMT', now)).toBe(3000);
    expect(parseRetryAfter('Wed, 31 Dec 2025 23:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });

  it('honours Retry-After up to the cap', () => {
    const opts = { initialDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
    expect(retryDelay(0, 1000, opts)).toBe(1000);
    expect(retryDelay(0, 600_000, opts)).toBe(5000);
  });

  it('backs off exponentially with full jitter, capped', () => {
    const opts = { initialDelayMs: 100, maxDelayMs: 1000, maxRetryAfterMs: 5000 };
    expect(retryDelay(0, undefined, opts, () => 0.999)).toBe(100);
    expect(retryDelay(2, undefined, opts, () => 0.999)).toBe(400);
    expect(retryDelay(10, undefined, opts, () => 0.999)).toBe(999);
    expect(retryDelay(3, undefined, opts, () => 0)).toBe(0);
    const draws = Array.from({ length: 200 }, () => retryDelay(1, undefined, opts));
    expect(Math.min(...draws)).toBeGreaterThanOrEqual(0);
    expect(Math.max(...draws)).toBeLessThanOrEqual(200);
    expect(new Set(draws).size).toBeGreaterThan(20);
  });
});
