// Runs inside the temp consumer project, against the installed tarballs:
// the three mocks, a get per provider through the unified client, and a list.
import assert from 'node:assert/strict';
import { startMockServer } from '@assetkit/mock';
import { createAssetClient } from '@assetkit/unified';

const ASSETS = 25;
const ID_KEY = { twelvelabs: '_id', rendernet: 'id', tenovos: 'assetId' };
const servers = await Promise.all(['twelvelabs', 'rendernet', 'tenovos'].map((p) => startMockServer(p, { assets: ASSETS, seed: 7 })));
try {
  const [twelvelabs, rendernet, tenovos] = servers;
  const client = createAssetClient({
    twelvelabs: { apiKey: twelvelabs.apiKey, baseUrl: twelvelabs.url },
    rendernet: { apiKey: rendernet.apiKey, baseUrl: rendernet.url },
    tenovos: { apiKey: tenovos.apiKey, username: tenovos.username, password: tenovos.password, baseUrl: tenovos.url },
  });
  for (const server of servers) {
    const ref = `${server.provider}:${server.assets[0][ID_KEY[server.provider]]}`;
    const asset = await client.get(ref);
    assert.equal(asset.ref, ref);
    assert.equal(asset.provider, server.provider);
  }
  // Only providers whose API can list take part; the others are reported in `skipped`.
  const listable = client.providers.filter((p) => client.capabilities(p).list);
  const listing = client.list({ pageSize: 10 });
  let listed = 0;
  const providers = new Set();
  for await (const asset of listing) {
    listed++;
    providers.add(asset.provider);
  }
  assert.ok(listable.length > 0, 'at least one provider can list');
  // Tenovos' scan leaves out assets in the recycle bin and earlier versions; the others list every asset.
  const live = (a) => a.fileState === 'available' && a.metadataState === 'available' && a.currentVersion;
  const expected = listable.reduce((n, p) => n + (p === 'tenovos' ? tenovos.assets.filter(live).length : ASSETS), 0);
  assert.equal(listed, expected, 'list returns every asset of every listable provider');
  assert.deepEqual([...providers].sort(), [...listable].sort());
  assert.deepEqual(listing.skipped.map((s) => s.provider).sort(), client.providers.filter((p) => !listable.includes(p)).sort());
  const skipped = listing.skipped.map((s) => s.provider).join(', ') || 'none';
  console.log(`OK esm: 3 gets by ref (${client.providers.join(', ')}); list of ${listed} assets from ${listable.join(', ')} (skipped as unlistable: ${skipped})`);
} finally {
  await Promise.all(servers.map((s) => s.close()));
}
