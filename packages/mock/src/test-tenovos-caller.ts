/** Shared helpers of the Tenovos mock tests: a logged-in caller whose every request and response is checked against the spec. */
import { expect } from 'vitest';
import type { TenovosAsset } from './data/tenovos-assets.js';
import { startMockServer } from './start-mock-server.js';
import { call, validatorFor, type Answer } from './test-client.js';
import type { MockOptions, MockServer } from './types.js';

export interface Caller {
  mock: MockServer;
  headers: Record<string, string>;
  /**
   * Calls `template` (the spec's path key) with `path`; the response, and unless `checkRequest` is false
   * (tests of bodies the spec forbids) the request body, are validated against the spec.
   */
  send<T = any>(method: string, template: string, path: string, body?: unknown, headers?: Record<string, string>, checkRequest?: boolean): Promise<Answer<T>>;
  search(body?: Record<string, unknown>): Promise<{ hitCount: number; result: any[]; facets?: unknown[] }>;
  get(id: string): Promise<Answer<{ data: TenovosAsset; message: string }>>;
  /** A valid create body: the data set's templates, one named attribute. */
  createBody(extra?: Record<string, unknown>): Record<string, unknown>;
}

export async function startTenovos(options: MockOptions = {}): Promise<Caller> {
  const mock = await startMockServer('tenovos', { assets: 40, ...options });
  const token = await call<{ session: { authorization: string; accessToken: string } }>(mock, {
    method: 'POST',
    template: '/auth/token',
    path: '/auth/token',
    headers: { 'X-API-Key': mock.apiKey },
    body: { username: mock.username, password: mock.password },
  });
  const headers = { 'X-API-Key': mock.apiKey, Authorization: token.body.session.authorization, AccessToken: token.body.session.accessToken };
  const v = validatorFor('tenovos');
  const caller: Caller = {
    mock,
    headers,
    async send(method, template, path, body, extra, checkRequest = true) {
      if (body !== undefined && typeof body !== 'string' && checkRequest) expect(v.validateRequestBody(method, template, body)).toEqual([]);
      return call(mock, { method, template, path, headers: { ...headers, ...extra }, body });
    },
    async search(body = {}) {
      const answer = await caller.send('POST', '/search/keyword', '/search/keyword', body);
      expect(answer.status).toBe(200);
      return answer.body;
    },
    get: (id) => caller.send('GET', '/assets/asset/{id}', `/assets/asset/${encodeURIComponent(id)}`),
    createBody(extra = {}) {
      const sample = mock.assets[0] as TenovosAsset;
      return {
        filename: 'launch-film.mp4',
        metadataTemplateId: sample.metadataTemplateId,
        securityTemplateIds: sample.securityTemplateIds,
        metadata: [],
        ...extra,
      };
    },
  };
  return caller;
}

/** PUTs bytes to a presigned URL; returns the ETag. */
export async function put(url: string, bytes: Uint8Array): Promise<string> {
  const res = await fetch(url, { method: 'PUT', body: new Uint8Array(bytes) });
  expect(res.status).toBe(200);
  await res.arrayBuffer();
  return res.headers.get('etag')!;
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
