// (4) Generation: wall time of `pnpm generate` (turbo) cold and with a warm cache, plus the generator alone.
// A private turbo cache dir under bench/tmp keeps the repo's own cache untouched: "cold" removes it first.
import { spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { median, ROOT, TMP } from '../lib/util.mjs';

const CACHE_DIR = join(TMP, 'turbo-generate');
const ENV = { ...process.env, TURBO_TELEMETRY_DISABLED: '1', TURBO_NO_UPDATE_NOTIFIER: '1', DO_NOT_TRACK: '1' };

function timed(command, args) {
  const started = performance.now();
  const result = spawnSync(command, args, { cwd: ROOT, env: ENV, encoding: 'utf8', timeout: 60_000 });
  const ms = performance.now() - started;
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed (${result.status ?? result.signal}):\n${result.stdout}\n${result.stderr}`);
  return { ms, output: `${result.stdout}\n${result.stderr}` };
}

const cached = (output) => {
  const m = output.match(/Cached:\s+(\d+) cached, (\d+) total/);
  return m ? { cached: Number(m[1]), total: Number(m[2]) } : undefined;
};

export function runGenerate({ coldRuns = 2, warmRuns = 3, generatorRuns = 2 } = {}) {
  const pnpmGenerate = ['generate', `--cache-dir=${CACHE_DIR}`];
  const cold = [];
  const coldForce = [];
  const warm = [];
  // Cold and forced: no turbo cache, and every spec regenerated in full (the generator's inputs-hash skip off).
  for (let i = 0; i < coldRuns; i++) {
    rmSync(CACHE_DIR, { recursive: true, force: true });
    coldForce.push(timed('pnpm', [...pnpmGenerate, '--', '--force']).ms);
  }
  // Cold: no turbo cache (a fresh CI checkout); the generator skips specs whose outputs carry their inputs hash.
  for (let i = 0; i < coldRuns; i++) {
    rmSync(CACHE_DIR, { recursive: true, force: true });
    const run = timed('pnpm', pnpmGenerate);
    const c = cached(run.output);
    if (!c || c.cached !== 0) throw new Error(`cold generate was not cold: ${JSON.stringify(c)}`);
    cold.push(run.ms);
    // The warm runs follow the last cold run, on the cache it filled.
  }
  let tasks;
  for (let i = 0; i < warmRuns; i++) {
    const run = timed('pnpm', pnpmGenerate);
    const c = cached(run.output);
    if (!c || c.cached !== c.total) throw new Error(`warm generate was not a full cache hit: ${JSON.stringify(c)}`);
    tasks = c.total;
    warm.push(run.ms);
  }
  // For information: turbo without pnpm in front, pnpm's own start-up, and the generator alone.
  const turboWarm = [0, 1].map(() => timed(join(ROOT, 'node_modules/.bin/turbo'), ['run', 'generate', `--cache-dir=${CACHE_DIR}`]).ms);
  const pnpmStartup = [0, 1].map(() => timed('pnpm', ['--version']).ms);
  const generator = Array.from({ length: generatorRuns }, () => timed(process.execPath, [join(ROOT, 'scripts/generate/index.mjs'), '--force']).ms);
  rmSync(CACHE_DIR, { recursive: true, force: true });
  return {
    tasks,
    coldMs: Math.round(median(cold)),
    coldRunsMs: cold.map(Math.round),
    coldForceMs: Math.round(median(coldForce)),
    coldForceRunsMs: coldForce.map(Math.round),
    warmMs: Math.round(median(warm)),
    warmRunsMs: warm.map(Math.round),
    turboWarmMs: Math.round(median(turboWarm)),
    pnpmStartupMs: Math.round(median(pnpmStartup)),
    generatorMs: Math.round(median(generator)),
    generatorRunsMs: generator.map(Math.round),
  };
}
