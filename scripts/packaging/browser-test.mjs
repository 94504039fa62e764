// pnpm test:browser — bundles a page from the packed @assetkit/unified (and the
// generated clients it depends on) for the browser with esbuild, serves it from
// 127.0.0.1, and has Debian's Chromium get one asset from each of the three mock
// servers (cross-origin, so CORS preflights included). Skips when Chromium is absent.
import assert from 'node:assert/strict';
import { copyFile, mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { installTarballs } from './install-consumer.mjs';
import { chromiumAvailability, launchChromium } from './launch-chromium.mjs';
import { packPackages } from './pack-packages.mjs';
import { publicPackages } from './public-packages.mjs';
import { startMocks } from './start-mocks.mjs';
import { serveFiles } from './static-server.mjs';
import { withTempDir } from './temp-dir.mjs';

const PAGE = fileURLToPath(new URL('./browser-fixture/page.mjs', import.meta.url));
const NEEDED = ['@assetkit/runtime', '@assetkit/twelvelabs', '@assetkit/rendernet', '@assetkit/tenovos', '@assetkit/unified', '@assetkit/mock'];
const INDEX_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><link rel="icon" href="data:,"><title>assetkit browser test</title></head>
<body><p id="status">loading</p><ul id="results"></ul><script type="module" src="/page.js"></script></body></html>
`;

const step = (text) => console.log(`PASS ${text}`);

async function bundlePage(app) {
  const result = await build({
    entryPoints: [join(app, 'page.mjs')],
    absWorkingDir: app,
    bundle: true,
    platform: 'browser',
    format: 'esm',
    target: 'es2022',
    outfile: join(app, 'www', 'page.js'),
    metafile: true,
    logLevel: 'silent',
  });
  const inputs = Object.keys(result.metafile.inputs);
  for (const name of ['unified', 'runtime', 'twelvelabs', 'rendernet', 'tenovos']) {
    assert.ok(inputs.some((i) => i.startsWith(`node_modules/@assetkit/${name}/dist/`)), `bundle contains the packed @assetkit/${name}`);
  }
  const output = Object.values(result.metafile.outputs)[0];
  return { inputs: inputs.length, bytes: output.bytes };
}

async function runPage(pageUrl) {
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    page.on('console', (m) => m.type() === 'error' && problems.push(`console: ${m.text()}`));
    await page.goto(pageUrl, { timeout: 120_000 });
    await page.waitForFunction(() => document.body.dataset.state, null, { timeout: 120_000 });
    const state = await page.evaluate(() => document.body.dataset.state);
    const status = await page.textContent('#status');
    const items = await page.$$eval('#results li', (lis) => lis.map((li) => ({ ref: li.dataset.ref, provider: li.dataset.provider })));
    return { version: browser.version(), state, status, items, problems };
  } finally {
    await browser.close();
  }
}

const availability = chromiumAvailability();
if (!availability.run) {
  if (availability.fail) {
    console.error(`FAIL test:browser: ${availability.reason}`);
    process.exit(1);
  }
  console.log(`SKIPPED: chromium not installed (${availability.reason})`);
  process.exit(0);
}

const started = Date.now();
try {
  await withTempDir('browser', async (dir) => {
    const app = join(dir, 'app');
    await Promise.all([mkdir(join(dir, 'tarballs')), mkdir(join(app, 'www'), { recursive: true })]);
    const packed = await packPackages(publicPackages().filter((p) => NEEDED.includes(p.name)), join(dir, 'tarballs'));
    await installTarballs(app, packed);
    step(`packed and installed ${packed.map((p) => p.name).join(', ')} into a fresh project`);

    await copyFile(PAGE, join(app, 'page.mjs'));
    await writeFile(join(app, 'www', 'index.html'), INDEX_HTML);
    const bundle = await bundlePage(app);
    step(`esbuild browser bundle: ${(bundle.bytes / 1024).toFixed(1)} KiB from ${bundle.inputs} modules, no Node built-ins`);

    const mocks = await startMocks(app, { assets: 5, seed: 3 });
    let site;
    try {
      site = await serveFiles(join(app, 'www'), ['index.html', 'page.js']);
      const q = new URLSearchParams({ refs: mocks.refs.join(',') });
      for (const s of mocks.servers) {
        q.set(`${s.provider}.url`, s.url);
        q.set(`${s.provider}.key`, s.apiKey);
      }
      const tenovos = mocks.servers.find((s) => s.provider === 'tenovos');
      q.set('tenovos.user', tenovos.username);
      q.set('tenovos.password', tenovos.password);

      const result = await runPage(`${site.url}/?${q}`);
      assert.equal(result.state, 'done', `page reported: ${result.status}\n${result.problems.join('\n')}`);
      assert.deepEqual(
        result.items,
        mocks.refs.map((ref) => ({ ref, provider: ref.slice(0, ref.indexOf(':')) })),
      );
      for (const s of mocks.servers) assert.ok(s.stats.requests > 0, `${s.provider} mock was called by the browser`);
      step(`Chromium ${result.version}: got ${result.items.map((i) => i.ref).join(', ')}`);
      const preflights = mocks.servers.map((s) => `${s.provider} ${s.stats.requests}`).join(', ');
      step(`cross-origin requests per mock, preflights included: ${preflights}`);
    } finally {
      await Promise.all([mocks.close(), site?.close()]);
    }
  });
  console.log(`\ntest:browser: passed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
} catch (error) {
  console.error(`FAIL ${error instanceof Error ? error.message : String(error)}`);
  console.error(`\ntest:browser: failed (${((Date.now() - started) / 1000).toFixed(1)} s)`);
  process.exitCode = 1;
}
