// Runs inside a consumer project installed from tarballs or the loopback registry: an upload through
// the public API of @assetkit/unified (`client.upload`), from bytes and from a file, to the TwelveLabs
// mock, waited until ready. A package without upload is a failure.
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer } from '@assetkit/mock';
import * as unified from '@assetkit/unified';

const server = await startMockServer('twelvelabs', { assets: 1, seed: 7, processing: { delayMs: 20 } });
const dir = await mkdtemp(join(tmpdir(), 'upload-consumer-'));
try {
  const client = unified.createAssetClient({ twelvelabs: { apiKey: server.apiKey, baseUrl: server.url } });
  assert.equal(typeof client.upload, 'function', '@assetkit/unified has no client.upload');
  assert.ok(client.capabilities('twelvelabs').upload, 'capabilities(twelvelabs).upload is missing');
  const bytes = new TextEncoder().encode('assetkit registry consumer upload\n'.repeat(1024));
  let sent = 0;
  const asset = await client.upload({ provider: 'twelvelabs', source: bytes, name: 'consumer.txt', onProgress: (p) => (sent = p.bytesSent), wait: { intervalMs: 10 } });
  assert.equal(asset.provider, 'twelvelabs');
  assert.equal(asset.state, 'ready');
  assert.equal(sent, bytes.byteLength);
  const path = join(dir, 'consumer.mp4');
  await writeFile(path, bytes);
  const fromFile = await client.upload({ provider: 'twelvelabs', source: path, metadata: { from: 'consumer' } });
  assert.deepEqual(fromFile.metadata, { from: 'consumer' });
  // An unsupported combination is a typed error before anything is sent.
  const refused = await client.upload({ provider: 'twelvelabs', source: bytes, name: 'a.txt', rendernet: {} }).catch((e) => e);
  assert.ok(refused instanceof unified.InvalidRequestError, 'provider options of another provider are refused');
  console.log(`OK upload: ${bytes.byteLength} bytes -> ${asset.ref} (ready), file -> ${fromFile.ref}`);
} finally {
  await rm(dir, { recursive: true, force: true });
  await server.close();
}
