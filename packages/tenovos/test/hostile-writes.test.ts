// Property-based: hostile metadata documents, file names and sizes written
// through the generated client to the stateful Tenovos mock. Each write is
// refused by @assetkit/runtime/validate before anything is sent (the mock's
// request count does not move), or it round-trips unchanged. One more outcome
// exists here: which metadata definition ids a template has only the service
// knows, so an unknown id is refused by the server (a typed 403) and nothing
// changes. Object.prototype never gains a key; no refusal carries a credential.
import { inspect } from 'node:util';
import { startMockServer, type MockServer, type TenovosAsset } from '@assetkit/mock';
import { attempt } from '@assetkit/mock/testing';
import { checkFileName, checkFileSize, checkMetadata } from '@assetkit/runtime/validate';
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createTenovosClient, InvalidRequestError, PermissionDeniedError, type MetadataDocument, type TenovosClient } from '../src/index.js';

const RUNS = 150;
/** Properties that create an asset per run: fewer runs, the mock's create is the slow part. */
const CREATE_RUNS = 100;
const SEED = 20261124;
const PART = 100 * 1000 * 1000; // Tenovos' fixed 100 MB parts: the mock's 10,000-part cap is then 10^12 bytes

let mock: MockServer;
let client: TenovosClient;
let sample: TenovosAsset;
/** Definition id -> attribute name, for the sample's plain (non-system, non-table) attributes. */
let names: Map<string, string>;
const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();

beforeAll(async () => {
  // Default credentials ('mock-tenovos-key', 'mock-password'): both are in the suite's secret scan.
  mock = await startMockServer('tenovos', { assets: 20, seed: 5, tenovosPartSize: PART, processing: { delayMs: 0 } });
  client = createTenovosClient({ apiKey: mock.apiKey, username: mock.username, password: mock.password, baseUrl: mock.url, maxRetries: 0 });
  sample = (mock.assets as TenovosAsset[]).find((a) => a.fileState === 'available' && a.metadataState === 'available' && a.metadata.length > 3)!;
  // The search answer keys the same entries by definition id, in the same order: pair them.
  const { data: page } = await client.POST('/search/keyword', { body: { searchTerm: [sample.assetId], keywordSearchField: 'assetId' } });
  const legacy = page.result[0]!.metadata!;
  names = new Map();
  legacy.forEach((m, i) => {
    const entry = sample.metadata[i]!;
    const isTable = Array.isArray(entry.value) && Array.isArray(entry.value[0]);
    if (!entry.name.startsWith('System ') && !isTable) names.set(m.metadataDefinitionId, entry.name);
  });
  expect(names.size).toBeGreaterThan(2);
});
afterAll(() => mock?.close());
afterEach(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

function expectRefusal(error: unknown, requestsBefore: number) {
  expect(error).toBeInstanceOf(InvalidRequestError);
  const e = error as InvalidRequestError;
  expect(e.provider).toBe('tenovos');
  expect(mock.stats.requests).toBe(requestsBefore);
  expect(e.message.length).toBeLessThan(400);
  for (const text of [e.message, JSON.stringify(e), inspect(e), String(e.stack)]) {
    expect(text).not.toContain(mock.apiKey);
    expect(text).not.toContain(mock.password!);
  }
}

const MB = 1000 * 1000;
const huge = fc
  .tuple(fc.string({ unit: 'grapheme', minLength: 1, maxLength: 2 }), fc.integer({ min: 64 * 1024, max: MB }))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)));
const scalar = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 30 }),
  fc.integer(),
  fc.double({ noNaN: true, noDefaultInfinity: true, min: -Number.MAX_SAFE_INTEGER, max: Number.MAX_SAFE_INTEGER }),
  fc.boolean(),
  fc.constant(null),
  fc.constant('mock-tenovos-key'), // a credential as a value: never echoed by a refusal
);
const vocab = fc.record({ valueId: fc.string({ minLength: 1, maxLength: 12 }) });
const goodValue = fc.oneof({ weight: 5, arbitrary: scalar }, { weight: 1, arbitrary: vocab }, { weight: 2, arbitrary: fc.array(fc.oneof(scalar, vocab), { maxLength: 3 }) }, { weight: 1, arbitrary: huge });
const badValue = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, undefined, 2 ** 53, { valueId: '' }, { valueId: 'a', label: 'b' }, { a: 1 }, [[1]], [NaN], new Date(0), '\udc00'),
  fc.bigInt(),
  fc.object({ maxDepth: 1, maxKeys: 2 }),
);
const hostileId = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', '', ' '), fc.string({ unit: 'binary', maxLength: 40 }));
const knownId = () => fc.constantFrom(...names.keys());
const item = () =>
  fc.oneof(
    {
      weight: 8,
      arbitrary: fc.record(
        { metadataDefinitionId: fc.oneof({ weight: 6, arbitrary: knownId() }, { weight: 1, arbitrary: hostileId }), metadataDefinitionValue: fc.oneof({ weight: 4, arbitrary: goodValue }, { weight: 1, arbitrary: badValue }) },
        { requiredKeys: ['metadataDefinitionId'] },
      ),
    },
    {
      weight: 1,
      arbitrary: fc.oneof(
        fc.constantFrom(null, 'text', [], { metadataDefinitionValue: 'no id' }),
        knownId().map((id) => ({ metadataDefinitionId: id, value: 'typo' })),
        knownId().map((id) => JSON.parse(`{"metadataDefinitionId":${JSON.stringify(id)},"__proto__":{"polluted":true}}`)),
        knownId().map((id) => ({ metadataDefinitionId: id, metadataDefinitionValue: 'a', metadataDefinitionTableValue: [] })),
      ),
    },
  );

