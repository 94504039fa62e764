// Middleware given to a provider's options reaches every request @assetkit/unified makes, including
// list(), whose pages go through clients derived with withOptions() (issue #10, behaviour 3).
import { startMockServer } from '@assetkit/mock';
import type { TwelveLabsClientOptions } from '@assetkit/twelvelabs';
import { expect, it } from 'vitest';
import { createAssetClient } from '../src/index.js';

type Middleware = NonNullable<TwelveLabsClientOptions['middleware']>[number];

it('a middleware sees every request of get() and list()', async () => {
  const mock = await startMockServer('twelvelabs', { assets: 120, seed: 3 });
  try {
    const seen: string[] = [];
    const statuses: number[] = [];
    const spy: Middleware = {
      onRequest: ({ request }) => void seen.push(new URL(request.url).pathname),
      onResponse: ({ response }) => void statuses.push(response.status),
    };
    const client = createAssetClient({ twelvelabs: { apiKey: mock.apiKey, baseUrl: mock.url, middleware: [spy] } });
    const ids: string[] = [];
    for await (const asset of client.list({ pageSize: 50 })) ids.push(asset.id);
    expect(ids).toHaveLength(120);
    await client.get(`twelvelabs:${ids[0]}`);
    expect(seen.length).toBe(mock.stats.requests);
    expect(seen.filter((p) => p === '/assets').length).toBeGreaterThanOrEqual(3);
    expect(seen.at(-1)).toBe(`/assets/${ids[0]}`);
    expect(statuses.every((s) => s === 200)).toBe(true);
  } finally {
    await mock.close();
  }
});
