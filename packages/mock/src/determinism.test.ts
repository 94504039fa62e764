import { afterEach, describe, expect, it } from 'vitest';
import { startMockServer } from './start-mock-server.js';
import type { MockServer, ProviderName } from './types.js';

const open: MockServer[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((m) => m.close()));
});
async function start(provider: ProviderName, seed: number | undefined): Promise<MockServer> {
  const m = await startMockServer(provider, seed === undefined ? { assets: 200 } : { assets: 200, seed });
  open.push(m);
  return m;
}

describe('determinism', () => {
  it.each(['twelvelabs', 'rendernet', 'tenovos'] as const)('%s: same seed gives byte-identical data, another seed different data', async (provider) => {
    const a = await start(provider, 42);
    const b = await start(provider, 42);
    const c = await start(provider, 43);
    const d = await start(provider, undefined);
    const e = await start(provider, 1);
    expect(JSON.stringify(b.assets)).toBe(JSON.stringify(a.assets));
    expect(JSON.stringify(e.assets)).toBe(JSON.stringify(d.assets));
    expect(JSON.stringify(c.assets)).not.toBe(JSON.stringify(a.assets));
    expect(JSON.stringify(d.assets)).not.toBe(JSON.stringify(a.assets));
  });

  it('a larger data set starts with the same assets as a smaller one of the same seed', async () => {
    const small = await startMockServer('rendernet', { assets: 10, seed: 5 });
    const large = await startMockServer('rendernet', { assets: 100, seed: 5 });
    open.push(small, large);
    expect(large.assets.slice(0, 10)).toEqual(small.assets);
  });

  it('the providers do not share ids for the same seed', async () => {
    const tl = await start('twelvelabs', 9);
    const tn = await start('tenovos', 9);
    expect(tl.assets).not.toEqual(tn.assets);
  });
});
