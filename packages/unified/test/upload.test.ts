// upload() through the unified client against the three mocks and their object stores, on loopback:
// every source kind per provider, URL import (TwelveLabs), multipart, abort then resume in a fresh
// client, wait, failed processing, and unsupported combinations refused before anything is sent.
import { createHash } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startMockServer, startObjectStore, type MockOptions, type MockServer, type ObjectStore, type ObjectStoreOptions } from '@assetkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AbortedError, AssetFailedError, InvalidRequestError, UnsupportedError, createAssetClient, type AssetClient, type UploadProgress, type UploadResumeState } from '../src/index.js';

const CHUNK = 64 * 1024;
const PART = 1024;
const bytesOf = (n: number, seed = 7) => new Uint8Array(n).map((_, i) => (i * seed + (i >> 8)) & 0xff);
const sha256 = (b: Uint8Array) => createHash('sha256').update(b).digest('hex');
const streamOf = (bytes: Uint8Array, piece = 10_000) =>
  new ReadableStream<Uint8Array>({
    start(c) {
      for (let i = 0; i < bytes.length; i += piece) c.enqueue(bytes.slice(i, i + piece));
      c.close();
    },
  });
const until = async (check: () => boolean) => {
  while (!check()) await new Promise((r) => setTimeout(r, 5));
};

interface Env {
  servers: { twelvelabs: MockServer; rendernet: MockServer; tenovos: MockServer };
  stores: ObjectStore[];
  client: AssetClient;
  fresh(): AssetClient;
  requests(): number;
  close(): Promise<void>;
}

async function env(options: { store?: ObjectStoreOptions; mock?: MockOptions } = {}): Promise<Env> {
  const stores = await Promise.all([0, 1, 2].map(() => startObjectStore({ minPartSize: PART, ...options.store })));
  const common: MockOptions = { assets: 6, seed: 5, processing: { delayMs: 0 }, uploads: { chunkSize: CHUNK }, tenovosPartSize: PART, ...options.mock };
  const [twelvelabs, rendernet, tenovos] = await Promise.all([
    startMockServer('twelvelabs', { ...common, objectStore: stores[0]! }),
    startMockServer('rendernet', { ...common, objectStore: stores[1]! }),
    startMockServer('tenovos', { ...common, objectStore: stores[2]! }),
  ]);
  const { seeded, product: scan } = await templateOf(tenovos);
  const make = () =>
    createAssetClient({
      twelvelabs: { apiKey: twelvelabs.apiKey, baseUrl: twelvelabs.url, maxRetries: 0 },
      rendernet: { apiKey: rendernet.apiKey, baseUrl: rendernet.url, maxRetries: 0 },
      // Templates once, on the client config.
      tenovos: { apiKey: tenovos.apiKey, username: tenovos.username!, password: tenovos.password!, baseUrl: tenovos.url, maxRetries: 0, metadataTemplateId: seeded.metadataTemplateId, securityTemplateIds: seeded.securityTemplateIds, metadataDefinitions: { Product: scan } },
    });
  const servers = { twelvelabs, rendernet, tenovos };
  return {
    servers,
    stores,
    client: make(),
    fresh: make,
    requests: () => Object.values(servers).reduce((n, s) => n + s.stats.requests, 0) + stores.reduce((n, s) => n + s.stats().puts, 0),
    async close() {
      await Promise.all(Object.values(servers).map((s) => s.close()));
      await Promise.all(stores.map((s) => s.close()));
    },
  };
}

/**
 * A seeded asset's templates and the definition id of its "Product" attribute, read from a scan as a user
 * would (the scan shape keys metadata by definition id, and metadataDenormalized by name, in the same order).
 */
async function templateOf(tenovos: MockServer) {
  const client = createAssetClient({ tenovos: { apiKey: tenovos.apiKey, username: tenovos.username!, password: tenovos.password!, baseUrl: tenovos.url } });
  for await (const asset of client.list({ providers: ['tenovos'] })) {
    const raw = asset.raw as { metadataTemplateId: string; securityTemplateIds: string[]; metadata: { metadataDefinitionId: string }[]; metadataDenormalized: Record<string, unknown> };
    const at = Object.keys(raw.metadataDenormalized ?? {}).indexOf('Product');
    if (at >= 0) return { seeded: raw, product: raw.metadata[at]!.metadataDefinitionId };
  }
  throw new Error('no seeded Tenovos asset with a Product attribute');
}

let dir: string;
beforeAll(async () => (dir = await mkdtemp(join(tmpdir(), 'unified-upload-'))));
afterAll(() => rm(dir, { recursive: true, force: true }));
const fileOf = async (name: string, bytes: Uint8Array) => {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
};

