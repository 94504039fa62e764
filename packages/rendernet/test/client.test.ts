import { startRecordingServer, sendJson, type RecordingServer } from '@assetkit/mock';
import { afterAll, beforeAll, describe, expect, expectTypeOf, it } from 'vitest';
import { createRenderNetClient } from '../src/index.js';

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());

const asset = { id: 'ast_1', type: 'video', status: 'active', url: 'https://cdn.example/ast_1.mp4', size: { width: 1280, height: 720 }, duration: 30, frames: 720 };

describe('generated RenderNet client', () => {
  it('gets an asset with the X-API-KEY header and returns the typed envelope', async () => {
    server.respond((_req, res) => sendJson(res, 200, { data: asset, err: {} }));
    const client = createRenderNetClient({ apiKey: 'rn-key-456', baseUrl: server.url });
    const { data } = await client.GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: 'ast_1' } } });
    const req = server.requests.at(-1)!;
    expect(req.method).toBe('GET');
    expect(req.rawUrl).toBe('/pub/v2/assets/ast_1');
    expect(req.headers['x-api-key']).toBe('rn-key-456');
    expect(data?.data.size?.width).toBe(1280);
    expectTypeOf(data!.data.status).toEqualTypeOf<'active' | 'archive' | 'pending' | 'censored' | 'processing' | undefined>();
  });

  it('percent-encodes an id with reserved characters as one path segment', async () => {
    server.respond((_req, res) => sendJson(res, 200, { data: asset, err: {} }));
    const client = createRenderNetClient({ apiKey: 'rn-key-456', baseUrl: server.url });
    await client.GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: '../x/y?z#w%v u' } } });
    expect(server.requests.at(-1)!.rawUrl).toBe('/pub/v2/assets/..%2Fx%2Fy%3Fz%23w%25v%20u');
  });

  it('defaults to the spec server and rejects bad paths at compile time', () => {
    expect(createRenderNetClient({ apiKey: 'k' }).baseUrl).toBe('https://api.rendernet.ai');
    if (Math.random() > 2) {
      const client = createRenderNetClient({ apiKey: 'k' });
      // @ts-expect-error: the v1 list is not in the spec (no RenderNet page documents it)
      void client.GET('/pub/v1/assets', {});
    }
  });
});
