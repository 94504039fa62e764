import { startRecordingServer, sendJson, type RecordingServer } from '@assetkit/mock';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTenovosClient } from '../src/index.js';

let server: RecordingServer;
beforeAll(async () => {
  server = await startRecordingServer();
});
afterAll(() => server.close());

const session = { authorization: 'id-token-abc', accessToken: 'access-token-def', refreshToken: 'refresh-ghi', expireEpoch: Date.now() + 3_600_000 };
const asset = { assetId: 'a-1', filename: 'hooli-logo.jpg', fileSizeInBytes: 209743, metadata: [{ name: 'Product', value: 'HooliDocs' }] };

describe('generated Tenovos client', () => {
  it('logs in with the token operation, then sends the API key and both session headers', async () => {
    server.respond((req, res) =>
      req.path === '/auth/token'
        ? sendJson(res, 200, { username: 'jane', password: '', session })
        : sendJson(res, 200, { status: 'success', message: 'ok', data: asset }),
    );
    const client = createTenovosClient({ apiKey: 'tv-key-789', username: 'jane', password: 'pw-secret', baseUrl: server.url });
    const start = server.requests.length;
    const { data } = await client.GET('/assets/asset/{id}', { params: { path: { id: 'a-1' }, query: { empty: false, system: true } } });
    const [token, get] = server.requests.slice(start);
    expect(token!.method).toBe('POST');
    expect(token!.path).toBe('/auth/token');
    expect(token!.headers['x-api-key']).toBe('tv-key-789');
    expect(JSON.parse(token!.body)).toEqual({ username: 'jane', password: 'pw-secret' });
    expect(get!.method).toBe('GET');
    expect(get!.rawUrl).toBe('/assets/asset/a-1?empty=false&system=true');
    expect(get!.headers['x-api-key']).toBe('tv-key-789');
    expect(get!.headers['authorization']).toBe('id-token-abc');
    expect(get!.headers['accesstoken']).toBe('access-token-def');
    expect(get!.headers['content-type']).toBeUndefined();
    expect(data?.data.metadata?.[0]?.value).toBe('HooliDocs');
  });

  it('percent-encodes an id with reserved characters as one path segment', async () => {
    server.respond((req, res) =>
      req.path === '/auth/token' ? sendJson(res, 200, { session }) : sendJson(res, 200, { status: 'success', data: asset }),
    );
    const client = createTenovosClient({ apiKey: 'k', username: 'u', password: 'p', baseUrl: server.url });
    await client.GET('/assets/asset/{id}', { params: { path: { id: 'x/../y?#% z' } } });
    expect(server.requests.at(-1)!.rawUrl).toBe('/assets/asset/x%2F..%2Fy%3F%23%25%20z');
  });

  it('defaults to the production server and types the query flags', () => {
    expect(createTenovosClient({ apiKey: 'k', username: 'u', password: 'p' }).baseUrl).toBe('https://api.tenovos.io/v1');
    if (Math.random() > 2) {
      const client = createTenovosClient({ apiKey: 'k', username: 'u', password: 'p' });
      // @ts-expect-error: empty is a boolean
      void client.GET('/assets/asset/{id}', { params: { path: { id: 'x' }, query: { empty: 'no' } } });
    }
  });
});
