import { describe, expect, it } from 'vitest';
import { formatCount, formatDate, formatDuration, formatSize, sanitize, truncate } from './format-values.js';

describe('format-values', () => {
  it('sizes in decimal units', () => {
    expect(formatSize(undefined)).toBeUndefined();
    expect(formatSize(0)).toBe('0 B');
    expect(formatSize(999)).toBe('999 B');
    expect(formatSize(1000)).toBe('1.0 KB');
    expect(formatSize(1_234_567)).toBe('1.2 MB');
    expect(formatSize(999_999)).toBe('1.0 MB');
    expect(formatSize(3_469_815_525)).toBe('3.5 GB');
    expect(formatSize(-1)).toBeUndefined();
    expect(formatSize(NaN)).toBeUndefined();
  });

  it('durations as m:ss or h:mm:ss', () => {
    expect(formatDuration(undefined)).toBeUndefined();
    expect(formatDuration(0)).toBe('0:00');
    expect(formatDuration(125)).toBe('2:05');
    expect(formatDuration(59.6)).toBe('1:00');
    expect(formatDuration(3725)).toBe('1:02:05');
  });

  it('dates, counts, sanitizing and truncation', () => {
    expect(formatDate(new Date('2025-06-01T11:03:42Z'))).toBe('2025-06-01');
    expect(formatDate(new Date('nope'))).toBeUndefined();
    expect(formatCount(1250)).toBe('1,250');
    expect(formatCount(1_000_000)).toBe('1,000,000');
    expect(formatCount(12)).toBe('12');
    expect(sanitize('a\x1b[31mb\nc')).toBe('a\uFFFD[31mb\uFFFDc');
    expect(truncate('abcdef', 4)).toBe('abc…');
    expect(truncate('abc', 4)).toBe('abc');
  });
});
