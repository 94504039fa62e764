// (3) Bundle size: esbuild browser bundles (minified ESM) of small entry files, gzipped at level 9.
// Built with code splitting, as any modern app bundler does: what a page downloads to run the entry is the
// entry chunk plus every chunk it imports statically (counted, gzipped one by one, as served). Chunks behind a
// dynamic import() (uploads in unified) load only when used: reported apart as `lazyGzipBytes`, never hidden.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { pkgDist, ROOT, tmpDir } from '../lib/util.mjs';

const ENTRIES = {
  provider: {
    label: '(a) @assetkit/twelvelabs, GET one asset',
    code: `import { createTwelveLabsClient } from '@assetkit/twelvelabs';
export const run = (k, u, id) => createTwelveLabsClient({ apiKey: k, baseUrl: u }).GET('/assets/{asset_id}', { params: { path: { asset_id: id } } });`,
  },
  unified: {
    label: '(b) @assetkit/unified, all three providers, get + list',
    code: `import { createAssetClient } from '@assetkit/unified';
export const client = (k, u, user, pass) => createAssetClient({
  twelvelabs: { apiKey: k, baseUrl: u }, rendernet: { apiKey: k, baseUrl: u }, tenovos: { apiKey: k, baseUrl: u, username: user, password: pass },
});
export const get = (c, ref) => c.get(ref);
export const list = (c) => c.list({ pageSize: 50 });`,
  },
  openapiFetch: {
    label: '(c) bare openapi-fetch, GET one asset',
    code: `import createClient from 'openapi-fetch';
export const run = (k, u, id) => createClient({ baseUrl: u, headers: { 'x-api-key': k } }).GET('/assets/{asset_id}', { params: { path: { asset_id: id } } });`,
  },
  sdk: {
    label: '(d) twelvelabs-js, assets.retrieve',
    code: `import { TwelvelabsApiClient } from 'twelvelabs-js';
export const run = (k, u, id) => new TwelvelabsApiClient({ apiKey: k, baseUrl: u }).assets.retrieve(id);`,
  },
  sdkAssetsOnly: {
    label: '(d, info) twelvelabs-js, Assets resource client imported directly',
    code: `import { Assets } from 'twelvelabs-js/api/resources/assets/client/Client.js';
export const run = (k, u, id) => new Assets({ apiKey: k, baseUrl: u }).retrieve(id);`,
  },
};

/** Node built-ins a browser bundle must not pull in. */
const NODE_BUILTIN = /^(node:)?(fs|path|os|http|https|net|tls|stream|zlib|crypto|child_process|util|buffer|url|events|worker_threads|perf_hooks|dns|readline|process)(\/.*)?$/;

/** Which package a metafile input belongs to. */
function packageOf(input) {
  const dep = input.match(/.*node_modules\/((?:@[^/]+\/)?[^/]+)/);
  if (dep) return dep[1];
  const own = input.match(/^packages\/([^/]+)\//);
  return own ? `@assetkit/${own[1]}` : undefined;
}

export async function runBundles() {
  const dir = tmpDir('bundles');
  const results = {};
  for (const [name, { label, code }] of Object.entries(ENTRIES)) {
    const entry = join(dir, `${name}.entry.mjs`);
    writeFileSync(entry, `${code}\n`);
    const nodeImports = new Set();
    const result = await build({
      entryPoints: [entry],
      bundle: true,
      minify: true,
      format: 'esm',
      platform: 'browser',
      target: 'es2022',
      write: false,
      metafile: true,
      logLevel: 'silent',
      absWorkingDir: ROOT,
      splitting: true,
      outdir: join(dir, name),
      entryNames: '[name]',
      // The workspace packages resolve from their dist; their own dependencies (openapi-fetch) from their node_modules.
      alias: { '@assetkit/unified': pkgDist('unified') },
      nodePaths: [join(ROOT, 'packages/unified/node_modules'), join(ROOT, 'packages/runtime/node_modules'), join(ROOT, 'node_modules')],
      plugins: [
        {
          // Records (and stubs out) any Node built-in that something tries to import, instead of failing the build.
          name: 'flag-node-builtins',
          setup(b) {
            b.onResolve({ filter: NODE_BUILTIN }, (args) => {
              nodeImports.add(`${args.path} (from ${args.importer.replace(`${ROOT}/`, '')})`);
              return { path: args.path, namespace: 'node-builtin' };
            });
            b.onLoad({ filter: /.*/, namespace: 'node-builtin' }, () => ({ contents: 'export default {}', loader: 'js' }));
          },
        },
      ],
    });
    mkdirSync(join(dir, name), { recursive: true });
    for (const file of result.outputFiles) writeFileSync(file.path, file.contents);
    const outputs = result.metafile.outputs;
    const rel = (path) => path.replace(`${ROOT}/`, '');
    const fileOf = new Map(result.outputFiles.map((f) => [rel(f.path), f]));
    const entryOut = Object.keys(outputs).find((o) => outputs[o].entryPoint);
    // The entry and every chunk reachable from it by static imports: what runs the entry.
    const initial = new Set();
    const visit = (out) => {
      if (initial.has(out)) return;
      initial.add(out);
      for (const i of outputs[out].imports) if (i.kind === 'import-statement' && outputs[i.path]) visit(i.path);
    };
    visit(entryOut);
    const jsOutputs = Object.keys(outputs).filter((o) => o.endsWith('.js'));
    const lazy = jsOutputs.filter((o) => !initial.has(o));
    const gz = (outs) => outs.reduce((sum, o) => sum + gzipSync(fileOf.get(o).contents, { level: 9 }).length, 0);
    const min = (outs) => outs.reduce((sum, o) => sum + fileOf.get(o).contents.length, 0);
    const inputs = Object.keys(result.metafile.inputs);
    const bytesByInput = [...initial]
      .flatMap((o) => Object.entries(outputs[o].inputs))
      .map(([path, { bytesInOutput }]) => [path.replace(/.*node_modules\//, ''), bytesInOutput])
      .sort((x, y) => y[1] - x[1]);
    results[name] = {
      label,
      minifiedBytes: min([...initial]),
      gzipBytes: gz([...initial]),
      chunks: initial.size,
      lazyChunks: lazy.length,
      lazyGzipBytes: gz(lazy),
      modules: inputs.length,
      nodeBuiltins: [...nodeImports],
      packages: [...new Set(inputs.map(packageOf).filter(Boolean))],
      largestInputs: Object.fromEntries(bytesByInput.slice(0, 8)),
    };
  }
  return results;
}