describe('upload() from every source kind, to every provider', () => {
  let e: Env;
  beforeAll(async () => (e = await env()));
  afterAll(() => e.close());

  const sources = [
    ['a path', async (b: Uint8Array, name: string) => ({ source: await fileOf(name, b) })],
    ['a Blob', async (b: Uint8Array, name: string) => ({ source: new File([b as Uint8Array<ArrayBuffer>], name) })],
    ['bytes', async (b: Uint8Array, name: string) => ({ source: b, name })],
    ['a stream', async (b: Uint8Array, name: string) => ({ source: streamOf(b), name })],
  ] as const;

  for (const [what, make] of sources) {
    it(`twelvelabs from ${what}: metadata kept, progress in the one shape`, async () => {
      const bytes = bytesOf(150_000);
      const progress: UploadProgress[] = [];
      const asset = await e.client.upload({ provider: 'twelvelabs', ...(await make(bytes, `tl-${what.replace(' ', '-')}.mp4`)), metadata: { team: 'docs' }, onProgress: (p) => progress.push(p) });
      expect(asset).toMatchObject({ provider: 'twelvelabs', ref: `twelvelabs:${asset.id}`, kind: 'video', metadata: { team: 'docs' } });
      expect(e.servers.twelvelabs.upload(asset.id)).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
      expect(Object.keys(progress.at(-1)!).sort()).toEqual(['bytesPerSecond', 'bytesSent', 'partsDone', 'totalBytes', 'totalParts']);
      expect(progress.at(-1)).toMatchObject({ bytesSent: bytes.length, totalBytes: bytes.length });
    });

    it(`rendernet from ${what}`, async () => {
      const bytes = bytesOf(20_000, 3);
      const progress: UploadProgress[] = [];
      const asset = await e.client.upload({ provider: 'rendernet', ...(await make(bytes, `rn-${what.replace(' ', '-')}.mp3`)), onProgress: (p) => progress.push(p) });
      expect(asset).toMatchObject({ provider: 'rendernet', kind: 'audio' });
      expect(e.stores[1]!.stats().objects).toBeGreaterThan(0);
      expect(progress.at(-1)).toMatchObject({ bytesSent: bytes.length, totalBytes: bytes.length });
    });

    it(`tenovos from ${what}: templates from the client config, metadata by definition id`, async () => {
      const bytes = bytesOf(900, 5);
      const name = `tv-${what.replace(' ', '-')}.jpg`;
      const asset = await e.client.upload({ provider: 'tenovos', ...(await make(bytes, name)), metadata: { Product: 'Nucleus' } });
      expect(asset).toMatchObject({ provider: 'tenovos', name, sizeBytes: 900, metadata: { Product: 'Nucleus' } });
      const raw = (e.servers.tenovos.assets as { assetId: string; metadataTemplateId: string }[]).find((a) => a.assetId === asset.id)!;
      expect(raw.metadataTemplateId).toBe((e.servers.tenovos.assets[0] as { metadataTemplateId: string }).metadataTemplateId);
    });
  }

  it('twelvelabs from a URL (the platform fetches it; nothing goes to the store)', async () => {
    const puts = e.stores[0]!.stats().puts;
    const asset = await e.client.upload({ provider: 'twelvelabs', source: { url: 'https://cdn.example.com/promo.mp4' }, name: 'promo.mp4' });
    expect(asset).toMatchObject({ provider: 'twelvelabs', name: 'promo.mp4' });
    expect(e.stores[0]!.stats().puts).toBe(puts);
  });

  it('rendernet video: the pixel size as a per-call rendernet option', async () => {
    const asset = await e.client.upload({ provider: 'rendernet', source: bytesOf(5000), name: 'clip.mp4', rendernet: { size: { width: 640, height: 360 } } });
    expect(asset).toMatchObject({ provider: 'rendernet', kind: 'video' });
  });

  it('wait: resolves with the ready asset on each provider', async () => {
    for (const [provider, name] of [['twelvelabs', 'w.mp4'], ['rendernet', 'w.mp3'], ['tenovos', 'w.jpg']] as const) {
      const asset = await e.client.upload({ provider, source: bytesOf(3000), name, wait: { intervalMs: 5, deadlineMs: 30_000 } });
      expect(asset.state).toBe('ready');
    }
  });
});

