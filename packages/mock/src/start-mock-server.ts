import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { applyFault } from './apply-fault.js';
import { createFaultSource } from './faults.js';
import { subSeed } from './prng.js';
import { createRenderNetMock } from './providers/rendernet.js';
import { createTenovosMock } from './providers/tenovos.js';
import { createTwelveLabsMock } from './providers/twelvelabs.js';
import { startObjectStore, type ObjectStore } from './object-store/index.js';
import { baseHeaders, sendBody } from './respond.js';
import type { MockOptions, MockRequest, MockResponse, MockServer, MockStats, ProviderMock, ProviderName } from './types.js';

const DEFAULT_USERNAME = 'demo@assetkit.dev';
const DEFAULT_PASSWORD = 'mock-password';
const PROVIDERS: readonly ProviderName[] = ['twelvelabs', 'rendernet', 'tenovos'];

function checkCount(name: string, value: number, min: number): void {
  if (!Number.isInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
}

/** Bodies read as a stream by providers that can (uploads can be many GB); every other body is read as text. */
const STREAMED_BODY = /^\s*(multipart\/form-data|application\/octet-stream)\b/i;

type Resolved = Required<Pick<MockOptions, 'apiKey' | 'assets' | 'seed' | 'username' | 'password' | 'tokenTtlMs'>> & Pick<MockOptions, 'processing' | 'uploads' | 'tenovosPartSize'>;

function buildProvider(provider: ProviderName, options: Resolved, url: () => string, objectStore: ObjectStore): ProviderMock {
  // Each provider's data comes from its own stream, so adding one never changes another's.
  const seed = subSeed(options.seed, provider);
  switch (provider) {
    case 'twelvelabs':
      return createTwelveLabsMock({ apiKey: options.apiKey, assets: options.assets, seed, objectStore, processing: options.processing, uploads: options.uploads });
    case 'rendernet':
      return createRenderNetMock({ apiKey: options.apiKey, assets: options.assets, seed, store: () => objectStore, processing: options.processing });
    case 'tenovos':
      return createTenovosMock({ ...options, seed, url, objectStore: () => objectStore, partSize: options.tenovosPartSize, processing: options.processing });
  }
}

/** The path as sent, without the query string; absolute-form targets are reduced to their path. */
function splitTarget(target: string): { path: string; query: URLSearchParams } {
  const q = target.indexOf('?');
  let path = q === -1 ? target : target.slice(0, q);
  if (/^https?:\/\//i.test(path)) path = new URL(path).pathname;
  return { path, query: new URLSearchParams(q === -1 ? '' : target.slice(q + 1)) };
}

/**
 * Starts a loopback HTTP server that behaves like `provider`'s API as its spec
 * describes it, over a generated, seed-determined data set, optionally
 * injecting faults (rate limits, 5xx, dropped or stalled connections, cut-off
 * or non-JSON bodies).
 */
export async function startMockServer(provider: ProviderName, options: MockOptions = {}): Promise<MockServer> {
  if (!PROVIDERS.includes(provider)) throw new RangeError(`unknown provider ${JSON.stringify(provider)}; expected one of ${PROVIDERS.join(', ')}`);
  const resolved = {
    apiKey: options.apiKey ?? `mock-${provider}-key`,
    assets: options.assets ?? 300,
    seed: options.seed ?? 1,
    username: options.username ?? DEFAULT_USERNAME,
    password: options.password ?? DEFAULT_PASSWORD,
    tokenTtlMs: options.tokenTtlMs ?? 3_600_000,
    processing: options.processing,
    uploads: options.uploads,
  };
  const latencyMs = options.latencyMs ?? 0;
  checkCount('assets', resolved.assets, 0);
  checkCount('latencyMs', latencyMs, 0);
  checkCount('tokenTtlMs', resolved.tokenTtlMs, 1);
  const retryAfterSeconds = options.faults?.retryAfterSeconds ?? 1;
  const includeAuth = options.faults?.includeAuth ?? false;
  const nextFault = createFaultSource(options.faults, resolved.seed);

  let url = '';
  // The server's own store is closed with it, and at once if startup fails. Its minimum part size
  // is no bigger than the parts the mocks hand out (Tenovos parts, TwelveLabs chunks), so small test parts complete.
  const ownsStore = options.objectStore === undefined;
  const FIVE_MIB = 5 * 1024 * 1024;
  const objectStore =
    options.objectStore ??
    (await startObjectStore({ minPartSize: Math.min(options.tenovosPartSize ?? FIVE_MIB, options.uploads?.chunkSize ?? FIVE_MIB, FIVE_MIB) }));
  let mock: ProviderMock;
  try {
    mock = buildProvider(provider, { ...resolved, tenovosPartSize: options.tenovosPartSize }, () => url, objectStore);
  } catch (cause) {
    if (ownsStore) await objectStore.close();
    throw cause;
  }
  const stats: MockStats = { requests: 0, byPath: {}, tokenRequests: 0, faults: {} };
  const timers = new Set<NodeJS.Timeout>();
  let closed = false;

  const delay = (ms: number) =>
    new Promise<void>((resolve) => {
      if (ms === 0) return resolve();
      const timer = setTimeout(() => {
        timers.delete(timer);
        resolve();
      }, ms);
      timers.add(timer);
    });

  function onRequest(req: IncomingMessage, res: ServerResponse): void {
    stats.requests++;
    const requestId = `mock-${provider}-${String(stats.requests).padStart(6, '0')}`;
    const { path, query } = splitTarget(req.url ?? '/');
    stats.byPath[path] = (stats.byPath[path] ?? 0) + 1;
    const method = (req.method ?? 'GET').toUpperCase();
    const headers = baseHeaders(req, requestId);
    const request: MockRequest = { method, path, query, headers: req.headers, body: '' };
    const isAuth = mock.isAuthOperation(request);
    if (isAuth && method !== 'OPTIONS') stats.tokenRequests++;
    // Decided on arrival, so the fault sequence follows request order, not body-read timing.
    const fault = method === 'OPTIONS' || (isAuth && !includeAuth) ? null : nextFault();

    // Only an answered request changes state: a refused one (429, 5xx, dropped) must not create or delete anything.
    const processes = fault === null || fault === 'truncate';
    const failed = (cause: unknown): MockResponse => ({ status: 500, body: mock.faultBody(500, retryAfterSeconds), headers: { 'x-mock-error': String((cause as Error)?.message ?? cause).slice(0, 200) } });
    const answer = (response: Promise<MockResponse | undefined>) => {
      void response.catch(failed).then(async (result) => {
        await delay(latencyMs);
        if (closed || res.destroyed) return;
        if (method === 'OPTIONS') {
          // Preflights never need auth.
          sendBody(res, 204, '', { ...headers, 'access-control-max-age': '600' });
          return;
        }
        if (fault) {
          stats.faults[fault] = (stats.faults[fault] ?? 0) + 1;
          applyFault(fault, {
            res,
            headers,
            retryAfterSeconds,
            errorBody: (status) => mock.faultBody(status, retryAfterSeconds),
            normalBody: () => JSON.stringify(result?.body ?? null),
          });
          return;
        }
        const final = result ?? failed(new Error('no answer'));
        const text = final.body === undefined ? '' : JSON.stringify(final.body);
        sendBody(res, final.status, text, { ...headers, ...final.headers });
      });
    };

    // An upload body goes to the provider as a stream: never held in memory, however large.
    if (method !== 'OPTIONS' && mock.handleStream && STREAMED_BODY.test(req.headers['content-type'] ?? '')) {
      const handleStream = mock.handleStream.bind(mock);
      answer(
        processes
          ? handleStream(request, req)
          : new Promise<undefined>((resolve) => {
              req.on('end', () => resolve(undefined));
              req.on('error', () => resolve(undefined));
              req.resume();
            }),
      );
      return;
    }
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      request.body = Buffer.concat(chunks).toString('utf8');
      answer(method === 'OPTIONS' || !processes ? Promise.resolve(undefined) : new Promise<MockResponse>((resolve) => resolve(mock.handle(request))));
    });
  }

  const server = createServer(onRequest);
  // A malformed request must not crash the process hosting the mock.
  server.on('clientError', (_error, socket) => socket.destroy());
  await new Promise<void>((resolve, reject) => {
    const onError = (cause: Error) => (ownsStore ? void objectStore.close().finally(() => reject(cause)) : reject(cause));
    server.once('error', onError);
    server.listen(options.port ?? 0, '127.0.0.1', () => {
      server.off('error', onError);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  url = `http://127.0.0.1:${port}`;

  let closing: Promise<void> | undefined;
  const result: MockServer = {
    provider,
    url,
    apiKey: resolved.apiKey,
    assets: mock.assets,
    stats,
    objectStore,
    expireTokens: () => mock.expireTokens(),
    upload: (assetId) => mock.upload?.(assetId),
    inspect: () => mock.inspect?.() ?? { created: [], openSessions: 0 },
    close: () =>
      (closing ??= new Promise<void>((resolve) => {
        closed = true;
        for (const timer of timers) clearTimeout(timer);
        timers.clear();
        server.close(() => (ownsStore ? objectStore.close().then(resolve) : resolve()));
        // Stalled and keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      })),
  };
  if (provider === 'tenovos') {
    result.username = resolved.username;
    result.password = resolved.password;
  }
  return result;
}
