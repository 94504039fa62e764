import { startMockServer, type MockOptions, type MockServer } from '@assetkit/mock';
import type { CallOptions } from '@assetkit/runtime';
import { createAssetClient, type AssetClientConfig } from '../src/index.js';

export type Mocks = { twelvelabs: MockServer; rendernet: MockServer; tenovos: MockServer };

export async function startMocks(options: MockOptions = {}): Promise<Mocks> {
  const [twelvelabs, rendernet, tenovos] = await Promise.all([
    startMockServer('twelvelabs', options),
    startMockServer('rendernet', options),
    startMockServer('tenovos', options),
  ]);
  return { twelvelabs, rendernet, tenovos };
}

export const closeMocks = (m: Mocks) => Promise.all(Object.values(m).map((s) => s.close()));

/** Unified config pointing at the mocks; fast backoff so tests do not wait on jitter. */
export function mockConfig(m: Partial<Mocks>, extra: { maxRetries?: number; fetch?: typeof fetch; onRetry?: CallOptions['onRetry'] } = {}): AssetClientConfig {
  const common = { retryDelay: { initialDelayMs: 5, maxDelayMs: 20 }, ...extra };
  return {
    ...(m.twelvelabs && { twelvelabs: { apiKey: m.twelvelabs.apiKey, baseUrl: m.twelvelabs.url, ...common } }),
    ...(m.rendernet && { rendernet: { apiKey: m.rendernet.apiKey, baseUrl: m.rendernet.url, ...common } }),
    ...(m.tenovos && {
      tenovos: { apiKey: m.tenovos.apiKey, username: m.tenovos.username!, password: m.tenovos.password!, baseUrl: m.tenovos.url, ...common },
    }),
  };
}

export const clientFor = (m: Partial<Mocks>, extra?: Parameters<typeof mockConfig>[1]) => createAssetClient(mockConfig(m, extra));

export async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}