describe('multipart, abort and resume through unified', () => {
  it('twelvelabs multipart: every chunk once, the asset complete', async () => {
    const e = await env();
    try {
      const bytes = bytesOf(CHUNK * 6 + 11);
      const states: UploadResumeState[] = [];
      const asset = await e.client.upload({ provider: 'twelvelabs', source: await fileOf('mp.mp4', bytes), multipart: true, concurrency: 3, onStateChange: (s) => void states.push(s) });
      expect(e.stores[0]!.stats().puts).toBe(7);
      expect(e.servers.twelvelabs.upload(asset.id)).toMatchObject({ size: bytes.length, sha256: sha256(bytes) });
      expect(states.at(-1)).toMatchObject({ kind: 'assetkit-upload', version: 1, provider: 'twelvelabs' });
    } finally {
      await e.close();
    }
  });

  it('tenovos multipart with a per-call part size over the config', async () => {
    const e = await env();
    try {
      const bytes = bytesOf(PART * 5 + 3);
      const progress: UploadProgress[] = [];
      const asset = await e.client.upload({ provider: 'tenovos', source: bytes, name: 'parts.bin', tenovos: { partSize: PART }, onProgress: (p) => progress.push(p), wait: { intervalMs: 5 } });
      expect(asset).toMatchObject({ state: 'ready', sizeBytes: bytes.length });
      expect(Object.keys(e.stores[2]!.stats().partPuts)).toHaveLength(6);
      expect(progress.at(-1)).toMatchObject({ partsDone: 6, totalParts: 6, bytesSent: bytes.length });
    } finally {
      await e.close();
    }
  });

  for (const provider of ['twelvelabs', 'tenovos'] as const) {
    it(`${provider}: abort mid-upload (a stalled part), then a fresh client resumes without re-sending finished parts`, async () => {
      const e = await env({ store: { faults: { plan: [null, null, null, 'stall'] } } });
      try {
        const store = e.stores[provider === 'twelvelabs' ? 0 : 2]!;
        const size = provider === 'twelvelabs' ? CHUNK * 7 + 5 : PART * 7 + 5;
        const path = await fileOf(`resume-${provider}.mp4`, bytesOf(size, 9));
        const controller = new AbortController();
        let saved = '';
        const first = e.client.upload({
          provider,
          source: path,
          multipart: true,
          concurrency: 1,
          signal: controller.signal,
          onStateChange: (s) => void (saved = JSON.stringify(s)),
          ...(provider === 'tenovos' && { tenovos: { partSize: PART, cancelOnFailure: false } }),
        });
        await until(() => (store.stats().faults.stall ?? 0) > 0);
        controller.abort();
        await expect(first).rejects.toBeInstanceOf(AbortedError);
        const state = JSON.parse(saved) as UploadResumeState;
        expect(state.provider).toBe(provider);
        if (provider === 'tenovos') {
          // The asset exists, its file has not arrived: processing (as the helper's readiness rule sees it), not ready.
          const id = (state.state as { data: { asset: { objectId: string } } }).data.asset.objectId;
          expect((await e.client.get(`tenovos:${id}`)).state).toBe('processing');
        }

        const asset = await e.fresh().upload({ provider, source: path, resumeState: state, wait: { intervalMs: 5 }, ...(provider === 'tenovos' && { tenovos: { partSize: PART } }) });
        expect(asset.state).toBe('ready');
        const puts = Object.values(store.stats().partPuts);
        expect(puts).toHaveLength(8);
        expect(puts.every((n) => n === 1)).toBe(true); // each part stored once: none sent again
      } finally {
        await e.close();
      }
    });
  }
});

describe('abort where nothing can be resumed', () => {
  it('rendernet: abort mid-PUT is an AbortedError and the pending asset is archived', async () => {
    const e = await env({ store: { faults: { plan: ['stall'] } } });
    try {
      const controller = new AbortController();
      const running = e.client.upload({ provider: 'rendernet', source: bytesOf(4000), name: 'gone.mp3', signal: controller.signal });
      await until(() => (e.stores[1]!.stats().faults.stall ?? 0) > 0);
      controller.abort();
      const error = await running.catch((x: unknown) => x);
      expect(error).toBeInstanceOf(AbortedError);
      const id = /pending RenderNet asset (\S+) was archived/.exec((error as Error).message)?.[1];
      expect(id).toBeTruthy();
      expect((await e.client.get(`rendernet:${id}`)).state).toBe('archived');
    } finally {
      await e.close();
    }
  });
});

describe('failed processing', () => {
  // failRate 1: every new asset fails. Tenovos reports no status: its renditions never appear, so the
  // (short) deadline is its failure signal, whatever the machine's speed (the file is there before waiting starts).
  it.each(['twelvelabs', 'rendernet', 'tenovos'] as const)('%s: wait ends with AssetFailedError naming the asset', async (provider) => {
    const e = await env({ mock: { processing: { delayMs: 0, failRate: 1 } } });
    try {
      const error = await e.client
        .upload({ provider, source: bytesOf(2000), name: provider === 'rendernet' ? 'bad.mp3' : 'bad.mp4', wait: { intervalMs: 5, deadlineMs: provider === 'tenovos' ? 200 : 30_000 } })
        .catch((x: unknown) => x);
      expect(error).toBeInstanceOf(AssetFailedError);
      expect((error as AssetFailedError).provider).toBe(provider);
      expect((error as AssetFailedError).assetId).toBeTruthy();
    } finally {
      await e.close();
    }
  });
});

