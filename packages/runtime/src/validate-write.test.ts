// Properties of the write checks on their own (the round trips through the
// mocks are in packages/twelvelabs and packages/tenovos test/hostile-writes):
// any input is accepted or refused with an InvalidRequestError (never a crash),
// a refusal's message is short, on one line and never quotes a value, and what
// is accepted survives the encoding it will be sent in (JSON, a form field).
import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { InvalidRequestError } from './errors.js';
import { checkFileName, checkFileSize, checkMetadata, FILE_SIZE_LIMITS, preview } from './validate-write.js';

const RUNS = 200;
const SEED = 20261124;
const SECRET = 'sk-test-runtime-0123456789'; // in the suite's secret scan: a value that must never be echoed

const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
afterEach(() => expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys));

function outcome(check: () => void): InvalidRequestError | undefined {
  try {
    check();
    return undefined;
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidRequestError);
    return error as InvalidRequestError;
  }
}

function expectGoodMessage(error: InvalidRequestError, provider: string) {
  expect(error.provider).toBe(provider);
  expect(error.code).toMatch(/^[a-z_]+$/);
  expect(error.message.length).toBeLessThan(400);
  // One line, nothing that reorders or hides text in a terminal or log viewer.
  expect(error.message).not.toMatch(/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}]/u);
  expect(error.message).not.toContain(SECRET);
}

const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', '', '\u202e\n'), fc.string({ unit: 'binary', maxLength: 60 }));
const anyValue = fc.oneof(fc.anything({ withNullPrototype: true, withBoxedValues: true, withMap: true, withSet: true, withBigInt: true, withDate: true, withTypedArray: true, withSparseArray: true }), fc.constant(SECRET), fc.constantFrom(NaN, -0, Infinity, 2 ** 53, ''));

describe('checkMetadata', () => {
  it('TwelveLabs: refuses with a clean message, or accepts what JSON carries exactly', () => {
    fc.assert(
      fc.property(fc.oneof(fc.dictionary(key, anyValue, { maxKeys: 5 }), anyValue), fc.constantFrom('create' as const, 'merge' as const, 'replace' as const), (md, mode) => {
        const error = outcome(() => checkMetadata('twelvelabs', md, { mode }));
        if (error) return expectGoodMessage(error, 'twelvelabs');
        const sent = JSON.parse(JSON.stringify(md)) as Record<string, unknown>;
        const expected = Object.fromEntries(Object.entries(md as object).map(([k, v]) => [k, Object.is(v, -0) ? 0 : v]));
        expect(sent).toEqual(expected);
        expect(Object.keys(sent)).toEqual(Object.keys(md as object));
      }),
      { numRuns: RUNS, seed: SEED },
    );
  });

  it('Tenovos: refuses with a clean message, or accepts what JSON carries exactly', () => {
    const item = fc.record({ metadataDefinitionId: fc.oneof(key, anyValue), metadataDefinitionValue: fc.oneof(anyValue, fc.array(anyValue, { maxLength: 2 })) }, { requiredKeys: ['metadataDefinitionId'] });
    fc.assert(
      fc.property(fc.oneof(fc.array(fc.oneof(item, anyValue), { maxLength: 4 }), anyValue), (doc) => {
        const error = outcome(() => checkMetadata('tenovos', doc, { mode: 'create' }));
        if (error) return expectGoodMessage(error, 'tenovos');
        const normalise = (v: unknown): unknown => (Object.is(v, -0) ? 0 : Array.isArray(v) ? v.map(normalise) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, normalise(x)])) : v);
        expect(JSON.parse(JSON.stringify(doc))).toEqual(normalise(doc));
      }),
      { numRuns: RUNS, seed: SEED + 1 },
    );
  });

  it('examples: the key and the rule are named, values never quoted', () => {
    const e = outcome(() => checkMetadata('twelvelabs', { token: { secret: SECRET } }))!;
    expect(e.code).toBe('metadata_value_type');
    expect(e.message).toBe('TwelveLabs: user_metadata key "token": the value must be a string, a finite number, a boolean or null, not an object');
    expect(outcome(() => checkMetadata('twelvelabs', JSON.parse('{"__proto__":"x","constructor":1}'), { mode: 'create' }))).toBeUndefined();
    expect(outcome(() => checkMetadata('twelvelabs', { n: NaN }))!.message).toContain('NaN cannot be sent');
    expect(outcome(() => checkMetadata('twelvelabs', { n: 2 ** 53 }))!.code).toBe('metadata_value_range');
    expect(outcome(() => checkMetadata('twelvelabs', { u: undefined }))!.message).toContain('use null to remove a key');
    expect(() => checkMetadata('tenovos', [], { mode: 'replace' })).toThrow(/cannot be replaced/);
    expect(() => checkMetadata('rendernet' as 'tenovos', {})).toThrow(/RenderNet does not store metadata/);
  });
});

