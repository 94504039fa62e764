// pnpm test:registry — the release path for real, on loopback: a spec change in a clone of this
// repository, `spec:changeset`, `changeset version`, build, `changeset publish` to a Verdaccio
// started here (temporary storage, no uplink), then `@assetkit/unified` at its new version
// installed from that registry into fresh projects with npm and with pnpm, which get, list and
// upload against the mock. Third-party dependencies are seeded into the registry from the
// workspace's lockfile-pinned node_modules, so nothing leaves 127.0.0.1.
// HOME, the npmrc, the caches and the pnpm store of everything that talks to the registry are
// temporary: the user's config is untouched and the publish token exists only in that npmrc.
// The clone is of the last commit (as CI's checkout is): uncommitted changes are not in it.
import assert from 'node:assert/strict';
import { cp, mkdir, readFile, realpath, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import YAML from 'yaml';
import { createChecklist } from './checklist.mjs';
import { publicPackages, ROOT } from './public-packages.mjs';
import { runCommand, runOrThrow } from './run-command.mjs';
import { startVerdaccio } from './start-verdaccio.mjs';
import { withTempDir } from './temp-dir.mjs';
import { consumerThirdParty, dependencyClosure, packVendored } from './vendor-tarballs.mjs';

const FIXTURES = [
  fileURLToPath(new URL('./consumer-fixture/esm-consumer.mjs', import.meta.url)),
  fileURLToPath(new URL('./registry-fixture/upload-consumer.mjs', import.meta.url)),
];
const CHANGED = '@assetkit/twelvelabs';
const GIT_ID = { GIT_AUTHOR_NAME: 'assetkit release test', GIT_AUTHOR_EMAIL: 'release-test@localhost', GIT_COMMITTER_NAME: 'assetkit release test', GIT_COMMITTER_EMAIL: 'release-test@localhost' };

const { check, finish } = createChecklist('test:registry');

const readJson = async (file) => JSON.parse(await readFile(file, 'utf8'));
const storeDir = (await runOrThrow('pnpm', ['store', 'path'], { cwd: ROOT })).stdout.trim();

await withTempDir('registry', async (dir) => {
  const home = join(dir, 'home');
  const repo = join(dir, 'repo');
  await mkdir(home, { recursive: true });
  let registry;
  try {
    let env;
    const ok = await check('start Verdaccio on 127.0.0.1 (temporary storage, no uplink)', async () => {
      registry = await startVerdaccio(join(dir, 'registry'));
      const npmrc = join(home, '.npmrc');
      await writeFile(npmrc, `registry=${registry.url}/\n${registry.url.replace(/^http:/, '')}/:_authToken=${registry.token}\n`, { mode: 0o600 });
      env = {
        ...process.env,
        ...GIT_ID,
        HOME: home,
        XDG_CONFIG_HOME: join(home, '.config'),
        XDG_CACHE_HOME: join(home, '.cache'),
        XDG_DATA_HOME: join(home, '.local', 'share'),
        npm_config_userconfig: npmrc,
        npm_config_registry: `${registry.url}/`,
        npm_config_cache: join(home, '.npm'),
        npm_config_update_notifier: 'false',
        npm_config_audit: 'false',
        npm_config_fund: 'false',
      };
      delete env.NPM_TOKEN;
      delete env.NODE_AUTH_TOKEN;
      const probe = await fetch(`${registry.url}/openapi-fetch`);
      assert.equal(probe.status, 404, 'a package it was not given does not exist (no uplink)');
      return registry.url;
    });
    if (!ok) return;

    await check('seed third-party dependencies from the lockfile-pinned node_modules', async () => {
      const closure = dependencyClosure(consumerThirdParty(ROOT, publicPackages().map((p) => p.dir)));
      await mkdir(join(dir, 'vendor'));
      const tarballs = await packVendored(closure, join(dir, 'vendor'));
      for (let i = 0; i < tarballs.length; i += 4) {
        await Promise.all(
          tarballs.slice(i, i + 4).map((t) => runOrThrow('npm', ['publish', t.tarball, '--ignore-scripts', '--loglevel=error'], { cwd: home, env, timeoutMs: 120_000 })),
        );
      }
      return `${tarballs.length} packages`;
    });

    if (!(await check('clone and install the repository offline', async () => {
      await runOrThrow('git', ['clone', '--quiet', '--no-local', ROOT, repo], { env, timeoutMs: 120_000 });
      await runOrThrow('pnpm', ['install', '--offline', '--frozen-lockfile', '--store-dir', storeDir, '--reporter=silent'], { cwd: repo, env, timeoutMs: 300_000 });
    }))) return;

    const before = Object.fromEntries(await Promise.all(publicPackages().map(async (p) => [p.name, (await readJson(join(p.dir, 'package.json'))).version])));
    let after = {};
    await check('spec change -> spec:changeset -> changeset version', async () => {
      const specFile = join(repo, 'specs', 'twelvelabs.yaml');
      const doc = YAML.parseDocument(await readFile(specFile, 'utf8'));
      const schemas = doc.getIn(['components', 'schemas']);
      const target = schemas.items.find((pair) => doc.getIn(['components', 'schemas', pair.key.value, 'properties']));
      const name = target.key.value;
      doc.setIn(['components', 'schemas', name, 'properties', 'releaseTestNote'], doc.createNode({ type: 'string', description: 'Added by the loopback release test.' }));
      await writeFile(specFile, doc.toString());
      const cs = await runOrThrow(process.execPath, ['scripts/spec-diff/cli.mjs', 'changeset'], { cwd: repo, env });
      await runOrThrow('pnpm', ['exec', 'turbo', 'run', 'generate', '--output-logs=errors-only'], { cwd: repo, env, timeoutMs: 300_000 });
      await runOrThrow('git', ['add', '-A'], { cwd: repo, env });
      await runOrThrow('git', ['commit', '-qm', 'twelvelabs: spec change (release test)'], { cwd: repo, env });
      await runOrThrow('pnpm', ['exec', 'changeset', 'version'], { cwd: repo, env, timeoutMs: 120_000 });
      await runOrThrow('git', ['add', '-A'], { cwd: repo, env });
      await runOrThrow('git', ['commit', '-qm', 'version packages'], { cwd: repo, env });
      for (const p of Object.keys(before)) after[p] = (await readJson(join(repo, 'packages', p.split('/')[1], 'package.json'))).version;
      assert.notEqual(after[CHANGED], before[CHANGED], `${CHANGED} was bumped`);
      assert.notEqual(after['@assetkit/unified'], before['@assetkit/unified'], '@assetkit/unified (depends on it) was bumped');
      const changed = Object.keys(after).filter((p) => after[p] !== before[p]);
      return `${name}.releaseTestNote added; ${cs.stdout.trim().split('\n').at(-1)}; ${changed.map((p) => `${p} ${before[p]} -> ${after[p]}`).join(', ')}`;
    });

    await check('changelogs name the change', async () => {
      const own = await readFile(join(repo, 'packages', 'twelvelabs', 'CHANGELOG.md'), 'utf8');
      assert.match(own, new RegExp(`## ${after[CHANGED].replaceAll('.', '\\.')}`));
      const dependent = await readFile(join(repo, 'packages', 'unified', 'CHANGELOG.md'), 'utf8');
      assert.match(dependent, new RegExp(`## ${after['@assetkit/unified'].replaceAll('.', '\\.')}[\\s\\S]*Updated dependencies[\\s\\S]*${CHANGED}@${after[CHANGED]}`));
      return `twelvelabs ${after[CHANGED]}, unified ${after['@assetkit/unified']} ("Updated dependencies")`;
    });

    if (!(await check('build and changeset publish to the loopback registry', async () => {
      await runOrThrow('pnpm', ['exec', 'turbo', 'run', 'build', '--output-logs=errors-only'], { cwd: repo, env, timeoutMs: 600_000 });
      const r = await runCommand('pnpm', ['exec', 'changeset', 'publish'], { cwd: repo, env, timeoutMs: 600_000 });
      if (r.code !== 0) throw new Error(`changeset publish exited ${r.code}\n${`${r.stdout}\n${r.stderr}`.split('\n').slice(-30).join('\n')}`);
      const tags = (await runOrThrow('git', ['tag', '--list'], { cwd: repo })).stdout.trim().split('\n');
      return `tags ${tags.join(', ')}`;
    }))) return;

    await check('published versions, dependency ranges, no workspace: in any tarball', async () => {
      const lines = [];
      for (const name of Object.keys(after)) {
        const doc = await (await fetch(`${registry.url}/${name.replace('/', '%2f')}`)).json();
        assert.equal(doc['dist-tags']?.latest, after[name], `${name} latest`);
        const manifest = doc.versions[after[name]];
        const tgz = join(dir, `${name.replace('/', '-')}.tgz`);
        await writeFile(tgz, Buffer.from(await (await fetch(manifest.dist.tarball)).arrayBuffer()));
        const packed = (await runOrThrow('tar', ['-xzOf', tgz, 'package/package.json'])).stdout;
        assert.doesNotMatch(packed, /workspace:/, `${name} tarball package.json has no workspace: range`);
        lines.push(`${name}@${after[name]}`);
      }
      const unified = (await (await fetch(`${registry.url}/@assetkit%2funified`)).json()).versions[after['@assetkit/unified']];
      assert.equal(unified.dependencies[CHANGED], `^${after[CHANGED]}`, 'unified depends on the new provider version');
      return lines.join(', ');
    });

    const installs = [
      ['npm', ['install', '--no-audit', '--no-fund', '--ignore-scripts', '--loglevel=error']],
      ['pnpm', ['install', '--no-frozen-lockfile', '--store-dir', join(dir, 'consumer-store'), '--reporter=silent']],
    ];
    for (const [tool, args] of installs) {
      await check(`${tool} install @assetkit/unified@${after['@assetkit/unified']} from the registry; get, list, upload`, async () => {
        const app = join(dir, `${tool}-app`);
        await mkdir(app);
        const manifest = { name: `assetkit-${tool}-consumer`, private: true, type: 'module', dependencies: { '@assetkit/unified': after['@assetkit/unified'], '@assetkit/mock': after['@assetkit/mock'] } };
        await writeFile(join(app, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
        const install = await runOrThrow(tool, args, { cwd: app, env, timeoutMs: 300_000 });
        const installed = await readJson(join(app, 'node_modules', '@assetkit', 'unified', 'package.json'));
        assert.equal(installed.version, after['@assetkit/unified']);
        // Where unified's own dependency sits: nested (npm, on a conflict), or beside it (npm hoisted; pnpm's .pnpm layout).
        const unifiedDir = await realpath(join(app, 'node_modules', '@assetkit', 'unified'));
        const provider = await readJson(join(unifiedDir, 'node_modules', '@assetkit', 'twelvelabs', 'package.json')).catch(() => readJson(join(unifiedDir, '..', 'twelvelabs', 'package.json')));
        assert.equal(provider.version, after[CHANGED], 'the new provider version came with it');
        const outputs = [];
        for (const fixture of FIXTURES) {
          await cp(fixture, join(app, fixture.split('/').at(-1)));
          outputs.push((await runOrThrow(process.execPath, [fixture.split('/').at(-1)], { cwd: app, env, timeoutMs: 120_000 })).stdout.trim().split('\n').at(-1));
        }
        console.log(`     ${tool} install: ${install.ms} ms`);
        return `installed in ${install.ms} ms; ${outputs.join('; ')}`;
      });
    }
  } finally {
    await registry?.close();
  }
});

finish();
