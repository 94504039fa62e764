// A private npm registry (Verdaccio) on 127.0.0.1 for the publish test: its own storage in a
// temporary folder, no uplink (a package it was not given does not exist), one user created
// through the registry's own adduser endpoint so `npm publish` has a token. The token lives only
// in the temporary npmrc the test writes; nothing here prints it.
// Verdaccio is pinned at 6.8.0 in package.json: 6.9 and later refuse to start on Node 20, which CI runs.
import { spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './public-packages.mjs';

const VERDACCIO = join(ROOT, 'node_modules', 'verdaccio', 'bin', 'verdaccio');

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer().on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

const CONFIG = (storage, htpasswd) => `storage: ${JSON.stringify(storage)}
auth:
  htpasswd:
    file: ${JSON.stringify(htpasswd)}
    max_users: 1
uplinks: {}
packages:
  '**':
    access: $all
    publish: $authenticated
    unpublish: $authenticated
server:
  keepAliveTimeout: 5
security:
  api:
    legacy: true
log: { type: stdout, format: json, level: warn }
web: { enable: false }
publish:
  allow_offline: true
`;

/**
 * @param {string} dir a temporary folder the registry owns
 * @returns {Promise<{ url: string, token: string, log: () => string, close: () => Promise<void> }>}
 */
export async function startVerdaccio(dir) {
  const storage = join(dir, 'storage');
  await mkdir(storage, { recursive: true });
  const config = join(dir, 'config.yaml');
  await writeFile(config, CONFIG(storage, join(dir, 'htpasswd')));
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, [VERDACCIO, '--config', config, '--listen', `127.0.0.1:${port}`], {
    cwd: dir,
    env: { ...process.env, VERDACCIO_HOME: dir, HOME: dir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.setEncoding('utf8').on('data', (c) => (output = (output + c).slice(-20_000)));
  child.stderr.setEncoding('utf8').on('data', (c) => (output = (output + c).slice(-20_000)));
  // A pipe error only means verdaccio went away; its exit and output say why.
  child.stdout.on('error', () => {});
  child.stderr.on('error', () => {});
  const exited = new Promise((resolve) => child.on('close', resolve));
  const spawnError = new Promise((_, reject) => child.on('error', reject));
  const close = async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    await exited;
  };
  try {
    // Ready when /-/ping answers; it starts in about a second, the loop allows far more.
    const deadline = Date.now() + 180_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`verdaccio exited ${child.exitCode}\n${output}`);
      const ok = await Promise.race([
        fetch(`${url}/-/ping`).then((r) => r.ok, () => false),
        spawnError,
      ]);
      if (ok) break;
      if (Date.now() > deadline) throw new Error(`verdaccio did not answer on ${url}\n${output}`);
      await new Promise((r) => setTimeout(r, 200));
    }
    const name = 'assetkit-release-test';
    const password = `pw-${process.pid}-${Date.now()}`;
    const response = await fetch(`${url}/-/user/org.couchdb.user:${name}`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ name, password, type: 'user', roles: [] }),
    });
    const body = await response.json().catch(() => ({}));
    if (!response.ok || typeof body.token !== 'string') throw new Error(`verdaccio adduser answered ${response.status}: ${body.error ?? ''}`);
    return { url, token: body.token, log: () => output, close };
  } catch (error) {
    await close();
    throw error;
  }
}
