/**
 * `pnpm demo`: the whole path end to end with no API keys and no network.
 * Starts the three mock servers in-process, points a unified client at them,
 * lists across providers, prints a table, gets one asset from each provider by
 * ref, prints that, and shuts the servers down.
 */
import { createAssetClient, type Asset } from '@assetkit/unified';
import { startMocks } from './commands/mock.js';
import { skippedNotes } from './commands/list.js';
import { renderAssetTable } from './format-table.js';

const ASSETS = 120;
const SEED = 1;
const SHOW = 10;

const idOf = (assets: readonly unknown[], key: string): string => String((assets[0] as Record<string, unknown>)[key]);

async function main(): Promise<void> {
  const mocks = await startMocks({ assets: ASSETS, seed: SEED });
  try {
    const [twelvelabs, rendernet, tenovos] = mocks.servers;
    if (!twelvelabs || !rendernet || !tenovos) throw new Error('mock servers did not start');
    const client = createAssetClient({
      twelvelabs: { apiKey: twelvelabs.apiKey, baseUrl: twelvelabs.url },
      rendernet: { apiKey: rendernet.apiKey, baseUrl: rendernet.url },
      tenovos: { apiKey: tenovos.apiKey, username: tenovos.username, password: tenovos.password, baseUrl: tenovos.url },
    });

    console.log(`Mock servers: ${mocks.servers.map((s) => `${s.provider} ${s.url}`).join(', ')} (${ASSETS} assets each, seed ${SEED})\n`);

    const listing = client.list({ pageSize: 50 });
    const all: Asset[] = [];
    for await (const asset of listing) all.push(asset);
    console.log(`$ assetkit list   # ${all.length} assets listed across all providers; first ${SHOW}:`);
    process.stdout.write(renderAssetTable(all.slice(0, SHOW)));
    process.stdout.write(skippedNotes(listing.skipped));

    const refs = [
      `twelvelabs:${idOf(twelvelabs.assets, '_id')}`,
      `rendernet:${idOf(rendernet.assets, 'id')}`,
      `tenovos:${idOf(tenovos.assets, 'assetId')}`,
    ];
    console.log(`\n$ assetkit get <ref>   # one asset from each provider`);
    const got = await Promise.all(refs.map((ref) => client.get(ref)));
    process.stdout.write(renderAssetTable(got));
  } finally {
    await mocks.close();
  }
}

try {
  await main();
} catch (error) {
  console.error(`demo failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exitCode = 1;
}
