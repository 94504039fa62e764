import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

const root = new URL('../..', import.meta.url).pathname;
const vitest = `${root}node_modules/vitest/vitest.mjs`;

it('the suite-wide secret scan fails a test file whose output contains a credential', () => {
  const run = spawnSync(process.execPath, [vitest, 'run', '--config', 'scripts/test/fixtures/leak.config.mjs'], {
    cwd: root,
    encoding: 'utf8',
    timeout: 110_000, // a hang guard below the 120 s testTimeout, not a speed requirement
    env: { ...process.env, CI: 'true' },
  });
  expect(run.status).not.toBe(0);
  expect(`${run.stdout}${run.stderr}`).toContain('Credentials in captured output');
});
