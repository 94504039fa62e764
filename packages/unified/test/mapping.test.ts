import type { Asset as RawTenovosAsset } from '@assetkit/tenovos';
import { sendJson, startRecordingServer } from '@assetkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssetClient, type Asset } from '../src/index.js';
import { clientFor, closeMocks, startMocks, type Mocks } from './helpers.js';

let mocks: Mocks;
beforeAll(async () => {
  mocks = await startMocks({ assets: 200, seed: 7 });
});
afterAll(() => closeMocks(mocks));

type R = Record<string, any>; // raw mock objects, read loosely to derive expectations

describe('TwelveLabs mapping', () => {
  it("maps the vendor's documented example response exactly", async () => {
    const docsExample = {
      _id: '6298d673f1090f1100476d4c',
      created_at: '2022-06-02T10:30:00Z',
      duration: 120.5,
      file_type: 'image/jpeg',
      filename: 'image-01.jpg',
      hls: { manifest_url: 'https://cdn.example.com/assets/6298d673f1090f1100476d4c/manifest.m3u8', status: 'ready' },
      method: 'direct',
      size: 104857600,
      status: 'ready',
      thumbnail: { representative_url: 'https://cdn.example.com/assets/6298d673f1090f1100476d4c/thumbnail.jpg', status: 'ready' },
      user_metadata: {},
    };
    const server = await startRecordingServer((_req, res) => sendJson(res, 200, docsExample));
    try {
      const client = createAssetClient({ twelvelabs: { apiKey: 'k-docs-example', baseUrl: server.url } });
      const asset = await client.get('twelvelabs:6298d673f1090f1100476d4c');
      expect(asset).toEqual({
        provider: 'twelvelabs',
        id: '6298d673f1090f1100476d4c',
        ref: 'twelvelabs:6298d673f1090f1100476d4c',
        name: 'image-01.jpg',
        kind: 'image',
        mimeType: 'image/jpeg',
        sizeBytes: 104857600,
        durationSeconds: 120.5,
        state: 'ready',
        createdAt: new Date('2022-06-02T10:30:00Z'),
        urls: {
          stream: 'https://cdn.example.com/assets/6298d673f1090f1100476d4c/manifest.m3u8',
          thumbnail: 'https://cdn.example.com/assets/6298d673f1090f1100476d4c/thumbnail.jpg',
        },
        metadata: {},
        raw: docsExample,
      });
      expect(asset.createdAt?.toISOString()).toBe('2022-06-02T10:30:00.000Z');
    } finally {
      await server.close();
    }
  });

  it('maps every mock asset field by field, including ones missing optional fields', async () => {
    const client = clientFor({ twelvelabs: mocks.twelvelabs });
    const raws = mocks.twelvelabs.assets as R[];
    let sawMissingSize = false;
    for (const raw of raws.slice(0, 40)) {
      const a = await client.get({ provider: 'twelvelabs', id: raw._id });
      if (a.provider !== 'twelvelabs') throw new Error('wrong provider');
      expect(a.raw).toEqual(raw);
      expect(a.id).toBe(raw._id);
      expect(a.name).toBe(raw.filename);
      expect(a.mimeType).toBe(raw.file_type);
      expect(a.kind).toBe(raw.file_type.split('/')[0]);
      expect(a.sizeBytes).toBe(raw.size);
      expect(a.durationSeconds).toBe(raw.duration);
      expect(a.state).toBe(raw.status);
      expect(a.createdAt).toEqual(new Date(raw.created_at));
      expect(a.urls.stream).toBe(raw.hls?.manifest_url);
      expect(a.urls.thumbnail).toBe(raw.thumbnail?.representative_url);
      expect(a.metadata).toEqual(raw.user_metadata ?? {});
      if (raw.size === undefined) {
        sawMissingSize = true;
        expect('sizeBytes' in a).toBe(false);
      }
    }
    expect(sawMissingSize).toBe(true);
  });
});

