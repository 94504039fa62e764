import { createAssetClient, type Asset, type Provider } from '@assetkit/unified';
import { listingSummary, skippedNotes } from './commands/list.js';
import { startMocks } from './commands/mock.js';
import { renderAssetTable } from './format-table.js';

const ASSETS = 120;
const SEED = 1;
/** Rows shown per provider: the listing covers all three, one after another. */
const SHOW_EACH = 4;

const idOf = (assets: readonly unknown[], key: string): string => String((assets[0] as Record<string, unknown>)[key]);

/** The demo, writing to `out`; see demo.ts. */
export async function runDemo(out: (text: string) => void): Promise<void> {
  const mocks = await startMocks({ assets: ASSETS, seed: SEED });
  try {
    const [twelvelabs, rendernet, tenovos] = mocks.servers;
    if (!twelvelabs || !rendernet || !tenovos) throw new Error('mock servers did not start');
    const client = createAssetClient({
      twelvelabs: { apiKey: twelvelabs.apiKey, baseUrl: twelvelabs.url },
      rendernet: { apiKey: rendernet.apiKey, baseUrl: rendernet.url },
      tenovos: { apiKey: tenovos.apiKey, username: tenovos.username, password: tenovos.password, baseUrl: tenovos.url },
    });

    out(`Mock servers: ${mocks.servers.map((s) => `${s.provider} ${s.url}`).join(', ')} (${ASSETS} assets each, seed ${SEED})\n\n`);

    const listing = client.list({ pageSize: 50 });
    const first: Asset[] = [];
    const counts = new Map<Provider, number>();
    for await (const asset of listing) {
      const seen = (counts.get(asset.provider) ?? 0) + 1;
      counts.set(asset.provider, seen);
      if (seen <= SHOW_EACH) first.push(asset);
    }
    out(`$ assetkit list   # ${listingSummary(counts, listing.skipped)}; first ${SHOW_EACH} of each:\n`);
    out(renderAssetTable(first));
    out(skippedNotes(listing.skipped));

    const refs = [
      `twelvelabs:${idOf(twelvelabs.assets, '_id')}`,
      `rendernet:${idOf(rendernet.assets, 'id')}`,
      `tenovos:${idOf(tenovos.assets, 'assetId')}`,
    ];
    out(`\n$ assetkit get <ref>   # one asset from each provider\n`);
    const got = await Promise.all(refs.map((ref) => client.get(ref)));
    out(renderAssetTable(got));
  } finally {
    await mocks.close();
  }
}
