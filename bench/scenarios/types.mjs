// (5) Type cost: tsc --noEmit --extendedDiagnostics on a consumer that uses every operation,
// against the same operations through bare openapi-fetch over the same generated `paths`.
import { spawnSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT, tmpDir } from '../lib/util.mjs';

const USE_EVERY_OPERATION = (make) => `
export async function useEveryOperation(key: string, url: string, id: string) {
  const tl = ${make('twelvelabs', 'TwelveLabs', "{ apiKey: key, baseUrl: url }")};
  const rn = ${make('rendernet', 'RenderNet', "{ apiKey: key, baseUrl: url }")};
  const tv = ${make('tenovos', 'Tenovos', "{ apiKey: key, baseUrl: url, username: 'u', password: 'p' }")};

  const page = await tl.GET('/assets', { params: { query: { page: 1, page_limit: 50, asset_types: ['video', 'audio'], asset_ids: [id] } } });
  const firstId: string | undefined = page.data?.data[0]?._id;
  const total: number | undefined = page.data?.page_info.total_page;
  const one = await tl.GET('/assets/{asset_id}', { params: { path: { asset_id: id } } });
  const status = one.data?.status;
  const code = one.response.status; // assetkit throws errors (no error member): this line type-checks on both clients

  const rnAsset = await rn.GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: id } } });
  const rnData = rnAsset.data?.data;

  const login = await tv.POST('/auth/token', { body: { username: 'u', password: 'p' } });
  const refresh = await tv.POST('/auth/token', { body: { session: { accessToken: 'a', refreshToken: 'r' } } });
  const tvAsset = await tv.GET('/assets/asset/{id}', { params: { path: { id }, query: { empty: false, system: true } } });
  return { firstId, total, status, code, rnData, login: login.data, refresh: refresh.data, tvAsset: tvAsset.data };
}
`;

const CONSUMER = `import { createTwelveLabsClient } from '@assetkit/twelvelabs';
import { createRenderNetClient } from '@assetkit/rendernet';
import { createTenovosClient } from '@assetkit/tenovos';
import { createAssetClient, type Asset } from '@assetkit/unified';
${USE_EVERY_OPERATION((_p, Name, opts) => `create${Name}Client(${opts})`)}
export async function useUnified(key: string, url: string) {
  const client = createAssetClient({ twelvelabs: { apiKey: key, baseUrl: url }, rendernet: { apiKey: key, baseUrl: url }, tenovos: { apiKey: key, baseUrl: url, username: 'u', password: 'p' } });
  const asset: Asset = await client.get('twelvelabs:abc');
  const names: string[] = [];
  for await (const a of client.list({ providers: ['twelvelabs'], kinds: ['video'], pageSize: 50, concurrency: 4 })) names.push(a.name ?? a.id);
  for await (const p of client.list().pages()) names.push(String(p.page));
  if (asset.provider === 'twelvelabs') names.push(asset.raw._id ?? '');
  return { asset, names, caps: client.capabilities('tenovos') };
}
`;

const BASELINE = `import createClient from 'openapi-fetch';
import type { paths as TwelveLabsPaths } from '@assetkit/twelvelabs';
import type { paths as RenderNetPaths } from '@assetkit/rendernet';
import type { paths as TenovosPaths } from '@assetkit/tenovos';
${USE_EVERY_OPERATION((p, Name) => `createClient<${Name}Paths>({ baseUrl: url, headers: { 'x-api-key': key } })`)}
`;

function tsconfig(file) {
  const pkg = (name) => [`${ROOT}/packages/${name}/dist/index.d.ts`];
  return {
    compilerOptions: {
      target: 'ES2022',
      module: 'ESNext',
      moduleResolution: 'Bundler',
      lib: ['ES2022', 'DOM', 'DOM.Iterable'],
      types: [],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      paths: {
        '@assetkit/runtime': pkg('runtime'),
        '@assetkit/twelvelabs': pkg('twelvelabs'),
        '@assetkit/rendernet': pkg('rendernet'),
        '@assetkit/tenovos': pkg('tenovos'),
        '@assetkit/unified': pkg('unified'),
        'openapi-fetch': [`${ROOT}/packages/runtime/node_modules/openapi-fetch`],
      },
    },
    files: [file],
  };
}

/** Parses tsc --extendedDiagnostics output into numbers (seconds for times, K for memory). */
function parseDiagnostics(text) {
  const out = {};
  for (const line of text.split('\n')) {
    const m = line.match(/^([A-Za-z ]+):\s+([\d.]+)(s|K)?\s*$/);
    if (m) out[m[1].trim()] = Number(m[2]);
  }
  return out;
}

function check(dir, name, source) {
  const file = join(dir, `${name}.ts`);
  writeFileSync(file, source);
  const config = join(dir, `tsconfig.${name}.json`);
  writeFileSync(config, JSON.stringify(tsconfig(file), null, 2));
  const started = performance.now();
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', config, '--extendedDiagnostics'], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  const wallMs = performance.now() - started;
  const diagnostics = parseDiagnostics(result.stdout);
  if (result.status !== 0) {
    const errors = result.stdout.split('\n').filter((l) => l.includes('error TS'));
    throw new Error(`tsc failed on ${name}.ts (exit ${result.status}):\n${errors.join('\n') || result.stderr}`);
  }
  return {
    instantiations: diagnostics.Instantiations,
    types: diagnostics.Types,
    checkTimeS: diagnostics['Check time'],
    totalTimeS: diagnostics['Total time'],
    memoryUsedK: diagnostics['Memory used'],
    wallMs: Math.round(wallMs),
  };
}

export function runTypes() {
  const dir = tmpDir('types');
  const consumer = check(dir, 'consumer', CONSUMER);
  const baseline = check(dir, 'baseline', BASELINE);
  return { consumer, baseline, tscVersion: require_ts_version() };
}

function require_ts_version() {
  const result = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '--version'], { encoding: 'utf8' });
  return result.stdout.trim();
}
