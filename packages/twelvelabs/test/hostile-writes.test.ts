// Property-based: hostile metadata, file names and sizes written through the
// generated client to the stateful mock. Each write is either refused by
// @assetkit/runtime/validate before anything is sent (the mock's request count
// does not move) with an InvalidRequestError, or it round-trips unchanged
// (write, then read back). Object.prototype never gains a key; no refusal
// carries the API key. Seeds are fixed; fast-check prints seed and path on failure.
import { inspect } from 'node:util';
import { startMockServer, type MockServer } from '@assetkit/mock';
import { attempt } from '@assetkit/mock/testing';
import { checkFileName, checkFileSize, checkMetadata, type MetadataMode } from '@assetkit/runtime/validate';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTwelveLabsClient, InvalidRequestError, type TwelveLabsClient } from '../src/index.js';

const RUNS = 150;
const SEED = 20261124;

let mock: MockServer;
let client: TwelveLabsClient;
let assetId: string;
const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
beforeAll(async () => {
  // The mock's default key, 'mock-twelvelabs-key', is one the suite's secret scan looks for.
  mock = await startMockServer('twelvelabs', { assets: 5, seed: 3, processing: { delayMs: 0 } });
  client = createTwelveLabsClient({ apiKey: mock.apiKey, baseUrl: mock.url, maxRetries: 0 });
  assetId = (mock.assets[0] as { _id: string })._id;
});
afterAll(() => mock?.close());
afterEach(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

/** A refusal: typed, from before sending, naming the provider, short, and without the credential. */
function expectRefusal(error: unknown, requestsBefore: number) {
  expect(error).toBeInstanceOf(InvalidRequestError);
  const e = error as InvalidRequestError;
  expect(e.provider).toBe('twelvelabs');
  expect(typeof e.code).toBe('string');
  expect(mock.stats.requests).toBe(requestsBefore);
  // Never a megabyte value echoed back: messages stay short whatever the input.
  expect(e.message.length).toBeLessThan(400);
  for (const text of [e.message, JSON.stringify(e), inspect(e), String(e.stack)]) expect(text).not.toContain(mock.apiKey);
}

const MB = 1000 * 1000;
const huge = fc
  .tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 }), fc.integer({ min: 64 * 1024, max: MB }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));
const hostileKey = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom('__proto__', 'constructor', 'prototype', 'hasOwnProperty', 'toString', 'valueOf', '', ' ', '\u0000', '\u202e', 'a.b', '$set', 'x-api-key') },
  { weight: 2, arbitrary: fc.string({ maxLength: 20 }) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 20 }) }, // any code point, lone surrogates included
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 10 }) },
);
const allowedValue = fc.oneof(
  fc.string({ unit: 'grapheme', minLength: 1, maxLength: 30 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.boolean(),
);
const hostileValue = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, undefined, '', 2 ** 53, -(2 ** 60), Number.MAX_VALUE, null),
  fc.string({ unit: 'binary', maxLength: 20 }),
  fc.object({ maxDepth: 1, maxKeys: 2 }),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.bigInt(),
  fc.date(),
  fc.constant(new Map([['a', 1]])),
  // The credential as a value: a refusal must not echo it (values are never quoted).
  fc.constant('mock-twelvelabs-key'),
);
const value = fc.oneof({ weight: 6, arbitrary: allowedValue }, { weight: 3, arbitrary: hostileValue }, { weight: 1, arbitrary: huge });
const metadata = fc.dictionary(hostileKey, value, { maxKeys: 5 });

/** What a read returns after a faithful write: nulls removed (merge deletes, replace ignores), and JSON has no -0. */
function expected(md: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(md).filter(([, v]) => v !== null).map(([k, v]) => [k, Object.is(v, -0) ? 0 : v]));
}

const path = () => ({ params: { path: { asset_id: assetId } } });

