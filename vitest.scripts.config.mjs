// Tests of the repo's own tooling (scripts/**): spec diff, changesets, lint rules.
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['scripts/**/*.test.mjs'],
    testTimeout: 30_000,
  },
});
