#!/usr/bin/env node
// pnpm docs — a static site in site/: an API reference per package (TypeDoc, from each package's
// public entry points), a reference page per provider spec (Redoc), and an index.
// Open site/index.html, or serve the folder. Quiet unless something fails.
import { copyFile, mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { Application, LogLevel } from 'typedoc';
import { ROOT } from '../packaging/public-packages.mjs';
import YAML from 'yaml';

export const SITE = join(ROOT, 'site');
export const PACKAGES = ['runtime', 'twelvelabs', 'rendernet', 'tenovos', 'unified', 'mock', 'cli'];
export const SPECS = ['twelvelabs', 'rendernet', 'tenovos'];

/** src/ entry points of a package: its exports map turned back into sources; the CLI's is run.ts. */
async function entryPoints(dir) {
  const pkg = JSON.parse(await readFile(join(dir, 'package.json'), 'utf8'));
  const targets = Object.values(pkg.exports ?? {})
    .map((e) => (typeof e === 'string' ? e : e.default))
    .filter((t) => t?.startsWith('./dist/') && t.endsWith('.js'));
  const sources = targets.map((t) => join(dir, 'src', t.slice('./dist/'.length).replace(/\.js$/, '.ts')));
  return { name: pkg.name, version: pkg.version, sources: sources.length ? sources : [join(dir, 'src', 'run.ts')] };
}

async function buildApi(name) {
  const dir = join(ROOT, 'packages', name);
  const entry = await entryPoints(dir);
  const app = await Application.bootstrapWithPlugins({
    name: `${entry.name} ${entry.version}`,
    entryPoints: entry.sources,
    entryPointStrategy: 'resolve',
    tsconfig: join(dir, 'tsconfig.build.json'),
    readme: join(dir, 'README.md'),
    excludePrivate: true,
    excludeInternal: true,
    githubPages: false,
    hideGenerator: true,
    logLevel: LogLevel.Error,
    validation: { notExported: false, invalidLink: false, rewrittenLink: false },
  });
  const project = await app.convert();
  if (!project) throw new Error(`typedoc could not convert ${entry.name}`);
  await app.generateDocs(project, join(SITE, 'api', name));
  return entry;
}

/**
 * One Redoc page per spec. Redoc's standalone bundle is copied next to the pages: the page
 * Redocly's build-docs writes loads it from cdn.redocly.com, and the site must work offline (CI's
 * Chromium and a reader's laptop on a plane alike). redoc 3's package does not install from the
 * registry (a dependency version that was never published), so this uses redoc 2.5, pinned.
 */
async function buildSpec(name) {
  const spec = YAML.parse(await readFile(join(ROOT, 'specs', `${name}.yaml`), 'utf8'));
  const out = join(SITE, 'specs', `${name}.html`);
  const json = JSON.stringify(spec).replace(/</g, '\\u003c');
  await writeFile(
    out,
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${spec.info.title} ${spec.info.version}</title>
<meta name="viewport" content="width=device-width, initial-scale=1"></head><body><div id="redoc"></div>
<script src="./redoc.standalone.js"></script>
<script>Redoc.init(${json}, { hideDownloadButton: true, disableSearch: false }, document.getElementById('redoc'), () => document.body.setAttribute('data-rendered', 'true'));</script>
</body></html>\n`,
  );
  return out;
}

export async function buildSite() {
  await rm(SITE, { recursive: true, force: true });
  await mkdir(join(SITE, 'specs'), { recursive: true });
  await copyFile(join(ROOT, 'node_modules', 'redoc', 'bundles', 'redoc.standalone.js'), join(SITE, 'specs', 'redoc.standalone.js'));
  const entries = [];
  for (const name of PACKAGES) entries.push({ dir: name, ...(await buildApi(name)) });
  for (const name of SPECS) await buildSpec(name);
  const li = (href, text) => `<li><a href="${href}">${text}</a></li>`;
  await writeFile(
    join(SITE, 'index.html'),
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>assetkit docs</title></head><body>
<h1>assetkit</h1>
<h2>Packages (API reference)</h2><ul id="packages">${entries.map((e) => li(`api/${e.dir}/index.html`, `${e.name} ${e.version}`)).join('')}</ul>
<h2>Provider specs (API reference)</h2><ul id="specs">${SPECS.map((s) => li(`specs/${s}.html`, `specs/${s}.yaml`)).join('')}</ul>
</body></html>\n`,
  );
  return { site: SITE, packages: entries.map((e) => e.name), specs: SPECS };
}

if (process.argv[1] && relative(process.argv[1], new URL(import.meta.url).pathname) === '') {
  const started = Date.now();
  const { site, packages, specs } = await buildSite();
  console.log(`docs: ${packages.length} package references, ${specs.length} spec references in ${relative(ROOT, site)}/ (${((Date.now() - started) / 1000).toFixed(1)} s)`);
}
