import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    // Debug logging on for the whole suite, and a scan of all output for credentials.
    setupFiles: ['../../scripts/test/secret-scan.setup.mjs'],
    // Loopback tests share 2 cores with the other packages' suites under turbo.
    testTimeout: 30_000,
  },
});
