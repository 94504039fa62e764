// Spec conformance of the TwelveLabs mock, operation by operation: one session
// calls every operation of specs/twelvelabs.yaml (successes and errors), and
// every request (path, query, body) and response is checked against the spec.
// The session must cover all operations, so a new spec operation fails here
// until the mock serves it.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TwelveLabsAsset } from './data/twelvelabs-assets.js';
import { startMockServer } from './start-mock-server.js';
import { validatorFor } from './test-client.js';
import type { MockServer } from './types.js';

interface Exchange {
  method: string;
  template: string;
  url: URL;
  body?: unknown;
  form?: Record<string, unknown>;
  status: number;
  response: unknown;
}

type Json = Record<string, any>;
const spec = () => validatorFor('twelvelabs').spec as Json;

function deref(node: Json): Json {
  let n = node;
  while (n && typeof n.$ref === 'string') n = n.$ref.slice(2).split('/').reduce((o: Json, k: string) => o[k.replace(/~1/g, '/').replace(/~0/g, '~')], spec());
  return n;
}

/** Every (method, path template) pair the spec declares. */
function specOperations(): string[] {
  const out: string[] = [];
  for (const [path, item] of Object.entries(spec().paths as Json)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete']) if (item[method]) out.push(`${method.toUpperCase()} ${path}`);
  }
  return out.sort();
}

