// No test may depend on how fast the machine is (issue #16). These rules keep the shapes that
// flaked here from coming back with a new test: an upper bound on measured time, or a timeout
// that is not aimed at a server that never answers.
import { describe, expect, it } from 'vitest';
import { repoSpeedProblems, speedProblems, testFiles } from './speed-rules.mjs';

const root = new URL('../..', import.meta.url).pathname;

describe('speed rules', () => {
  it('no test file in the repo breaks them', () => {
    expect(testFiles(root).length).toBeGreaterThan(40);
    expect(repoSpeedProblems(root)).toEqual([]);
  });

  it('flag an upper bound on measured time', () => {
    const rules = (code) => speedProblems(code).map((p) => p.rule);
    expect(rules('expect(Date.now() - started).toBeLessThan(2000);')).toEqual(['upper bound on measured time']);
    expect(rules('expect(performance.now() - t0).toBeLessThanOrEqual(50);')).toEqual(['upper bound on measured time']);
    expect(rules('expect(elapsed).toBeLessThan(3000);')).toEqual(['upper bound on measured time']);
    // A lower bound is fine (a busy machine only adds time), and so is a bound on a count.
    expect(rules('expect(elapsed).toBeGreaterThanOrEqual(950);')).toEqual([]);
    expect(rules('expect(requests).toBeLessThan(50);')).toEqual([]);
  });

  it('flag a timeout unless the server never answers', () => {
    const rules = (code) => speedProblems(code).map((p) => p.rule);
    const rule = 'timeout not aimed at a server that never answers';
    // What failed in #16: a 300 ms per-call timeout on calls the mock answers.
    expect(rules('const fast = { retryDelay: { initialDelayMs: 5 }, timeoutMs: 300 };')).toEqual([rule]);
    expect(rules("await get(id, { signal: AbortSignal.timeout(100) });")).toEqual([rule]);
    expect(rules('setTimeout(() => controller.abort(), 150);')).toEqual([rule]);
    // Fine: against a stall or a server that never answers, said within a few lines.
    expect(rules("const mock = await start(provider, ['stall']);\nawait get(id, { timeoutMs: 200 });")).toEqual([]);
    expect(rules('server.respond(() => {}); // never answers\nawait get(client({ timeoutMs: 150 }));')).toEqual([]);
    // Fine: an invalid value in a validation test.
    expect(rules('expect(() => client({ timeoutMs: 0 })).toThrow(/timeoutMs/);')).toEqual([]);
  });
});
