import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { QUIET_ENV } from '../quiet-env.mjs';
import { countResults, failureLog, STEPS } from './run-all.mjs';

describe('pnpm test summary runner', () => {
  it('adds up vitest lines (turbo-prefixed, coloured) and "N/M checks passed" lines', () => {
    const log = [
      '@assetkit/runtime:test:       \x1b[2mTests\x1b[22m  \x1b[32m52 passed\x1b[39m | 2 skipped (54)',
      '      Tests  3 failed | 10 passed (13)',
      'test:consumer: 7/8 checks passed (6.9 s)',
      ' Test Files  2 passed (2)',
    ].join('\n');
    expect(countResults(log)).toEqual({ passed: 69, failed: 4, skipped: 2 });
  });

  it('runs every script that pnpm test ran before, plus the new checks', () => {
    const names = STEPS.map(([n]) => n);
    for (const n of ['lint:specs', 'check:generated', 'check:changeset', 'typecheck+test', 'test:scripts', 'test:packages', 'test:consumer', 'test:browser', 'test:registry', 'test:docs', 'lint:workflows']) {
      expect(names).toContain(n);
    }
  });

  it('every root script reaches turbo through scripts/turbo.mjs, which turns telemetry off', () => {
    const { scripts } = JSON.parse(readFileSync(new URL('../../package.json', import.meta.url), 'utf8'));
    const bare = Object.entries(scripts).filter(([, cmd]) => /(^|&&\s*|\s)turbo\s/.test(cmd.replaceAll('scripts/turbo.mjs', '')));
    expect(bare).toEqual([]);
    expect(QUIET_ENV.TURBO_TELEMETRY_DISABLED).toBe('1');
    expect(readFileSync(new URL('../turbo.mjs', import.meta.url), 'utf8')).toMatch(/QUIET_ENV/);
  });

  it("shows a failed turbo run's failing task in full, not the tasks that passed", () => {
    const log = ['a:test: fine', 'b:test: boom', 'b:test: at line 3', 'b#test:  ERROR  exited (1)', '', ' Tasks:    1 successful, 2 total', 'Failed:    b#test'].join('\n');
    expect(failureLog(log)).toBe(['b:test: boom', 'b:test: at line 3', 'b#test:  ERROR  exited (1)', '', ' Tasks:    1 successful, 2 total', 'Failed:    b#test'].join('\n'));
    expect(failureLog('plain failure\nno turbo')).toBe('plain failure\nno turbo');
  });
});
