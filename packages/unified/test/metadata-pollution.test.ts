// Property-based: whatever keys a provider sends in its metadata ("__proto__",
// "constructor", "prototype" included, with object values), the unified asset's
// `metadata` holds them as own keys, keeps Object.prototype as its prototype,
// and Object.prototype gains nothing. The providers are real loopback servers
// answering hostile JSON.
import { sendJson, startRecordingServer, type RecordingServer } from '@assetkit/mock';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createAssetClient } from '../src/index.js';

const RUNS = 150;
const SEED = 20261124;

let server: RecordingServer;
let body = '{}';
const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
beforeAll(async () => {
  server = await startRecordingServer((req, res) => {
    if (req.path === '/auth/token') {
      // Tenovos sign-in; plain (not JWT-shaped) test tokens.
      sendJson(res, 200, { username: 'u', password: '', session: { authorization: 'auth-test', accessToken: 'access-test', refreshToken: 'refresh-test', expireEpoch: Date.now() + 3_600_000 } });
      return;
    }
    res.writeHead(200, { 'content-type': 'application/json' }).end(body);
  });
});
afterAll(() => server?.close());
afterEach(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'polluted', ''), fc.string({ maxLength: 12 }));
const value = fc.oneof(
  fc.jsonValue({ maxDepth: 2 }),
  fc.constant(JSON.parse('{"polluted":true}')),
  fc.constant(JSON.parse('{"prototype":{"polluted":true}}')),
  fc.constant(JSON.parse('{"__proto__":{"polluted":true}}')),
);
/** Raw JSON text of an object with these entries, in order (duplicate keys: the last one wins, as in JSON.parse). */
const objectText = (entries: Array<[string, unknown]>) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;

function expectOwnData(metadata: Record<string, unknown>, expected: Record<string, unknown>) {
  expect(Object.getPrototypeOf(metadata)).toBe(Object.prototype);
  expect(Object.keys(metadata).sort()).toEqual(Object.keys(expected).sort());
  for (const k of Object.keys(expected)) expect(Object.hasOwn(metadata, k)).toBe(true);
  expect(metadata).toEqual(expected);
}

describe('unified mapping of provider metadata cannot be polluted', () => {
  it('TwelveLabs user_metadata', async () => {
    const client = createAssetClient({ twelvelabs: { apiKey: 'tl-key-123', baseUrl: server.url, maxRetries: 0 } });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 6 }), async (entries) => {
        const metadata = objectText(entries);
        body = `{"_id":"a1","status":"ready","user_metadata":${metadata}}`;
        const asset = await client.get('twelvelabs:a1');
        expectOwnData(asset.metadata, JSON.parse(metadata));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('Tenovos metadata entries named "__proto__" and the like', async () => {
    const client = createAssetClient({ tenovos: { apiKey: 'tv-key-789', username: 'u', password: 'pw-secret', baseUrl: server.url, maxRetries: 0 } });
    await fc.assert(
      fc.asyncProperty(fc.array(fc.tuple(key, value), { maxLength: 6 }), async (entries) => {
        const items = entries.map(([name, v]) => ({ name, value: v }));
        body = JSON.stringify({ status: 'success', message: 'ok', data: { assetId: 'a1', filename: 'x.png', metadata: items } });
        const asset = await client.get('tenovos:a1');
        // Scalars and lists pass as they are (tables, arrays of arrays, are flattened and left out of this check).
        const isTable = (v: unknown) => Array.isArray(v) && v.length > 0 && v.every(Array.isArray);
        const expected = Object.fromEntries(Object.entries(JSON.parse(objectText(entries))).filter(([, v]) => !isTable(v)));
        const mapped = Object.fromEntries(Object.entries(asset.metadata).filter(([k]) => Object.hasOwn(expected, k)));
        expect(Object.getPrototypeOf(asset.metadata)).toBe(Object.prototype);
        for (const [name] of entries) expect(Object.hasOwn(asset.metadata, name)).toBe(true);
        expectOwnData(mapped, expected);
      }),
      { numRuns: RUNS, seed: SEED + 1 },
    );
  });

  it('a Tenovos table attribute named "__proto__" stays a key (it once became the prototype)', async () => {
    const client = createAssetClient({ tenovos: { apiKey: 'tv-key-789', username: 'u', password: 'pw-secret', baseUrl: server.url, maxRetries: 0 } });
    body = JSON.stringify({ status: 'success', message: 'ok', data: { assetId: 'a1', metadata: [{ name: '__proto__', value: [[{ name: 'polluted', value: true }]] }] } });
    const asset = await client.get('tenovos:a1');
    expect(Object.getPrototypeOf(asset.metadata)).toBe(Object.prototype);
    expect(Object.hasOwn(asset.metadata, '__proto__')).toBe(true);
    expect(asset.metadata.__proto__).toEqual([{ polluted: true }]);
    expect((asset.metadata as Record<string, unknown>).polluted).toBeUndefined();
  });
});