describe('checkFileName', () => {
  const name = fc.oneof(
    fc.string({ unit: 'binary', maxLength: 300 }),
    fc.string({ unit: 'grapheme', maxLength: 80 }),
    fc.constantFrom('a/b', 'a\\b', '.', '..', '', ' ', 'a\u0000', 'a\r\nb', 'x\u202ey', '\ud800', `${'é'.repeat(489)}.p`, 'n'.repeat(1 << 20)),
    fc.anything(),
  );
  it('refuses with a clean message, or the name survives a multipart/form-data field and JSON unchanged', async () => {
    await fc.assert(
      fc.asyncProperty(name, fc.constantFrom('twelvelabs' as const, 'tenovos' as const), async (n, provider) => {
        const error = outcome(() => checkFileName(provider, n));
        if (error) return expectGoodMessage(error, provider);
        const form = new FormData();
        form.append('filename', n as string);
        expect((await new Response(form).formData()).get('filename')).toBe(n);
        expect(JSON.parse(JSON.stringify(n))).toBe(n);
      }),
      { numRuns: RUNS, seed: SEED + 2 },
    );
  });

  it('limits: TwelveLabs 255 UTF-16 units, Tenovos 979 UTF-8 bytes', () => {
    expect(outcome(() => checkFileName('twelvelabs', 'n'.repeat(255)))).toBeUndefined();
    expect(outcome(() => checkFileName('twelvelabs', 'n'.repeat(256)))!.code).toBe('filename_too_long');
    expect(outcome(() => checkFileName('tenovos', `${'é'.repeat(489)}.`))).toBeUndefined(); // 979 bytes
    expect(outcome(() => checkFileName('tenovos', 'é'.repeat(490)))!.message).toContain('980 UTF-8 bytes');
    const big = outcome(() => checkFileName('tenovos', 'm'.repeat(1 << 20)))!;
    expect(big.message).toContain('(1048576 characters)');
    expect(big.message.length).toBeLessThan(200);
    expect(outcome(() => checkFileName('twelvelabs', 'clips/a.mp4'))!.code).toBe('filename_path');
    expect(outcome(() => checkFileName('twelvelabs', 'a\r\n.mp4'))!.message).toContain('"a\\u{d}\\u{a}.mp4"');
  });
});

describe('checkFileSize', () => {
  const size = fc.oneof(fc.double(), fc.integer({ min: -10, max: 10 }), fc.maxSafeInteger(), fc.constantFrom(2 ** 53, 2 ** 64, -0, 32 * 1000 * 1000, 10 * 1024 ** 3, 1e12, 5 * 1024 ** 3), fc.anything());
  it('accepts only safe integers within the provider limits', () => {
    fc.assert(
      fc.property(size, fc.constantFrom('twelvelabs' as const, 'tenovos' as const, 'rendernet' as const), fc.constantFrom('direct' as const, 'multipart' as const, 'single' as const), fc.constantFrom('video' as const, 'audio' as const, 'image' as const), (s, provider, method, type) => {
        const error = outcome(() => checkFileSize(provider, s, { method, type }));
        if (error) return expectGoodMessage(error, provider);
        expect(Number.isSafeInteger(s)).toBe(true);
        expect(s as number).toBeGreaterThanOrEqual(provider === 'twelvelabs' ? 1 : 0);
        if (provider === 'tenovos') expect(s as number).toBeLessThanOrEqual(FILE_SIZE_LIMITS.tenovos[method === 'single' ? 'single' : 'multipart']);
        if (provider === 'twelvelabs') expect(s as number).toBeLessThanOrEqual(FILE_SIZE_LIMITS.twelvelabs[method === 'multipart' ? 'multipart' : 'direct'][type]);
      }),
      { numRuns: RUNS, seed: SEED + 3 },
    );
  });

  it('examples', () => {
    expect(outcome(() => checkFileSize('twelvelabs', 10 * 1024 ** 3, { method: 'multipart', type: 'video' }))).toBeUndefined();
    expect(outcome(() => checkFileSize('twelvelabs', 10 * 1024 ** 3 + 1, { method: 'multipart', type: 'video' }))!.code).toBe('size_too_large');
    expect(outcome(() => checkFileSize('twelvelabs', 1000, { method: 'multipart', type: 'document' }))!.code).toBe('size_type');
    expect(outcome(() => checkFileSize('tenovos', 2 ** 53))!.message).toContain('2^53 or more');
    expect(outcome(() => checkFileSize('tenovos', 1.5))!.message).toContain('a fraction');
    expect(outcome(() => checkFileSize('tenovos', -1))!.code).toBe('size_too_small');
    expect(outcome(() => checkFileSize('rendernet', 0))).toBeUndefined();
  });
});

describe('preview', () => {
  it('is short, escaped and cuts on code points', () => {
    expect(preview('🎬'.repeat(50), 3)).toBe('"🎬🎬🎬…" (50 characters)');
    expect(preview('a"b\\c\u2028')).toBe('"a\\u{22}b\\u{5c}c\\u{2028}"');
  });
});