/** What the named retrieve shows for a value written by definition id: vocabulary refs become their ids, JSON has no -0. */
function shown(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(shown);
  if (value !== null && typeof value === 'object') return (value as { valueId: string }).valueId;
  return Object.is(value, -0) ? 0 : value;
}

const get = async (id: string) => (await client.GET('/assets/asset/{id}', { params: { path: { id } } })).data.data;

describe('Tenovos metadata: refused before sending, refused by the server for an unknown definition, or written exactly', () => {
  it('PATCH /asset/{id} with arbitrary documents, then retrieve', { timeout: 600_000 }, async () => {
    const seen = { refused: 0, serverRefused: 0, written: 0, hugeWritten: 0 };
    await fc.assert(
      fc.asyncProperty(fc.array(item(), { maxLength: 4 }), async (doc) => {
        const previous = (await get(sample.assetId)).metadata;
        const before = mock.stats.requests;
        const refused = attempt(() => checkMetadata('tenovos', doc, { mode: 'merge' }));
        if (refused) {
          expectRefusal(refused, before);
          seen.refused++;
          return;
        }
        const items = doc as Array<{ metadataDefinitionId: string; metadataDefinitionValue?: unknown }>;
        const unknown = items.some((i) => !names.has(i.metadataDefinitionId));
        try {
          await client.PATCH('/asset/{id}', { params: { path: { id: sample.assetId } }, body: { metadata: doc as MetadataDocument } });
        } catch (error) {
          expect(unknown).toBe(true);
          expect(error).toBeInstanceOf(PermissionDeniedError);
          for (const text of [(error as Error).message, JSON.stringify(error), inspect(error)]) {
            expect(text).not.toContain(mock.apiKey);
            expect(text).not.toContain(mock.password!);
          }
          expect((await get(sample.assetId)).metadata).toEqual(previous);
          seen.serverRefused++;
          return;
        }
        expect(unknown).toBe(false);
        const now = (await get(sample.assetId)).metadata!;
        for (const i of items) {
          const entry = now.find((e) => e.name === names.get(i.metadataDefinitionId));
          if ('metadataDefinitionValue' in i) expect(entry).toEqual({ name: names.get(i.metadataDefinitionId), value: shown(i.metadataDefinitionValue) });
          else expect(entry).toEqual({ name: names.get(i.metadataDefinitionId) });
        }
        if (items.some((i) => typeof i.metadataDefinitionValue === 'string' && i.metadataDefinitionValue.length >= 64 * 1024)) seen.hugeWritten++;
        seen.written++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(seen.refused).toBeGreaterThan(10);
    expect(seen.serverRefused).toBeGreaterThan(0);
    expect(seen.written).toBeGreaterThan(10);
    expect(seen.hugeWritten).toBeGreaterThan(0);
  });

  it('names the item, the property and the rule', () => {
    const id = [...names.keys()][0]!;
    const cases: Array<[unknown, string, RegExp]> = [
      [[{ metadataDefinitionId: id, value: 'x' }], 'metadata_unknown_property', /metadata\[0\] has an unknown property "value"/],
      [[{ metadataDefinitionId: id, metadataDefinitionValue: NaN }], 'metadata_value_range', /metadata\[0\]\.metadataDefinitionValue: NaN/],
      [[{ metadataDefinitionId: id, metadataDefinitionValue: 'a' }, { metadataDefinitionId: id, metadataDefinitionValue: 'b' }], 'metadata_duplicate', /metadata\[1\] repeats/],
      [{ [id]: 'x' }, 'metadata_not_array', /must be an array/],
      [[{ metadataDefinitionId: id, metadataDefinitionTableValue: [[{ metadataDefinitionId: id, metadataDefinitionValue: { a: 1 } }]] }], 'metadata_value_type', /TableValue\[0\]\[0\]\.metadataDefinitionValue/],
    ];
    for (const [doc, code, message] of cases) {
      const e = attempt(() => checkMetadata('tenovos', doc)) as InvalidRequestError;
      expect(e).toBeInstanceOf(InvalidRequestError);
      expect(e.code).toBe(code);
      expect(e.message).toMatch(message);
    }
    expect(() => checkMetadata('tenovos', null, { mode: 'create' })).not.toThrow();
    expect(() => checkMetadata('tenovos', null, { mode: 'merge' })).toThrow(InvalidRequestError);
  });
});

const hostileName = fc.oneof(
  { weight: 3, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 60 }).map((s) => `${s}.png`) },
  { weight: 2, arbitrary: fc.string({ unit: 'binary', maxLength: 300 }) },
  {
    weight: 2,
    arbitrary: fc.constantFrom(
      'a/b.png', 'a\\b.png', '../x.png', '..', '.', '', ' \t', 'nul\u0000.png', 'crlf\r\n.png', 'invoice\u202egnp.exe', '\u200fשלום.png', '"q".png',
      '__proto__', 'constructor.png', '%2F.png', '\ud83c.png', 'mock-tenovos-key.png', 'é'.repeat(489) + '.p', 'é'.repeat(490),
    ),
  },
  { weight: 1, arbitrary: fc.integer({ min: 900, max: 3000 }).map((n) => `${'n'.repeat(n)}.png`) },
  { weight: 1, arbitrary: fc.constant(`${'m'.repeat(MB)}.png`) },
);

describe('Tenovos file names: refused before sending, or kept exactly', () => {
  it('POST /asset, then retrieve', { timeout: 600_000 }, async () => {
    const seen = { refused: 0, created: 0 };
    await fc.assert(
      fc.asyncProperty(hostileName, async (name) => {
        await get(sample.assetId); // signed in before counting
        const before = mock.stats.requests;
        const refused = attempt(() => checkFileName('tenovos', name));
        if (refused) {
          expectRefusal(refused, before);
          seen.refused++;
          return;
        }
        const { data } = await client.POST('/asset', {
          body: { filename: name, metadataTemplateId: sample.metadataTemplateId, securityTemplateIds: sample.securityTemplateIds, metadata: null },
        });
        expect(data.filename).toBe(name);
        expect((await get(data.objectId)).filename).toBe(name);
        seen.created++;
      }),
      { numRuns: CREATE_RUNS, seed: SEED + 1 },
    );
    expect(seen.refused).toBeGreaterThan(10);
    expect(seen.created).toBeGreaterThan(10);
  });
});

const GiB = 1024 ** 3;
const hostileSize = fc.oneof(
  fc.constantFrom(NaN, Infinity, -Infinity, -1, 0, -0, 0.5, 2 ** 53, 2 ** 53 + 2, 2 ** 64, Number.MAX_VALUE, 5 * GiB, 1e12, 1e12 + 1, '10', null),
  fc.integer({ min: -1e9, max: 2e9 }),
  fc.double({ min: -1e13, max: 1e13 }),
  fc.maxSafeInteger(),
);

describe('Tenovos sizes: refused before sending, or announced exactly', () => {
  it('POST /asset with filesize: one part URL per started 100 MB', { timeout: 600_000 }, async () => {
    const seen = { refused: 0, created: 0 };
    await fc.assert(
      fc.asyncProperty(hostileSize, async (size) => {
        await get(sample.assetId);
        const before = mock.stats.requests;
        const refused = attempt(() => checkFileSize('tenovos', size, { method: 'multipart' }));
        if (refused) {
          expectRefusal(refused, before);
          seen.refused++;
          return;
        }
        const { data } = await client.POST('/asset', {
          body: { filename: 'sized.mp4', metadataTemplateId: sample.metadataTemplateId, securityTemplateIds: sample.securityTemplateIds, metadata: [], filesize: size as number },
        });
        if (!('urls' in data)) throw new Error('expected part URLs');
        expect(data.urls).toHaveLength(Math.max(1, Math.ceil((size as number) / PART)));
        seen.created++;
      }),
      { numRuns: CREATE_RUNS, seed: SEED + 2 },
    );
    expect(seen.refused).toBeGreaterThan(10);
    expect(seen.created).toBeGreaterThan(10);
  });
});
