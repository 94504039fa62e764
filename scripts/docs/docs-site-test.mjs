// pnpm test:docs (part 2) — builds the docs site (build-site.mjs) and opens it in Debian's Chromium:
// the index links every package and spec; every package's reference has a page for each value it
// exports at runtime (read from the built dist/), and each of those pages renders its name; every
// operation of every spec renders in its Redoc page. Screenshots go to artifacts/docs/ (CI keeps them).
import assert from 'node:assert/strict';
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import YAML from 'yaml';
import { readFile } from 'node:fs/promises';
import { chromiumAvailability, launchChromium } from '../packaging/launch-chromium.mjs';
import { ROOT } from '../packaging/public-packages.mjs';
import { buildSite, PACKAGES, SITE, SPECS } from './build-site.mjs';
import { serveDir } from './serve-dir.mjs';

const ARTIFACTS = join(ROOT, 'artifacts', 'docs');
const results = [];
async function check(name, work) {
  const started = Date.now();
  try {
    const detail = await work();
    results.push(true);
    console.log(`PASS ${name} (${Date.now() - started} ms)${detail ? `: ${detail}` : ''}`);
  } catch (error) {
    results.push(false);
    console.log(`FAIL ${name} (${Date.now() - started} ms)\n${String(error instanceof Error ? error.message : error).replace(/^/gm, '     ')}`);
  }
}

/** Runtime exports of a package (its dist/ entry points), by entry: the names a reader looks up. */
async function runtimeExports(name) {
  const dir = join(ROOT, 'packages', name);
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  const entries = Object.values(pkg.exports ?? {}).map((e) => (typeof e === 'string' ? e : e.default)).filter((t) => t?.endsWith('.js'));
  const names = new Set();
  for (const entry of entries.length ? entries : ['./dist/run.js']) {
    for (const key of Object.keys(await import(pathToFileURL(join(dir, entry)).href))) if (key !== 'default') names.add(key);
  }
  return [...names].sort();
}

/** Every member page of a package's reference: file path by exported name ("index.startMockServer.html" -> startMockServer). */
async function memberPages(name) {
  const pages = new Map();
  const base = join(SITE, 'api', name);
  for (const kind of await readdir(base, { withFileTypes: true })) {
    if (!kind.isDirectory() || kind.name === 'assets' || kind.name === 'modules') continue;
    for (const file of await readdir(join(base, kind.name))) pages.set(file.replace(/\.html$/, '').split('.').at(-1), `api/${name}/${kind.name}/${file}`);
  }
  return pages;
}

const availability = chromiumAvailability();
await check('pnpm docs builds the site', async () => {
  const { packages, specs } = await buildSite();
  return `${packages.length} package references, ${specs.length} spec pages`;
});

if (!availability.run) {
  if (availability.fail) {
    console.log(`FAIL docs in Chromium: ${availability.reason}`);
    results.push(false);
  } else console.log(`SKIPPED docs in Chromium: ${availability.reason}`);
} else {
  await mkdir(ARTIFACTS, { recursive: true });
  const server = await serveDir(SITE);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    const problems = [];
    page.on('pageerror', (e) => problems.push(`page error: ${e.message}`));
    // Only the site's own requests count; Redoc's footer logo is on its CDN, which CI cannot reach.
    page.on('requestfailed', (r) => r.url().startsWith(server.url) && problems.push(`request failed: ${r.url()}`));
    page.on('response', (r) => r.url().startsWith(server.url) && r.status() >= 400 && problems.push(`${r.status()} ${r.url()}`));

    await check('index links every package and spec', async () => {
      await page.goto(`${server.url}/index.html`);
      const packages = await page.$$eval('#packages a', (as) => as.map((a) => a.textContent));
      const specs = await page.$$eval('#specs a', (as) => as.map((a) => a.textContent));
      assert.equal(packages.length, PACKAGES.length);
      assert.equal(specs.length, SPECS.length);
      await page.screenshot({ path: join(ARTIFACTS, 'index.png') });
      return packages.join(', ');
    });

    for (const name of PACKAGES) {
      await check(`@assetkit/${name}: reference page and a page per export`, async () => {
        await page.goto(`${server.url}/api/${name}/index.html`);
        assert.match(await page.title(), new RegExp(`@assetkit/${name}`));
        const pages = await memberPages(name);
        const exported = await runtimeExports(name);
        const missing = exported.filter((e) => !pages.has(e));
        assert.deepEqual(missing, [], `exports without a reference page`);
        for (const e of exported) {
          await page.goto(`${server.url}/${pages.get(e)}`);
          const h1 = (await page.textContent('h1')) ?? '';
          assert.ok(h1.includes(e), `${pages.get(e)}: h1 "${h1}" does not name ${e}`);
        }
        if (name === 'unified') await page.screenshot({ path: join(ARTIFACTS, `api-${name}.png`) });
        return `${exported.length} exports rendered (${pages.size} pages)`;
      });
    }

    for (const name of SPECS) {
      await check(`specs/${name}.yaml: every operation renders`, async () => {
        const spec = YAML.parse(await readFile(join(ROOT, 'specs', `${name}.yaml`), 'utf8'));
        const operations = Object.values(spec.paths ?? {}).flatMap((item) => Object.values(item).filter((op) => op && typeof op === 'object' && op.operationId));
        assert.ok(operations.length > 0);
        await page.goto(`${server.url}/specs/${name}.html`);
        await page.waitForSelector('body[data-rendered]', { timeout: 120_000 });
        for (const op of operations) {
          const section = page.locator(`[id="operation/${op.operationId}"]`);
          assert.equal(await section.count(), 1, `operation/${op.operationId} is on the page`);
          if (op.summary) assert.match((await section.locator('h2').first().textContent()) ?? '', new RegExp(op.summary.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')));
        }
        await page.screenshot({ path: join(ARTIFACTS, `spec-${name}.png`), fullPage: true });
        return operations.map((o) => o.operationId).join(', ');
      });
    }
    await check('no page error, no failed request to the site', async () => assert.deepEqual(problems, []));
  } finally {
    await browser.close();
    await server.close();
  }
}

const failed = results.filter((r) => !r).length;
console.log(`\ndocs site: ${results.length - failed}/${results.length} checks passed`);
if (failed > 0) process.exitCode = 1;
