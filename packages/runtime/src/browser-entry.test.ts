// The browser entry ("browser" export condition) leaves the log module out of a GET's bundle:
// asking for logs without enableLogging() is a typed error, after it logging works as in Node.
import { sendJson } from '@assetkit/mock';
import { describe, expect, it } from 'vitest';
import { createProviderClient } from './browser.js';
import { ConfigurationError } from './errors.js';
import { enableLogging } from './log-entry.js';
import type { TestPaths } from './test-paths.js';
import { acmeDescriptor, recordingServerForFile } from './test-server.js';

const descriptor = acmeDescriptor;
const server = recordingServerForFile((_req, res) => sendJson(res, 200, { id: 'a1' }));

describe('browser entry: logging is opt-in', () => {
  it('without enableLogging(): no logs, and logLevel/logger/debug are refused by name', async () => {
    const c = createProviderClient<TestPaths>(descriptor, { apiKey: 'sk-test-browser-0123', baseUrl: server.url, logLevel: 'off' });
    expect((await c.GET('/things/{id}', { params: { path: { id: 'a1' } } })).data).toEqual({ id: 'a1' });
    for (const opts of [{ logLevel: 'debug' as const }, { logger: console }, { debug: true }]) {
      expect(() => createProviderClient(descriptor, { apiKey: 'sk-test-browser-0123', baseUrl: server.url, ...opts })).toThrow(ConfigurationError);
      expect(() => createProviderClient(descriptor, { apiKey: 'sk-test-browser-0123', baseUrl: server.url, ...opts })).toThrow(/enableLogging/);
    }
    expect(() => c.withOptions({ logLevel: 'info' })).toThrow(/enableLogging/);
  });

  it('after enableLogging(): levelled lines, as in Node', async () => {
    enableLogging();
    const lines: string[] = [];
    const c = createProviderClient<TestPaths>(descriptor, { apiKey: 'sk-test-browser-0123', baseUrl: server.url, logLevel: 'debug', debug: (l) => lines.push(l) });
    await c.GET('/things/{id}', { params: { path: { id: 'a1' } } });
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^\[assetkit\] -> GET /);
  });
});
