#!/usr/bin/env node
// turbo, with its telemetry off. Turbo reads that setting only from the environment or the
// user's own config (there is no turbo.json key), so the repository's scripts call turbo
// through this file instead of setting it on each machine: `node scripts/turbo.mjs run build`.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { QUIET_ENV } from './quiet-env.mjs';

const bin = join(dirname(createRequire(import.meta.url).resolve('turbo/package.json')), 'bin', 'turbo');
const result = spawnSync(process.execPath, [bin, ...process.argv.slice(2)], { stdio: 'inherit', env: { ...process.env, ...QUIET_ENV } });
process.exitCode = result.status ?? 1;
