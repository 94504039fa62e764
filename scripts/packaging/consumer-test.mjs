// pnpm test:consumer — installs the packed packages into a fresh npm project
// outside the workspace and uses them as a consumer would: ESM at runtime,
// CommonJS through require(esm), the optional spec-validator entry, the CLI
// bin, and the public types under TypeScript 5.9 and TypeScript 7 (both pinned in the
// lockfile). No registry is used: see install-consumer.mjs.
import { cp, mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createChecklist } from './checklist.mjs';
import { installTarballs } from './install-consumer.mjs';
import { packPackages } from './pack-packages.mjs';
import { publicPackages, ROOT } from './public-packages.mjs';
import { runCommand } from './run-command.mjs';
import { withTempDir } from './temp-dir.mjs';

const FIXTURE = fileURLToPath(new URL('./consumer-fixture/', import.meta.url));
// Both compilers are the workspace's own, pinned by pnpm-lock.yaml: `typescript` (~5.9) and
// `typescript-7` (npm:typescript@7.x, the native compiler). Nothing is fetched at test time.
const COMPILERS = [
  { label: 'TypeScript 5.9', tsc: join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc') },
  { label: 'TypeScript 7', tsc: join(ROOT, 'node_modules', 'typescript-7', 'bin', 'tsc') },
];
// Peers of @assetkit/mock/spec-validator, as the workspace has them installed.
const VALIDATOR_PEERS = { ajv: '', 'ajv-formats': '', yaml: '' };

const { check, finish } = createChecklist('test:consumer');

/** Runs a command in the consumer project; throws with its output unless it exits 0. Returns its last stdout line. */
// Timeouts here only catch hangs: generous, since CI's 2 cores may be busy with other work.
async function inProject(cwd, command, args, timeoutMs = 300_000) {
  const r = await runCommand(command, args, { cwd, timeoutMs });
  const output = `${r.stdout}${r.stderr}`.trim();
  if (r.code !== 0) throw new Error(`${[command, ...args].join(' ')} ${r.timedOut ? `timed out after ${timeoutMs} ms` : `exited ${r.code ?? r.signal}`}\n${output}`);
  return r.stdout.trim().split('\n').at(-1) ?? '';
}

await withTempDir('consumer', async (dir) => {
  const app = join(dir, 'app');
  await Promise.all([mkdir(join(dir, 'tarballs')), mkdir(app)]);

  let packed = [];
  await check('pack public packages', async () => {
    packed = await packPackages(publicPackages(), join(dir, 'tarballs'));
    return packed.map((p) => p.name).join(', ');
  });
  if (packed.length === 0) return;

  let installed = false;
  await check('npm install --offline of the tarballs (registry: closed loopback port)', async () => {
    const { ms, vendored } = await installTarballs(app, packed, { '@types/node': '', ...VALIDATOR_PEERS });
    installed = true;
    return `${packed.length} @assetkit tarballs + ${vendored} lockfile-pinned third-party tarballs in ${ms} ms, no registry`;
  });
  if (!installed) return;
  await cp(FIXTURE, app, { recursive: true });

  await check('ESM import, mocks, get per provider, list', () => inProject(app, process.execPath, ['esm-consumer.mjs']));
  await check('upload through client.upload (bytes and a file, waited until ready)', async () => {
    await cp(fileURLToPath(new URL('./registry-fixture/upload-consumer.mjs', import.meta.url)), join(app, 'upload-consumer.mjs'));
    return inProject(app, process.execPath, ['upload-consumer.mjs']);
  });
  await check('CommonJS require() (require(esm))', () => inProject(app, process.execPath, ['cjs-consumer.cjs']));
  await check('@assetkit/mock/spec-validator with its optional peers', () =>
    inProject(app, process.execPath, ['spec-validator-consumer.mjs', join(ROOT, 'specs', 'twelvelabs.yaml')]),
  );
  const cli = packed.find((p) => p.name === '@assetkit/cli');
  if (cli) {
    await check('assetkit bin (--version)', async () => {
      const line = await inProject(app, join(app, 'node_modules', '.bin', 'assetkit'), ['--version']);
      if (line !== '0.1.0' && !/^\d+\.\d+\.\d+/.test(line)) throw new Error(`unexpected version output: ${line}`);
      return `assetkit ${line}`;
    });
  } else {
    console.log('SKIPPED assetkit bin: @assetkit/cli is not built');
  }
  for (const c of COMPILERS) {
    await check(`types with ${c.label} (strict, NodeNext, skipLibCheck false)`, async () => {
      const version = await inProject(app, process.execPath, [c.tsc, '--version']);
      await inProject(app, process.execPath, [c.tsc, '-p', 'tsconfig.json', '--noEmit'], 300_000);
      return `${version}: no errors, every @ts-expect-error is a real error`;
    });
  }
});

finish();
