// A throwaway npm project that installs the packed tarballs like a user would:
// no workspace links, real `npm install` — and no registry: third-party packages come as
// tarballs packed from the workspace's lockfile-pinned node_modules (vendor-tarballs.mjs),
// and npm runs --offline against a closed loopback port, so a test never depends on the
// network or on what a floating range resolves to today.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runOrThrow } from './run-command.mjs';
import { consumerThirdParty, dependencyClosure, packVendored } from './vendor-tarballs.mjs';
import { ROOT } from './public-packages.mjs';

const NPM_FLAGS = ['--no-audit', '--no-fund', '--ignore-scripts', '--offline', '--loglevel=error'];
/** Port 9 (discard) on loopback: nothing listens, so any registry request fails at once. */
export const CLOSED_REGISTRY = 'http://127.0.0.1:9/';

/** npm's environment for test installs: no registry, and the user's ~/.npmrc out of the way. */
export function offlineNpmEnv(dir) {
  return { ...process.env, npm_config_registry: CLOSED_REGISTRY, npm_config_userconfig: join(dir, '.npmrc-none'), npm_config_update_notifier: 'false' };
}

/** `npm install` in dir; `dependencies` and `overrides` are file: tarballs or `$name` references. */
export async function npmInstall(dir, dependencies, { overrides = {}, timeoutMs = 120_000 } = {}) {
  const manifest = { name: 'assetkit-consumer', private: true, type: 'module', dependencies, overrides };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  return runOrThrow('npm', ['install', ...NPM_FLAGS], { cwd: dir, timeoutMs, env: offlineNpmEnv(dir) });
}

/**
 * Installs every packed @assetkit tarball (plus the third-party packages named in `extra`,
 * which must be in the workspace) into dir. `overrides` pin each name to its tarball, so the
 * tarballs' own ranges resolve to the tarballs, never to a registry.
 */
export async function installTarballs(dir, packed, extra = {}) {
  const vendorDir = join(dir, '..', 'vendor-tarballs');
  await mkdir(vendorDir, { recursive: true });
  const roots = consumerThirdParty(ROOT, packed.map((p) => p.dir));
  for (const name of Object.keys(extra)) if (!roots.some((r) => r.name === name)) roots.push({ name, from: ROOT });
  const vendored = await packVendored(dependencyClosure(roots), vendorDir);
  const dependencies = {};
  const overrides = {};
  for (const { name, tarball } of vendored) {
    if (name in overrides) throw new Error(`two versions of ${name} in the consumer closure; the offline install pins one per name`);
    if (name in extra) {
      dependencies[name] = `file:${tarball}`;
      overrides[name] = `$${name}`;
    } else overrides[name] = `file:${tarball}`;
  }
  for (const { name, tarball } of packed) {
    dependencies[name] = `file:${tarball}`;
    overrides[name] = `$${name}`;
  }
  const result = await npmInstall(dir, dependencies, { overrides });
  const lock = JSON.parse(await readFile(join(dir, 'package-lock.json'), 'utf8'));
  for (const [path, entry] of Object.entries(lock.packages)) {
    if (path === '') continue;
    if (!String(entry.resolved ?? '').startsWith('file:')) {
      throw new Error(`${path} resolved to ${entry.resolved ?? entry.version}, not a local tarball`);
    }
  }
  return { ms: result.ms, vendored: vendored.length };
}
