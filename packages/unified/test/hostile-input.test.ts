// Property-based: hostile ids never change the request path or inject headers,
// and malformed response bodies end in a typed error or a mapped asset — never a crash.
import { sendJson, startRecordingServer, type RecordingServer } from '@assetkit/mock';
import { AssetkitError } from '@assetkit/runtime';
import { createTwelveLabsClient } from '@assetkit/twelvelabs';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ASSET_KINDS, createAssetClient } from '../src/index.js';

let server: RecordingServer;
const unhandled: unknown[] = [];
const onUnhandled = (reason: unknown) => unhandled.push(reason);
beforeAll(async () => {
  server = await startRecordingServer();
  process.on('unhandledRejection', onUnhandled);
});
afterAll(async () => {
  process.off('unhandledRejection', onUnhandled);
  await server.close();
  expect(unhandled).toEqual([]);
});

const hostileId = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }), // any code point, lone surrogates included
  fc.string({ unit: fc.constantFrom('/', '.', '%', '2', 'F', '?', '#', '\r', '\n', ' ', '\t', ':', '@', '\\', 'a', '\u0000', '\u202e'), maxLength: 30 }),
  fc.constantFrom('', '.', '..', '../..', '%2F', '%2e%2e', '..%2F', ' ', '\t', 'a\r\nX-Injected: 1', '/etc/passwd', '?q=1', '#frag'),
  fc.string({ minLength: 2000, maxLength: 5000 }),
);

describe('hostile ids', () => {
  it('the path stays /assets/<one encoded segment> or the call fails before sending', async () => {
    server.respond((_req, res) => sendJson(res, 200, { _id: 'x' }));
    const client = createTwelveLabsClient({ apiKey: 'prop-key-1234', baseUrl: server.url, maxRetries: 0 });
    let sent = 0;
    let refused = 0;
    await fc.assert(
      fc.asyncProperty(hostileId, async (id) => {
        const before = server.requests.length;
        let error: unknown;
        try {
          await client.GET('/assets/{asset_id}', { params: { path: { asset_id: id } } });
        } catch (e) {
          error = e;
        }
        if (server.requests.length === before) {
          // nothing sent: it must be our typed refusal, naming the parameter
          expect(error).toBeInstanceOf(AssetkitError);
          expect((error as AssetkitError).type).toBe('invalid_request');
          expect((error as Error).message).toContain('asset_id');
          refused++;
          return;
        }
        expect(server.requests.length).toBe(before + 1);
        const req = server.requests.at(-1)!;
        expect(req.path).toMatch(/^\/assets\/[^/?#]+$/);
        expect(decodeURIComponent(req.path.slice('/assets/'.length))).toBe(id);
        expect(req.headers['x-injected']).toBeUndefined();
        expect(req.rawUrl).not.toContain('?');
        sent++;
      }),
      { numRuns: 2000, seed: 20261123 },
    );
    expect(sent).toBeGreaterThan(1000);
    expect(refused).toBeGreaterThan(0);
  });
});

const deep = (n: number): string => '['.repeat(n) + ']'.repeat(n);
const malformedBody = fc.oneof(
  fc.jsonValue().map((v) => JSON.stringify(v)),
  fc.record({ _id: fc.anything(), status: fc.anything(), size: fc.anything(), file_type: fc.anything(), hls: fc.anything(), user_metadata: fc.anything() }).map((v) => JSON.stringify(v)),
  fc.record({ data: fc.anything(), page_info: fc.anything(), err: fc.anything() }).map((v) => JSON.stringify(v)),
  fc.string(), // mostly not JSON
  fc.constantFrom('', 'null', '<html>oops</html>', '{"data":', deep(100_000), JSON.stringify({ _id: 'x'.repeat(1_000_000) })),
);

describe('malformed response bodies', () => {
  it('end in a typed error or a mapped asset, never anything else', async () => {
    let body = '';
    server.respond((_req, res) => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(body);
    });
    const client = createAssetClient({
      twelvelabs: { apiKey: 'prop-key-1234', baseUrl: server.url, maxRetries: 0 },
      rendernet: { apiKey: 'prop-key-1234', baseUrl: server.url, maxRetries: 0 },
      tenovos: { apiKey: 'prop-key-1234', username: 'u', password: 'p', baseUrl: server.url, maxRetries: 0 },
    });
    const outcomes = { mapped: 0, typed: 0 };
    await fc.assert(
      fc.asyncProperty(malformedBody, fc.constantFrom('twelvelabs:a', 'rendernet:a', 'tenovos:a', 'list'), async (text, op) => {
        body = text;
        try {
          const assets = op === 'list' ? await (async () => {
            const out = [];
            for await (const a of client.list({ providers: ['twelvelabs'], pageSize: 5 })) out.push(a);
            return out;
          })() : [await client.get(op)];
          for (const a of assets) {
            expect(ASSET_KINDS).toContain(a.kind);
            expect(typeof a.id).toBe('string');
            expect(a.urls).toBeTypeOf('object');
          }
          outcomes.mapped++;
        } catch (error) {
          if (!(error instanceof AssetkitError)) throw error; // a raw TypeError/SyntaxError/RangeError fails the property
          outcomes.typed++;
        }
      }),
      { numRuns: 600, seed: 7 },
    );
    expect(outcomes.mapped).toBeGreaterThan(0);
    expect(outcomes.typed).toBeGreaterThan(0);
  });
});
