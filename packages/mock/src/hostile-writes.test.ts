// The mocks' own robustness against hostile write bodies, sent as raw JSON over
// loopback (no client, no client-side checks): metadata keys such as "__proto__"
// are stored and read back as ordinary keys, what the mock accepts round-trips
// exactly (its documented "" and null rules applied), what it refuses leaves the
// state as it was, and Object.prototype never gains a key.
import fc from 'fast-check';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { startMockServer } from './start-mock-server.js';
import type { MockServer } from './types.js';

const RUNS = 150;
const SEED = 20261124;

let tl: MockServer;
let tv: MockServer;
const protoKeys = Object.getOwnPropertyNames(Object.prototype).sort();
beforeAll(async () => {
  [tl, tv] = await Promise.all([startMockServer('twelvelabs', { assets: 3, seed: 2 }), startMockServer('tenovos', { assets: 10, seed: 2 })]);
});
afterAll(() => Promise.all([tl?.close(), tv?.close()]));
afterEach(() => {
  expect(Object.getOwnPropertyNames(Object.prototype).sort()).toEqual(protoKeys);
  expect(({} as Record<string, unknown>).polluted).toBeUndefined();
});

async function send(mock: MockServer, method: string, path: string, body?: string, headers: Record<string, string> = {}) {
  const res = await fetch(`${mock.url}${path}`, {
    method,
    headers: { 'x-api-key': mock.apiKey, ...(body !== undefined && { 'content-type': 'application/json' }), ...headers },
    ...(body !== undefined && { body }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? JSON.parse(text) : undefined };
}

/** Raw JSON text of an object with these entries in order: "__proto__" is sent as a plain key. */
const objectText = (entries: ReadonlyArray<readonly [string, unknown]>) => `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${JSON.stringify(v)}`).join(',')}}`;

const key = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'polluted', ''), fc.string({ unit: 'binary', maxLength: 16 }));
const scalar = fc.oneof(fc.string({ unit: 'binary', maxLength: 24 }), fc.constant(''), fc.integer(), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null));
const nonScalar = fc.oneof(fc.constant({ polluted: true }), fc.array(fc.integer(), { maxLength: 2 }), fc.constant(JSON.parse('{"__proto__":{"polluted":true}}')));
const entries = fc.array(fc.tuple(key, fc.oneof({ weight: 9, arbitrary: scalar }, { weight: 1, arbitrary: nonScalar })), { maxLength: 5 });

/** The mock's documented edit rules (TL-C29, research A5/A6): "" is ignored; null removes in a merge and is ignored in a replace. */
function apply(current: Map<string, unknown>, edits: ReadonlyArray<readonly [string, unknown]>, mode: 'merge' | 'replace'): Map<string, unknown> {
  const next = new Map(mode === 'merge' ? current : []);
  // Within one body the last duplicate key wins, as JSON.parse reads it.
  for (const [k, v] of Object.entries(JSON.parse(objectText(edits)) as Record<string, unknown>)) {
    if (v === '') continue;
    if (v === null) {
      if (mode === 'merge') next.delete(k);
      continue;
    }
    next.set(k, v);
  }
  return next;
}

const isScalar = (v: unknown) => v === null || ['string', 'number', 'boolean'].includes(typeof v);

describe('TwelveLabs mock: user metadata edits', () => {
  it('arbitrary keys round-trip as own keys; a refused edit changes nothing', { timeout: 600_000 }, async () => {
    const id = (tl.assets[0] as { _id: string })._id;
    let protoKept = 0;
    await fc.assert(
      fc.asyncProperty(entries, entries, fc.constantFrom<'merge' | 'replace'>('merge', 'replace'), async (first, second, mode) => {
        await send(tl, 'DELETE', `/assets/${id}/user-metadata`);
        let model = new Map<string, unknown>();
        for (const [edits, m] of [[first, 'replace'], [second, mode]] as const) {
          const res = await send(tl, m === 'merge' ? 'PATCH' : 'PUT', `/assets/${id}/user-metadata`, `{"user_metadata":${objectText(edits)}}`);
          const valid = Object.values(JSON.parse(objectText(edits)) as Record<string, unknown>).every(isScalar);
          expect(res.status).toBe(valid ? 204 : 400);
          if (valid) model = apply(model, edits, m);
          else expect(res.body.message.length).toBeLessThan(300);
        }
        const got = (await send(tl, 'GET', `/assets/${id}`)).body as { user_metadata?: Record<string, unknown> };
        const metadata = got.user_metadata ?? {};
        expect(Object.keys(metadata).sort()).toEqual([...model.keys()].sort());
        for (const [k, v] of model) {
          expect(Object.hasOwn(metadata, k)).toBe(true);
          expect(metadata[k]).toEqual(Object.is(v, -0) ? 0 : v);
        }
        if (model.has('__proto__')) protoKept++;
      }),
      { numRuns: RUNS, seed: SEED },
    );
    expect(protoKept).toBeGreaterThan(0);
  });

  it('a direct create keeps a "__proto__" metadata key, and refuses an object value', async () => {
    const form = (metadata: string) => {
      const f = new FormData();
      f.append('method', 'direct');
      f.append('user_metadata', metadata);
      f.append('file', new Blob([new Uint8Array(8)], { type: 'video/mp4' }), 'clip.mp4');
      return f;
    };
    const post = async (metadata: string) => {
      const res = await fetch(`${tl.url}/assets`, { method: 'POST', headers: { 'x-api-key': tl.apiKey }, body: form(metadata) });
      return { status: res.status, body: await res.json() };
    };
    const made = await post('{"__proto__":"p","constructor":"c"}');
    expect(made.status).toBe(201);
    expect(Object.hasOwn(made.body.user_metadata, '__proto__')).toBe(true);
    expect(made.body.user_metadata).toEqual(JSON.parse('{"__proto__":"p","constructor":"c"}'));
    const got = await send(tl, 'GET', `/assets/${made.body._id}`);
    expect(got.body.user_metadata).toEqual(JSON.parse('{"__proto__":"p","constructor":"c"}'));
    expect((await post('{"__proto__":{"polluted":true}}')).status).toBe(400);
  });
});

describe('Tenovos mock: hostile definition ids and bodies', () => {
  async function signIn() {
    const res = await fetch(`${tv.url}/auth/token`, { method: 'POST', headers: { 'x-api-key': tv.apiKey, 'content-type': 'application/json' }, body: JSON.stringify({ username: tv.username, password: tv.password }) });
    const { session } = (await res.json()) as { session: { authorization: string; accessToken: string } };
    return { authorization: session.authorization, accesstoken: session.accessToken };
  }

  it('"__proto__", "constructor" as definition ids are refused and change nothing; a "__proto__" body key is ignored', async () => {
    const auth = await signIn();
    const asset = (tv.assets as Array<{ assetId: string; metadataTemplateId: string; securityTemplateIds: string[]; fileState: string; metadataState: string }>).find(
      (a) => a.fileState === 'available' && a.metadataState === 'available',
    )!;
    const before = await send(tv, 'GET', `/assets/asset/${asset.assetId}`, undefined, auth);
    for (const id of ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty']) {
      const res = await send(tv, 'PATCH', `/asset/${asset.assetId}`, JSON.stringify({ metadata: [{ metadataDefinitionId: id, metadataDefinitionValue: { polluted: true } }] }), auth);
      expect(res.status).toBe(403);
    }
    const patched = await send(tv, 'PATCH', `/asset/${asset.assetId}`, '{"__proto__":{"polluted":true},"constructor":{"prototype":{"polluted":true}}}', auth);
    expect(patched.status).toBe(200);
    const after = await send(tv, 'GET', `/assets/asset/${asset.assetId}`, undefined, auth);
    expect(after.body.data.metadata).toEqual(before.body.data.metadata);

    const created = await send(
      tv,
      'POST',
      '/asset',
      `{"__proto__":{"polluted":true},"filename":"__proto__","metadataTemplateId":${JSON.stringify(asset.metadataTemplateId)},"securityTemplateIds":${JSON.stringify(asset.securityTemplateIds)},"metadata":null}`,
      auth,
    );
    expect(created.status).toBe(200);
    const got = await send(tv, 'GET', `/assets/asset/${created.body.objectId}`, undefined, auth);
    expect(got.body.data.filename).toBe('__proto__');
  });
});
