// Third-party packages for the consumer projects, packed from the workspace's own
// node_modules (installed by `pnpm install --frozen-lockfile`, so pinned by pnpm-lock.yaml).
// With these, a consumer install needs no registry at test time: the test runs the same
// with the network up or down, and no floating range is resolved on the day of the test.
import { existsSync, readFileSync, realpathSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { runOrThrow } from './run-command.mjs';

/** Finds `name` as Node's resolution would, from `fromDir` upwards; returns its real directory. */
function locate(name, fromDir) {
  for (let dir = fromDir; ; dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name);
    if (existsSync(join(candidate, 'package.json'))) return realpathSync(candidate);
    if (dirname(dir) === dir) throw new Error(`${name} is not installed under ${fromDir} (run pnpm install)`);
  }
}

/**
 * The closure of `roots` (each `{ name, from }`): every package with its dependencies and
 * non-optional peers, keyed by name@version.
 * @returns {Map<string, { name: string, version: string, dir: string }>}
 */
export function dependencyClosure(roots) {
  const found = new Map();
  const queue = roots.map(({ name, from }) => locate(name, from));
  while (queue.length > 0) {
    const dir = queue.pop();
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    const key = `${pkg.name}@${pkg.version}`;
    if (found.has(key)) continue;
    found.set(key, { name: pkg.name, version: pkg.version, dir });
    const optionalPeers = new Set(Object.entries(pkg.peerDependenciesMeta ?? {}).filter(([, m]) => m.optional).map(([n]) => n));
    const names = [...Object.keys(pkg.dependencies ?? {}), ...Object.keys(pkg.peerDependencies ?? {}).filter((n) => !optionalPeers.has(n))];
    for (const name of names) queue.push(locate(name, dir));
  }
  return found;
}

/**
 * Tars each package of the closure into destination as npm's registry tarballs are laid out
 * (`package/…`). An installed package holds exactly its published files, so no `files` logic
 * is needed; GNU tar rather than `npm pack`, which dies on some packages ("Exit handler never called");
 * --hard-dereference because pnpm hard-links identical files and npm skips hard-link entries.
 */
export async function packVendored(closure, destination) {
  return Promise.all(
    [...closure.values()].map(async (p) => {
      const tarball = join(destination, `${p.name.replace('@', '').replace('/', '-')}-${p.version}.tgz`);
      await runOrThrow('tar', ['-czf', tarball, '--hard-dereference', '--owner=0', '--group=0', '--exclude=./node_modules', '--transform=s,^\\.,package,', '-C', p.dir, '.'], { timeoutMs: 300_000 });
      return { ...p, tarball };
    }),
  );
}

/** The third-party packages that the public @assetkit packages and the consumer fixtures need. */
export function consumerThirdParty(root, packageDirs) {
  const roots = [];
  for (const dir of packageDirs) {
    const pkg = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'));
    for (const name of Object.keys({ ...pkg.dependencies, ...pkg.peerDependencies })) {
      if (!name.startsWith('@assetkit/')) roots.push({ name, from: dir });
    }
  }
  roots.push({ name: '@types/node', from: root });
  return roots;
}