describe('TwelveLabs user metadata: refused before sending, or written and read back unchanged', () => {
  it('PATCH (merge) and PUT (replace) with arbitrary keys and values', { timeout: 600_000 }, async () => {
    const seen = { refused: 0, written: 0, protoWritten: 0, hugeWritten: 0 };
    await fc.assert(
      fc.asyncProperty(metadata, fc.constantFrom<MetadataMode>('merge', 'replace'), async (md, mode) => {
        await client.DELETE('/assets/{asset_id}/user-metadata', path());
        const before = mock.stats.requests;
        const refused = attempt(() => checkMetadata('twelvelabs', md, { mode }));
        if (refused) {
          expectRefusal(refused, before);
          seen.refused++;
          return;
        }
        const body = { user_metadata: md as Record<string, string | number | boolean | null> };
        if (mode === 'merge') await client.PATCH('/assets/{asset_id}/user-metadata', { ...path(), body });
        else await client.PUT('/assets/{asset_id}/user-metadata', { ...path(), body });
        const { data } = await client.GET('/assets/{asset_id}', path());
        expect(data.user_metadata ?? {}).toEqual(expected(md));
        // An own "__proto__" key read back is data, not a prototype.
        if (Object.hasOwn(md, '__proto__') && md.__proto__ !== null) {
          expect(Object.hasOwn(data.user_metadata!, '__proto__')).toBe(true);
          expect(Object.getPrototypeOf(data.user_metadata)).toBe(Object.prototype);
          seen.protoWritten++;
        }
        if (Object.values(md).some((v) => typeof v === 'string' && v.length >= 64 * 1024)) seen.hugeWritten++;
        seen.written++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    // The generators reach both outcomes, and the cases that matter.
    expect(seen.refused).toBeGreaterThan(10);
    expect(seen.written).toBeGreaterThan(10);
    expect(seen.protoWritten).toBeGreaterThan(0);
    expect(seen.hugeWritten).toBeGreaterThan(0);
  });

  it('a merge keeps the keys it does not name, and null removes one, "__proto__" included', async () => {
    await client.PUT('/assets/{asset_id}/user-metadata', { ...path(), body: { user_metadata: JSON.parse('{"__proto__":"p","constructor":1,"keep":true}') } });
    const patch = JSON.parse('{"__proto__":null,"prototype":"x"}');
    checkMetadata('twelvelabs', patch, { mode: 'merge' });
    await client.PATCH('/assets/{asset_id}/user-metadata', { ...path(), body: { user_metadata: patch } });
    const { data } = await client.GET('/assets/{asset_id}', path());
    expect(data.user_metadata).toEqual(JSON.parse('{"constructor":1,"keep":true,"prototype":"x"}'));
    expect(Object.hasOwn(data.user_metadata!, '__proto__')).toBe(false);
  });

  it('names the key and the rule, with a short escaped preview', () => {
    const err = attempt(() => checkMetadata('twelvelabs', { ['k\u202e\n'.repeat(100)]: NaN, ok: 1 }, { mode: 'merge' })) as InvalidRequestError;
    expect(err).toBeInstanceOf(InvalidRequestError);
    expect(err.code).toBe('metadata_value_range');
    expect(err.message).toContain('\\u{202e}\\u{a}');
    expect(err.message).toContain('(300 characters)');
    expect(err.message).not.toContain('\n');
    const nested = attempt(() => checkMetadata('twelvelabs', { tags: ['a'] })) as InvalidRequestError;
    expect(nested.message).toMatch(/"tags".*must be a string, a finite number, a boolean or null, not an array/);
    expect((attempt(() => checkMetadata('twelvelabs', { a: null }, { mode: 'create' })) as InvalidRequestError).code).toBe('metadata_value_type');
    expect((attempt(() => checkMetadata('twelvelabs', { a: '' })) as InvalidRequestError).code).toBe('metadata_empty_string');
    expect((attempt(() => checkMetadata('twelvelabs', new Map())) as InvalidRequestError).code).toBe('metadata_not_object');
  });
});

const hostileName = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }).map((s) => `${s}.mp4`) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'a/b.mp4', 'a\\b.mp4', '../../etc/passwd', '..', '.', '', '   ', 'a\u0000b.mp4', 'clip\r\nX-Injected: 1.mp4', 'tab\t.mp4', 'del\u007f.mp4',
      'invoice\u202egpj.mp4', '\u200fשלום.mp4', '"quoted" name.mp4', `e\u0301.mp4`, '%2e%2e.mp4', ' lead and trail .mp4', 'emoji 🎬.mp4',
      '\ud800.mp4', 'mock-twelvelabs-key.mp4', `${'n'.repeat(251)}.mp4`, `${'n'.repeat(252)}.mp4`, `${'🎬'.repeat(125)}.mp4`,
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 256, max: 4096 }).map((n) => `${'n'.repeat(n)}.mp4`) },
  { weight: 1, arbitrary: fc.constant(`${'m'.repeat(MB)}.mp4`) },
);
const createMetadata = fc.dictionary(hostileKey, fc.oneof(allowedValue, hostileValue), { maxKeys: 3 });

