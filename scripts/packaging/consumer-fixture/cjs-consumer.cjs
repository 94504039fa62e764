// CommonJS consumer: require() of the ESM-only packages (require(esm), Node 20.19+).
const assert = require('node:assert/strict');

if (!process.features.require_module) {
  console.log(`SKIPPED cjs: Node ${process.version} cannot require() ES modules (needs 20.19+)`);
  process.exit(0);
}
const unified = require('@assetkit/unified');
assert.equal(typeof unified.createAssetClient, 'function');
assert.equal(typeof unified.parseRef, 'function');
assert.deepEqual(unified.parseRef('tenovos:abc'), { provider: 'tenovos', id: 'abc' });
const { startMockServer } = require('@assetkit/mock');
assert.equal(typeof startMockServer, 'function');
const { createTwelveLabsClient } = require('@assetkit/twelvelabs');
assert.equal(typeof createTwelveLabsClient, 'function');
console.log(`OK cjs: require('@assetkit/unified'), '@assetkit/mock', '@assetkit/twelvelabs' on Node ${process.version}`);
