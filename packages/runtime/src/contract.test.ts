// What a user of openapi-fetch relies on, through the assetkit runtime (issue #10, behaviours 1-5).
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sendJson } from '@assetkit/mock';
import type { Middleware } from 'openapi-fetch';
import { afterEach, describe, expect, it } from 'vitest';
import { createProviderClient } from './create-client.js';
import { AssetkitError, ConnectionError, InvalidResponseError, NotFoundError, ServerError, UnreplayableBodyError } from './errors.js';
import type { TestPaths } from './test-paths.js';
import { acmeDescriptor, failure, recordingServerForFile, refusingUrl } from './test-server.js';

const API_KEY = 'sk-test-contract-0123456789';
const descriptor = acmeDescriptor;

const server = recordingServerForFile(undefined, { afterEach: (_req, res) => sendJson(res, 200, { id: 'a1' }) });

const client = (opts: Parameters<typeof createProviderClient>[1] = {}) =>
  createProviderClient<TestPaths>(descriptor, { apiKey: API_KEY, baseUrl: server.url, retryDelay: { initialDelayMs: 5, maxDelayMs: 20 }, ...opts });
const get = (c = client(), init: Record<string, unknown> = {}) => c.GET('/things/{id}', { params: { path: { id: 'a1' } }, ...init });


describe('1. parseAs works on a non-JSON 2xx', () => {
  const text = () => server.respond((_req, res) => (res.writeHead(200, { 'content-type': 'text/plain' }), void res.end('hello')));

  it('text, blob, arrayBuffer and stream', async () => {
    text();
    expect((await get(client(), { parseAs: 'text' })).data).toBe('hello');
    expect(await ((await get(client(), { parseAs: 'blob' })).data as unknown as Blob).text()).toBe('hello');
    expect(new TextDecoder().decode((await get(client(), { parseAs: 'arrayBuffer' })).data as unknown as ArrayBuffer)).toBe('hello');
    const stream = (await get(client(), { parseAs: 'stream' })).data as unknown as ReadableStream<Uint8Array>;
    expect(await new Response(stream).text()).toBe('hello');
  });

  it('with the default parseAs, a non-JSON 2xx is still an InvalidResponseError', async () => {
    text();
    expect(await failure(get())).toBeInstanceOf(InvalidResponseError);
  });
});

describe('2. the response is a real Response', () => {
  it('clone(), blob() and arrayBuffer() work with parseAs stream; after a JSON call the body is used, as in openapi-fetch', async () => {
    const { response } = await get(client(), { parseAs: 'stream' });
    expect(await response.clone().json()).toEqual({ id: 'a1' });
    expect(await (await response.clone().blob()).text()).toBe('{"id":"a1"}');
    expect((await response.arrayBuffer()).byteLength).toBe(11);
    const json = await get();
    expect(json.data).toEqual({ id: 'a1' });
    expect(json.response).toBeInstanceOf(Response);
    expect(json.response.headers.get('content-type')).toBe('application/json');
  });

  it('an onResponse middleware that clones the response works as on bare openapi-fetch', async () => {
    const seen: unknown[] = [];
    const c = client();
    c.use({ onResponse: async ({ response }) => void seen.push(await response.clone().json()) });
    expect((await get(c)).data).toEqual({ id: 'a1' });
    expect(seen).toEqual([{ id: 'a1' }]);
  });
});

describe('3. middleware applies to every request of the client', () => {
  const tag: Middleware = { onRequest: ({ request }) => (request.headers.set('x-trace', 't-1'), request) };

  it('including clients derived with withOptions(), registered before or after deriving', async () => {
    const root = client();
    const early = root.withOptions({ maxRetries: 0 });
    root.use(tag);
    const late = root.withOptions({ retryPost: true });
    await get(early);
    await get(late);
    await get(late.withOptions({ maxRetries: 1 }));
    expect(server.requests.map((r) => r.headers['x-trace'])).toEqual(['t-1', 't-1', 't-1']);
    root.eject(tag);
    await get(late);
    expect(server.requests[3]!.headers['x-trace']).toBeUndefined();
  });

  it('the middleware option registers at creation (how @assetkit/unified users reach its clients)', async () => {
    await get(client({ middleware: [tag] }).withOptions({ maxRetries: 0 }));
    expect(server.requests[0]!.headers['x-trace']).toBe('t-1');
  });
});

