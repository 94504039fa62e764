// Bundled for the browser by browser-test.mjs. Reads the mock URLs, credentials and
// refs from the query string, gets each asset through @assetkit/unified and writes
// the results into the DOM: <li data-ref data-provider> per asset, then body[data-state].
import { createAssetClient } from '@assetkit/unified';

const q = new URLSearchParams(location.search);
const list = document.getElementById('results');
const show = (text) => (document.getElementById('status').textContent = text);

async function main() {
  const client = createAssetClient({
    twelvelabs: { apiKey: q.get('twelvelabs.key'), baseUrl: q.get('twelvelabs.url'), maxRetries: 0 },
    rendernet: { apiKey: q.get('rendernet.key'), baseUrl: q.get('rendernet.url'), maxRetries: 0 },
    tenovos: {
      apiKey: q.get('tenovos.key'),
      username: q.get('tenovos.user'),
      password: q.get('tenovos.password'),
      baseUrl: q.get('tenovos.url'),
      maxRetries: 0,
    },
  });
  const refs = (q.get('refs') ?? '').split(',').filter(Boolean);
  const assets = await Promise.all(refs.map((ref) => client.get(ref)));
  for (const asset of assets) {
    const item = document.createElement('li');
    item.dataset.ref = asset.ref;
    item.dataset.provider = asset.provider;
    item.textContent = `${asset.ref} ${asset.kind} ${asset.name ?? ''}`;
    list.append(item);
  }
  show(`got ${assets.length} assets`);
  document.body.dataset.state = 'done';
}

main().catch((error) => {
  show(`error: ${error?.name}: ${error?.message}`);
  document.body.dataset.state = 'error';
});
