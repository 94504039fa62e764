// Tests of the repo's own tooling (scripts/**): spec diff, changesets, lint rules.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['scripts/**/*.test.mjs'],
    // A safety net against hangs, not a speed requirement (the machine may be busy).
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