describe('RenderNet mapping', () => {
  const STATE: Record<string, string> = { active: 'ready', pending: 'processing', processing: 'processing', archive: 'archived', censored: 'blocked' };
  it('maps every field of each mock asset', async () => {
    const client = clientFor({ rendernet: mocks.rendernet });
    const raws = mocks.rendernet.assets as R[];
    const states = new Set<string>();
    for (const raw of raws.slice(0, 40)) {
      const a = await client.get(`rendernet:${raw.id}`);
      expect(a.raw).toEqual(raw);
      expect(a.kind).toBe(raw.type);
      expect(a.state).toBe(STATE[raw.status]);
      expect(a.width).toBe(raw.size?.width);
      expect(a.height).toBe(raw.size?.height);
      expect(a.durationSeconds).toBe(raw.duration);
      expect(a.frames).toBe(raw.frames);
      expect(a.urls).toEqual({ original: raw.url });
      states.add(a.state);
    }
    expect(states.size).toBeGreaterThan(1);
  });
});

describe('Tenovos mapping', () => {
  it('maps dates, renditions, states and metadata (tables flattened to rows)', async () => {
    const client = clientFor({ tenovos: mocks.tenovos });
    const raws = mocks.tenovos.assets as R[];
    const seen = new Set<string>();
    for (const raw of raws.slice(0, 40)) {
      const a = await client.get(`tenovos:${raw.assetId}`);
      if (a.provider !== 'tenovos') throw new Error('wrong provider');
      expect(a.name).toBe(raw.filename);
      expect(a.sizeBytes).toBe(raw.fileSizeInBytes);
      expect(a.createdAt).toEqual(new Date(raw.createdDate));
      expect(a.updatedAt).toEqual(new Date(raw.lastUpdatedDate));
      expect(a.urls.thumbnail).toBe(raw.renditionsDocument?.imageThumb);
      expect(a.urls.preview).toBe(raw.renditionsDocument?.imagePreview);
      expect(a.width).toBe(raw.renditionsDocument?.width);
      const deleted = raw.fileState === 'recycle bin' || raw.metadataState === 'recycle bin';
      expect(a.state).toBe(deleted ? 'deleted' : 'ready');
      for (const entry of (a.raw as RawTenovosAsset).metadata ?? []) {
        const value = entry.value;
        const flat = a.metadata[entry.name];
        if (Array.isArray(value) && value.length > 0 && value.every(Array.isArray)) {
          seen.add('table');
          expect(flat).toEqual((value as { name: string; value: unknown }[][]).map((row) => Object.fromEntries(row.map((c) => [c.name, c.value]))));
        } else {
          seen.add(Array.isArray(value) ? 'list' : 'scalar');
          expect(flat).toEqual(value);
        }
      }
      seen.add(a.kind);
    }
    expect(seen).toContain('table');
    expect(seen).toContain('scalar');
  });
});

describe('forward compatibility', () => {
  it('unknown enum values map to unknown/other and keep the raw value', async () => {
    const server = await startRecordingServer((req, res) =>
      req.path.startsWith('/pub')
        ? sendJson(res, 200, { data: { id: 'x', type: 'hologram', status: 'quarantined', extra: 1 }, err: {} })
        : sendJson(res, 200, { _id: 'y', status: 'archived', method: 'connector', file_type: 'model/gltf', brand_new: { a: 1 } }),
    );
    try {
      const client = createAssetClient({ rendernet: { apiKey: 'k1234', baseUrl: server.url }, twelvelabs: { apiKey: 'k1234', baseUrl: server.url } });
      const rn = await client.get('rendernet:x');
      expect(rn).toMatchObject({ kind: 'other', state: 'unknown' });
      expect((rn.raw as Record<string, unknown>).status).toBe('quarantined');
      const tl: Asset = await client.get('twelvelabs:y');
      expect(tl).toMatchObject({ kind: 'other', state: 'unknown', mimeType: 'model/gltf' });
      expect((tl.raw as Record<string, unknown>).brand_new).toEqual({ a: 1 });
    } finally {
      await server.close();
    }
  });

  it('fields of the wrong type read as absent instead of crashing', async () => {
    const server = await startRecordingServer((_req, res) =>
      sendJson(res, 200, { _id: 'z', size: 'big', duration: -3, created_at: 'yesterday', hls: 'nope', user_metadata: [1, 2], file_type: 42 }),
    );
    try {
      const a = await createAssetClient({ twelvelabs: { apiKey: 'k1234', baseUrl: server.url } }).get('twelvelabs:z');
      expect(a).toMatchObject({ id: 'z', kind: 'other', state: 'unknown', urls: {}, metadata: {} });
      for (const key of ['sizeBytes', 'durationSeconds', 'createdAt', 'mimeType']) expect(key in a).toBe(false);
    } finally {
      await server.close();
    }
  });
});
