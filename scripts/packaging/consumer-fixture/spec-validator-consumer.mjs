// The mock's ./spec-validator entry, with its optional peers (ajv, ajv-formats, yaml) installed.
import assert from 'node:assert/strict';
import { startMockServer } from '@assetkit/mock';
import { createSpecValidator } from '@assetkit/mock/spec-validator';

const specPath = process.argv[2];
const validator = createSpecValidator(specPath);
const server = await startMockServer('twelvelabs', { assets: 5 });
try {
  for (const asset of server.assets) assert.deepEqual(validator.validateSchema('Asset', asset), []);
  assert.notDeepEqual(validator.validateSchema('Asset', { status: 'no-such-status' }), [], 'a bad asset must not validate');
  console.log(`OK spec-validator: ${server.assets.length} mock assets valid against the spec, a bad one rejected`);
} finally {
  await server.close();
}