/** Problems of a request's path and query against the operation's parameters. */
function requestProblems(x: Exchange): string[] {
  const item = spec().paths[x.template] as Json;
  const op = item[x.method.toLowerCase()] as Json;
  const params = [...(item.parameters ?? []), ...(op.parameters ?? [])].map(deref);
  const problems: string[] = [];
  const pattern = new RegExp(`^${x.template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
  if (!pattern.test(x.url.pathname)) problems.push(`path ${x.url.pathname} does not match ${x.template}`);
  for (const name of new Set(x.url.searchParams.keys())) {
    const p = params.find((q) => q.in === 'query' && q.name === name);
    if (!p) {
      problems.push(`undeclared query parameter ${name}`);
      continue;
    }
    const schema = deref(p.schema);
    const item = schema.type === 'array' ? deref(schema.items) : schema;
    const values = x.url.searchParams.getAll(name);
    if (schema.type !== 'array' && values.length > 1) problems.push(`${name} repeated`);
    for (const v of values) {
      if (item.type === 'integer' && !/^-?\d+$/.test(v)) problems.push(`${name}=${v} not an integer`);
      if (item.type === 'boolean' && v !== 'true' && v !== 'false') problems.push(`${name}=${v} not a boolean`);
      if (item.enum && !item.enum.includes(v)) problems.push(`${name}=${v} not in ${item.enum.join('|')}`);
    }
  }
  return problems;
}

describe('TwelveLabs mock: every operation conforms to the spec', () => {
  let mock: MockServer;
  const traffic: Exchange[] = [];

  async function send(method: string, template: string, path: string, init: { body?: unknown; form?: Record<string, string>; file?: Uint8Array<ArrayBuffer>; key?: string } = {}) {
    let body: BodyInit | undefined;
    const headers: Record<string, string> = { 'x-api-key': init.key ?? mock.apiKey };
    if (init.form) {
      const form = new FormData();
      for (const [k, v] of Object.entries(init.form)) form.append(k, v);
      if (init.file) form.append('file', new Blob([init.file]), 'upload.mp4');
      body = form;
    } else if (init.body !== undefined) {
      body = JSON.stringify(init.body);
      headers['content-type'] = 'application/json';
    }
    const res = await fetch(mock.url + path, { method, headers, body });
    const text = await res.text();
    const response = text === '' ? undefined : JSON.parse(text);
    const form = init.form && { ...init.form, ...(init.file && { file: 'binary' }) };
    if (form) for (const f of ['enable_hls', 'enable_thumbnail']) if (f in form) (form as Json)[f] = (form as Json)[f] === 'true';
    traffic.push({ method, template, url: new URL(mock.url + path), body: init.body, form, status: res.status, response });
    return { status: res.status, body: response as Json };
  }

  beforeAll(async () => {
    mock = await startMockServer('twelvelabs', { assets: 60, seed: 4, processing: { delayMs: 0 }, uploads: { chunkSize: 16 * 1024 } });
  });
  afterAll(() => mock?.close());

  it('a session over all operations: every request and response matches the spec', async () => {
    const seeded = mock.assets as TwelveLabsAsset[];
    const video = seeded.find((a) => a.status === 'ready' && a.file_type.startsWith('video/'))!;
    const A = '/assets';
    const ONE = '/assets/{asset_id}';
    const META = '/assets/{asset_id}/user-metadata';
    // assets
    const created = await send('POST', A, A, { form: { method: 'direct', enable_hls: 'true', user_metadata: '{"k":"v"}' }, file: new Uint8Array(3000) });
    await send('POST', A, A, { form: { method: 'url', url: 'https://example.com/a.pdf', enable_thumbnail: 'true' } });
    await send('POST', A, A, { form: { method: 'url' } });
    await send('POST', A, A, { form: { method: 'url', url: 'https://example.com/a.mp4' }, key: 'wrong' });
    const id = created.body._id as string;
    await send('GET', A, '/assets?page=1&page_limit=20&asset_types=video&asset_types=document&filename=up');
    await send('GET', A, `/assets?asset_ids=${id}&asset_ids=${video._id}`);
    await send('GET', A, '/assets?page_limit=99');
    await send('GET', ONE, `/assets/${id}`);
    await send('GET', ONE, `/assets/${video._id}`);
    await send('GET', ONE, '/assets/000000000000000000000000');
    await send('PATCH', META, `/assets/${id}/user-metadata`, { body: { user_metadata: { a: 1, k: null } } });
    await send('PUT', META, `/assets/${id}/user-metadata`, { body: { user_metadata: { b: true } } });
    await send('DELETE', META, `/assets/${id}/user-metadata`);
    await send('PATCH', META, '/assets/000000000000000000000000/user-metadata', { body: { user_metadata: {} } });
    await send('GET', '/assets/{asset_id}/transcription', `/assets/${video._id}/transcription?include=words&include=utterances`);
    await send('GET', '/assets/{asset_id}/transcription', `/assets/${id}/transcription?include=sentences`);
    await send('GET', '/assets/{asset_id}/transcription', `/assets/${video._id}/transcription?include=chapters`);
    for (const a of seeded.slice(0, 20)) await send('GET', '/assets/{asset_id}/indexed-assets', `/assets/${a._id}/indexed-assets?page_limit=5`);
    await send('GET', '/assets/{asset_id}/entities', `/assets/${video._id}/entities?page=1`);
    const blocked = traffic.find((x) => x.template === '/assets/{asset_id}/indexed-assets' && (x.response as Json).data?.length > 0);
    expect(blocked).toBeDefined();
    const blockedId = blocked!.url.pathname.split('/')[2]!;
    await send('GET', '/assets/{asset_id}/entities', `/assets/${blockedId}/entities`);
    await send('DELETE', ONE, `/assets/${blockedId}`);
    await send('DELETE', ONE, `/assets/${blockedId}?force=true`);
    await send('DELETE', ONE, `/assets/${id}?force=false`);
    await send('DELETE', ONE, `/assets/${id}`);
    // multipart
    const S = '/assets/multipart-uploads';
    const size = 16 * 1024 * 3 + 10;
    const session = await send('POST', S, S, { body: { filename: 'm.mp4', type: 'video', total_size: size, enable_thumbnail: true, user_metadata: { x: 1 } } });
    await send('POST', S, S, { body: { filename: 'm.mp4', type: 'video', total_size: 0 } });
    await send('GET', S, `${S}?page=1&page_limit=10`);
    const u = session.body.upload_id as string;
    const more = await send('POST', `${S}/{upload_id}/presigned-urls`, `${S}/${u}/presigned-urls`, { body: { start: 1, count: 4 } });
    await send('POST', `${S}/{upload_id}/presigned-urls`, `${S}/${u}/presigned-urls`, { body: { start: 1, count: 51 } });
    const chunks = [];
    for (const { chunk_index, url } of more.body.upload_urls as Array<{ chunk_index: number; url: string }>) {
      const part = new Uint8Array(chunk_index < 4 ? 16 * 1024 : 10).fill(chunk_index);
      const res = await fetch(url, { method: 'PUT', body: part });
      chunks.push({ chunk_index, proof: res.headers.get('etag')!.replace(/"/g, ''), proof_type: 'etag', chunk_size: part.length });
    }
    await send('POST', `${S}/{upload_id}`, `${S}/${u}`, { body: { completed_chunks: chunks.slice(0, 2) } });
    await send('GET', `${S}/{upload_id}`, `${S}/${u}?page=1&page_limit=2`);
    await send('POST', `${S}/{upload_id}`, `${S}/${u}`, { body: { completed_chunks: chunks } });
    await send('GET', `${S}/{upload_id}`, `${S}/${u}`);
    await send('GET', `${S}/{upload_id}`, `${S}/missing`);
    await send('GET', ONE, `/assets/${session.body.asset_id}`);

    const validator = validatorFor('twelvelabs');
    const violations: string[] = [];
    for (const x of traffic) {
      const where = `${x.method} ${x.url.pathname}${x.url.search} -> ${x.status}`;
      // Requests meant to be refused (4xx) break the spec on purpose; the rest must not.
      if (x.status < 400) violations.push(...requestProblems(x).map((p) => `${where}: ${p}`));
      if (x.body !== undefined && x.status < 400) violations.push(...validator.validateRequestBody(x.method, x.template, x.body).map((e) => `${where}: ${e}`));
      if (x.form && x.status < 400) violations.push(...validator.validateSchema('CreateAssetForm', x.form).map((e) => `${where}: ${e}`));
      violations.push(...validator.validateResponse(x.method, x.template, x.status, x.response).map((e) => `${where}: ${e}`));
    }
    expect(violations).toEqual([]);
    // Coverage: every operation of the spec was called and answered with a success.
    const succeeded = new Set(traffic.filter((x) => x.status < 300).map((x) => `${x.method} ${x.template}`));
    expect([...succeeded].sort()).toEqual(specOperations());
    const statuses = new Set(traffic.map((x) => x.status));
    for (const s of [200, 201, 204, 400, 401, 404, 409]) expect(statuses).toContain(s);
  });
});
