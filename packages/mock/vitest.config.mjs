import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Debug logging on for the whole suite, and a scan of all output for credentials.
    setupFiles: ['../../scripts/test/secret-scan.setup.mjs'],
    // A safety net against hangs, not a speed requirement: loopback tests share 2 cores with the
    // other packages' suites under turbo (and with whatever else the machine runs), so the bounds
    // are far above any honest run. Hooks too: vitest's default hookTimeout is only 10 s.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
