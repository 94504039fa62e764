// A throwaway npm project that installs the packed tarballs like a user would:
// no workspace links, real `npm install`, registry for third-party dependencies only.
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { runOrThrow } from './run-command.mjs';

const NPM_FLAGS = ['--no-audit', '--no-fund', '--ignore-scripts', '--prefer-offline', '--loglevel=error'];

/** `npm install` in dir; `dependencies` may mix registry ranges and file: tarballs. */
export async function npmInstall(dir, dependencies, { overrides = {}, timeoutMs = 120_000 } = {}) {
  const manifest = { name: 'assetkit-consumer', private: true, type: 'module', dependencies, overrides };
  await writeFile(join(dir, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  await runOrThrow('npm', ['install', ...NPM_FLAGS], { cwd: dir, timeoutMs });
}

/**
 * Installs every packed @assetkit tarball (plus `extra` registry packages) into dir.
 * `overrides` pin each @assetkit name to its tarball, so the tarballs' own `^0.1.0`
 * dependencies on each other resolve to the tarballs, never to the npm registry.
 */
export async function installTarballs(dir, packed, extra = {}) {
  const dependencies = { ...extra };
  const overrides = {};
  for (const { name, tarball } of packed) {
    dependencies[name] = `file:${tarball}`;
    overrides[name] = `$${name}`;
  }
  await npmInstall(dir, dependencies, { overrides });
  const lock = JSON.parse(await readFile(join(dir, 'package-lock.json'), 'utf8'));
  for (const [path, entry] of Object.entries(lock.packages)) {
    const name = path.replace(/^.*node_modules\//, '');
    if (name.startsWith('@assetkit/') && !String(entry.resolved ?? '').startsWith('file:')) {
      throw new Error(`${path} resolved to ${entry.resolved ?? entry.version}, not a packed tarball`);
    }
  }
}
