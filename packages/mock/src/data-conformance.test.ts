import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from './start-mock-server.js';
import { validatorFor } from './test-client.js';
import type { MockServer, ProviderName } from './types.js';

/** Every generated asset, not just the ones other tests fetch, must match the retrieve schema. */
const RETRIEVE: Record<ProviderName, { template: string; wrap: (asset: unknown) => unknown }> = {
  twelvelabs: { template: '/assets/{asset_id}', wrap: (asset) => asset },
  rendernet: { template: '/pub/v2/assets/{asset_id}', wrap: (asset) => ({ data: asset, err: {} }) },
  tenovos: { template: '/assets/asset/{id}', wrap: (asset) => ({ status: 'success', message: 'Asset retrieved successfully', data: asset }) },
};

describe.each(['twelvelabs', 'rendernet', 'tenovos'] as const)('%s data set', (provider) => {
  let mock: MockServer;
  beforeAll(async () => {
    mock = await startMockServer(provider, { assets: 2_000, seed: 99 });
  });
  afterAll(() => mock?.close());

  it('matches the spec, asset by asset', () => {
    const { template, wrap } = RETRIEVE[provider];
    const v = validatorFor(provider);
    const errors = mock.assets.flatMap((asset, i) => v.validateResponse('GET', template, 200, wrap(asset)).map((e) => `asset ${i}: ${e}`));
    expect(errors.slice(0, 5)).toEqual([]);
  });
});