describe('TwelveLabs file names: refused before sending, or kept exactly', () => {
  it('direct create (multipart/form-data filename field) with user_metadata, then retrieve', { timeout: 600_000 }, async () => {
    const bytes = new Uint8Array([0, 0, 0, 24, 102, 116, 121, 112]);
    const seen = { refused: 0, created: 0 };
    await fc.assert(
      fc.asyncProperty(hostileName, createMetadata, async (name, md) => {
        const before = mock.stats.requests;
        const refused = attempt(() => {
          checkFileName('twelvelabs', name);
          checkMetadata('twelvelabs', md, { mode: 'create' });
        });
        if (refused) {
          expectRefusal(refused, before);
          seen.refused++;
          return;
        }
        const created = await client.POST('/assets', {
          body: { method: 'direct', filename: name, user_metadata: JSON.stringify(md) },
          bodySerializer: (body) => {
            const form = new FormData();
            form.append('method', body.method);
            form.append('filename', body.filename!);
            form.append('user_metadata', body.user_metadata!);
            // The part's own filename only gives the type; the name kept is the filename field.
            form.append('file', new Blob([bytes], { type: 'video/mp4' }), 'clip.mp4');
            return form;
          },
        });
        expect(created.data.filename).toBe(name);
        const { data } = await client.GET('/assets/{asset_id}', { params: { path: { asset_id: created.data._id! } } });
        expect(data.filename).toBe(name);
        expect(data.user_metadata ?? {}).toEqual(expected(md));
        seen.created++;
      }),
      { numRuns: RUNS, seed: SEED + 1 },
    );
    expect(seen.refused).toBeGreaterThan(10);
    expect(seen.created).toBeGreaterThan(10);
  });

  it('multipart session create takes the same names, as JSON', async () => {
    for (const name of ['invoice\u202egpj.mp4', '"quoted".mp4', `${'🎬'.repeat(126)}.m`, '__proto__.mp4']) {
      checkFileName('twelvelabs', name);
      const { data } = await client.POST('/assets/multipart-uploads', { body: { filename: name, type: 'video', total_size: 1000 } });
      const status = await client.GET('/assets/multipart-uploads/{upload_id}', { params: { path: { upload_id: data.upload_id! } } });
      expect(status.response.status).toBe(200);
    }
    for (const name of ['a/b.mp4', 'x\r\n.mp4', 'n'.repeat(256), '\udfff.mp4', ' ']) {
      const before = mock.stats.requests;
      expectRefusal(attempt(() => checkFileName('twelvelabs', name)), before);
    }
  });
});

const GiB = 1024 ** 3;
const hostileSize = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, -0, 0.5, 1.5, 2 ** 53, 2 ** 53 + 2, 2 ** 64, Number.MAX_VALUE, 32 * MB, 32 * MB + 1, 10 * GiB, 10 * GiB + 1, 1, '100', null),
  fc.integer({ min: -1e9, max: 0 }),
  fc.double({ min: -1e12, max: 2e10 }),
  fc.double({ min: 1, max: 2e10, noNaN: true }).map(Math.floor),
  fc.maxSafeInteger(),
);

describe('TwelveLabs sizes: refused before sending, or announced exactly', () => {
  it('multipart session total_size', { timeout: 600_000 }, async () => {
    const seen = { refused: 0, created: 0 };
    await fc.assert(
      fc.asyncProperty(hostileSize, fc.constantFrom('video' as const, 'audio' as const, 'image' as const), async (size, type) => {
        const before = mock.stats.requests;
        const refused = attempt(() => checkFileSize('twelvelabs', size, { method: 'multipart', type }));
        if (refused) {
          expectRefusal(refused, before);
          seen.refused++;
          return;
        }
        const { data } = await client.POST('/assets/multipart-uploads', { body: { filename: `s.${type === 'image' ? 'png' : 'mp4'}`, type, total_size: size as number } });
        const status = await client.GET('/assets/multipart-uploads/{upload_id}', { params: { path: { upload_id: data.upload_id! } } });
        expect(status.data.total_size).toBe(size);
        seen.created++;
      }),
      { numRuns: RUNS, seed: SEED + 2 },
    );
    expect(seen.refused).toBeGreaterThan(10);
    expect(seen.created).toBeGreaterThan(10);
  });
});