describe('4. onResponse sees 4xx/5xx before the typed error; onError sees network errors', () => {
  it('404 and 503 reach onResponse, then throw the typed error', async () => {
    const statuses: number[] = [];
    const c = client({ maxRetries: 0 });
    c.use({ onResponse: ({ response }) => void statuses.push(response.status) });
    server.respond((_req, res) => sendJson(res, 404, { message: 'nope' }));
    expect(await failure(get(c))).toBeInstanceOf(NotFoundError);
    server.respond((_req, res) => sendJson(res, 503, { message: 'down' }));
    const error = await failure(get(c));
    expect(error).toBeInstanceOf(ServerError);
    expect(error.body).toEqual({ message: 'down' });
    expect(statuses).toEqual([404, 503]);
  });

  it('a refused connection reaches onError as a ConnectionError', async () => {
    const url = await refusingUrl();
    const errors: unknown[] = [];
    const c = client({ baseUrl: url, maxRetries: 0 });
    c.use({ onError: ({ error }) => void errors.push(error) });
    expect(await failure(get(c))).toBeInstanceOf(ConnectionError);
    expect(errors).toHaveLength(1);
    expect(errors[0]).toBeInstanceOf(ConnectionError);
  });
});

describe('5. request bodies stream', () => {
  const post = (c: ReturnType<typeof client>, body: unknown) =>
    c.POST('/things/{id}', { params: { path: { id: 'a1' } }, body: body as { name: string }, headers: { 'content-type': 'application/octet-stream' } });

  it('a stream body is sent as it is produced, not read whole first', async () => {
    // The stream ends only after the server has received its first chunk: a runtime that buffers the body waits forever.
    let firstChunkArrived!: () => void;
    const arrived = new Promise<void>((resolve) => (firstChunkArrived = resolve));
    const raw = createServer((req, res) => {
      let bytes = 0;
      req.once('data', () => firstChunkArrived());
      req.on('data', (c: Buffer) => (bytes += c.length));
      req.on('end', () => sendJson(res, 200, { id: String(bytes) }));
    });
    await new Promise<void>((resolve) => raw.listen(0, '127.0.0.1', resolve));
    try {
      let sent = 0;
      const body = new ReadableStream<Uint8Array>({
        async pull(controller) {
          if (sent === 1) await arrived;
          if (sent === 3) return controller.close();
          sent++;
          controller.enqueue(new Uint8Array(1024).fill(97));
        },
      });
      // No short timeout: a buffering runtime still fails (the default 60 s timeout, well inside the
      // test's 120 s), and a busy machine cannot fail a correct one.
      const c = client({ baseUrl: `http://127.0.0.1:${(raw.address() as AddressInfo).port}` });
      const { data } = await post(c, body);
      expect(data).toEqual({ id: '3072' });
    } finally {
      raw.closeAllConnections();
      await new Promise((resolve) => raw.close(resolve));
    }
  });

  it('a Blob body is sent whole on every attempt of a retried POST', async () => {
    let n = 0;
    server.respond((_req, res) => (n++ === 0 ? sendJson(res, 503, { message: 'busy' }, { 'retry-after': '0' }) : sendJson(res, 200, { id: 'ok' })));
    const { data } = await post(client(), new Blob(['x'.repeat(5000)]));
    expect(data).toEqual({ id: 'ok' });
    expect(server.requests.map((r) => r.body.length)).toEqual([5000, 5000]);
  });

  it('a retry of a one-shot stream is refused with UnreplayableBodyError, never resent empty', async () => {
    server.respond((_req, res) => sendJson(res, 503, { message: 'busy' }, { 'retry-after': '0' }));
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        controller.enqueue(new TextEncoder().encode('payload'));
        controller.close();
      },
    });
    const error = await failure(post(client(), body));
    expect(error).toBeInstanceOf(UnreplayableBodyError);
    expect(error.cause).toBeInstanceOf(AssetkitError);
    expect(server.requests.map((r) => r.body)).toEqual(['payload']);
  });
});
