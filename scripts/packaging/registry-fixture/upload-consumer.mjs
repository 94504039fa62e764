// Runs inside a consumer project installed from the loopback registry: an upload through the
// public API of @assetkit/unified, once that API exists. Until the upload work is merged it
// reports "upload: not yet available" (the lead makes this strict after merging).
import assert from 'node:assert/strict';
import { startMockServer } from '@assetkit/mock';
import * as unified from '@assetkit/unified';

const upload = unified.assets?.upload;
if (typeof upload !== 'function') {
  console.log('upload: not yet available (no assets.upload in @assetkit/unified)');
} else {
  const server = await startMockServer('twelvelabs', { assets: 1, seed: 7 });
  try {
    const client = unified.createAssetClient({ twelvelabs: { apiKey: server.apiKey, baseUrl: server.url } });
    const bytes = new TextEncoder().encode('assetkit registry consumer upload\n'.repeat(1024));
    const asset = await upload(client, { provider: 'twelvelabs', source: bytes, filename: 'consumer.txt' });
    assert.equal(asset.provider, 'twelvelabs');
    console.log(`OK upload: ${bytes.byteLength} bytes -> ${asset.ref}`);
  } finally {
    await server.close();
  }
}