describe('refused before anything is sent', () => {
  let e: Env;
  beforeAll(async () => (e = await env()));
  afterAll(() => e.close());

  const cases: [string, () => Promise<unknown>, new (...a: never[]) => Error, RegExp][] = [
    ['a URL on rendernet', () => e.client.upload({ provider: 'rendernet', source: { url: 'https://x.example/a.mp3' } }), UnsupportedError, /upload from a URL is not supported by rendernet/],
    ['a URL on tenovos', () => e.client.upload({ provider: 'tenovos', source: { url: 'https://x.example/a.jpg' } }), UnsupportedError, /upload from a URL is not supported by tenovos/],
    ['metadata on rendernet', () => e.client.upload({ provider: 'rendernet', source: bytesOf(10), name: 'a.mp3', metadata: { a: 1 } }), UnsupportedError, /upload with metadata is not supported by rendernet/],
    ['multipart on rendernet', () => e.client.upload({ provider: 'rendernet', source: bytesOf(10), name: 'a.mp3', multipart: true }), UnsupportedError, /not supported by rendernet/],
    ['resume on rendernet', () => e.client.upload({ provider: 'rendernet', source: bytesOf(10), name: 'a.mp3', resumeState: { kind: 'assetkit-upload', version: 1, provider: 'rendernet', state: {} } }), UnsupportedError, /resuming .* not supported by rendernet/],
    ['a resume state of another provider', () => e.client.upload({ provider: 'twelvelabs', source: bytesOf(10), name: 'a.mp4', resumeState: { kind: 'assetkit-upload', version: 1, provider: 'tenovos', state: {} } }), InvalidRequestError, /an upload to tenovos, not twelvelabs/],
    ['tenovos options on a twelvelabs upload', () => e.client.upload({ provider: 'twelvelabs', source: bytesOf(10), name: 'a.mp4', tenovos: { partSize: 5 } }), InvalidRequestError, /tenovos options apply/],
    ['an unknown provider option', () => e.client.upload({ provider: 'twelvelabs', source: bytesOf(10), name: 'a.mp4', twelvelabs: { chunky: 1 } as never }), InvalidRequestError, /takes no upload option "chunky"/],
    ['a path as a name', () => e.client.upload({ provider: 'twelvelabs', source: bytesOf(10), name: 'a/b.mp4' }), InvalidRequestError, /is a path/],
    ['an empty-string metadata value', () => e.client.upload({ provider: 'twelvelabs', source: bytesOf(10), name: 'a.mp4', metadata: { a: '' } }), InvalidRequestError, /empty string/],
    ['a Tenovos upload without templates', () => e.client.upload({ provider: 'tenovos', source: bytesOf(10), name: 'a.jpg', tenovos: { securityTemplateIds: undefined as never } }), InvalidRequestError, /Tenovos option securityTemplateIds|securityTemplateIds/],
  ];
  it.each(cases)('%s', async (_what, call, type, message) => {
    const before = e.requests();
    const error = await call().catch((x: unknown) => x);
    expect(error).toBeInstanceOf(type);
    expect((error as Error).message).toMatch(message);
    expect(e.requests()).toBe(before);
  });

  it('capabilities say what each provider takes', () => {
    expect(e.client.capabilities('twelvelabs').upload).toMatchObject({ sources: ['path', 'blob', 'stream', 'bytes', 'url'], multipart: true, resumable: true, cancels: false, metadata: true });
    expect(e.client.capabilities('rendernet').upload).toMatchObject({ sources: ['path', 'blob', 'stream', 'bytes'], multipart: false, resumable: false, metadata: false });
    expect(e.client.capabilities('tenovos').upload).toMatchObject({ multipart: true, resumable: true, cancels: true, metadata: true });
  });
});

describe('capabilities agree with the helpers', () => {
  it('maxBytes are the helpers\' own limits', async () => {
    const [{ LIMITS }, { RENDERNET_MAX_BYTES }, tv] = await Promise.all([import('@assetkit/twelvelabs/upload'), import('@assetkit/rendernet/upload'), import('@assetkit/tenovos/upload')]);
    const client = createAssetClient({ twelvelabs: { apiKey: 'k' } });
    expect(client.capabilities('twelvelabs').upload).toMatchObject({ maxBytes: { video: LIMITS.video.multipart, audio: LIMITS.audio.multipart, image: LIMITS.image.direct, document: LIMITS.document.direct } });
    expect(client.capabilities('rendernet').upload).toMatchObject({ maxBytes: RENDERNET_MAX_BYTES });
    const max = tv.TENOVOS_PART_SIZE * tv.TENOVOS_MAX_PARTS;
    expect(client.capabilities('tenovos').upload).toMatchObject({ maxBytes: { image: max, video: max, audio: max, document: max, other: max } });
  });
});
