// Spec conformance of real client traffic: every request the generated clients
// send through the unified layer, and every response they receive from the mocks,
// checked against the specs with a JSON Schema validator (Ajv, via the mock's spec validator).
import { createSpecValidator, type SpecValidator } from '@assetkit/mock/spec-validator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAssetClient, type Provider } from '../src/index.js';
import { closeMocks, collect, mockConfig, startMocks, type Mocks } from './helpers.js';

interface Exchange {
  provider: Provider;
  method: string;
  url: URL;
  requestBody: string | undefined;
  status: number;
  responseBody: string;
}

const specDir = new URL('../../../specs/', import.meta.url);
let mocks: Mocks;
const validators = {} as Record<Provider, SpecValidator>;
const traffic: Exchange[] = [];

/** A fetch that records every exchange; it still talks HTTP to the real mock. */
const recordingFetch =
  (provider: Provider): typeof fetch =>
  async (input, init) => {
    const request = new Request(input, init);
    const requestBody = request.body ? await request.clone().text() : undefined;
    const response = await fetch(request);
    const responseBody = await response.clone().text();
    traffic.push({ provider, method: request.method, url: new URL(request.url), requestBody, status: response.status, responseBody });
    return response;
  };

/** The spec path template and operation a concrete path belongs to. */
function operationOf(spec: Record<string, any>, base: string, method: string, pathname: string) {
  const path = pathname.slice(new URL(base).pathname.replace(/\/$/, '').length);
  for (const [template, item] of Object.entries(spec.paths as Record<string, any>)) {
    const pattern = new RegExp(`^${template.replace(/\{[^}]+\}/g, '[^/]+')}$`);
    if (pattern.test(path) && item[method.toLowerCase()]) return { template, operation: item[method.toLowerCase()] };
  }
  return undefined;
}

/** Query parameters: declared by the operation, and of the declared type, range and enum. */
function queryProblems(operation: Record<string, any>, spec: Record<string, any>, query: URLSearchParams): string[] {
  const problems: string[] = [];
  const resolve = (s: any) => (s?.$ref ? s.$ref.split('/').slice(1).reduce((n: any, k: string) => n[k], spec) : s);
  // Parameters may be shared components ($ref), as TwelveLabs' paging ones are.
  const params = (operation.parameters ?? []).map(resolve).filter((p: any) => p.in === 'query');
  for (const name of new Set(query.keys())) {
    const param = params.find((p: any) => p.name === name);
    if (!param) {
      problems.push(`undeclared query parameter ${name}`);
      continue;
    }
    const schema = resolve(param.schema);
    const item = schema.type === 'array' ? resolve(schema.items) : schema;
    const values = query.getAll(name);
    if (schema.type !== 'array' && values.length > 1) problems.push(`${name} repeated but not an array`);
    for (const value of values) {
      if (item.type === 'integer') {
        const n = Number(value);
        if (!Number.isInteger(n)) problems.push(`${name}=${value} is not an integer`);
        if (item.minimum !== undefined && n < item.minimum) problems.push(`${name}=${value} < ${item.minimum}`);
        if (item.maximum !== undefined && n > item.maximum) problems.push(`${name}=${value} > ${item.maximum}`);
      }
      if (item.type === 'boolean' && value !== 'true' && value !== 'false') problems.push(`${name}=${value} is not a boolean`);
      if (item.enum && !item.enum.includes(value)) problems.push(`${name}=${value} not in ${item.enum.join('|')}`);
    }
  }
  for (const p of params.filter((p: any) => p.required)) if (!query.has(p.name)) problems.push(`missing required ${p.name}`);
  return problems;
}

beforeAll(async () => {
  mocks = await startMocks({ assets: 150, seed: 5 });
  for (const p of ['twelvelabs', 'rendernet', 'tenovos'] as const) validators[p] = createSpecValidator(new URL(`${p}.yaml`, specDir));
});
afterAll(() => closeMocks(mocks));

describe('spec conformance of client traffic', () => {
  it('every request and response of a representative session matches the specs', async () => {
    const config = mockConfig(mocks);
    const client = createAssetClient({
      twelvelabs: { ...config.twelvelabs, fetch: recordingFetch('twelvelabs') },
      rendernet: { ...config.rendernet, fetch: recordingFetch('rendernet') },
      tenovos: { ...config.tenovos!, fetch: recordingFetch('tenovos') },
    });
    const tlIds = (mocks.twelvelabs.assets as { _id: string }[]).map((a) => a._id);
    await collect(client.list({ pageSize: 50 }));
    await collect(client.list({ kinds: ['video', 'audio'], pageSize: 7 }));
    await collect(client.list({ ids: tlIds.slice(0, 9), pageSize: 3 }));
    for (const ref of [`twelvelabs:${tlIds[4]}`, `rendernet:${(mocks.rendernet.assets[4] as { id: string }).id}`, `tenovos:${(mocks.tenovos.assets[4] as { assetId: string }).assetId}`]) {
      await client.get(ref);
    }
    mocks.tenovos.expireTokens(); // forces a refresh through the token operation
    await client.get(`tenovos:${(mocks.tenovos.assets[5] as { assetId: string }).assetId}`);
    for (const ref of ['twelvelabs:missing', 'rendernet:missing', 'tenovos:missing']) await client.get(ref).catch(() => undefined);
    const wrongKey = createAssetClient({ twelvelabs: { ...config.twelvelabs, apiKey: 'not-the-key', fetch: recordingFetch('twelvelabs') } });
    await wrongKey.get(`twelvelabs:${tlIds[0]}`).catch(() => undefined);

    const violations: string[] = [];
    for (const x of traffic) {
      const spec = validators[x.provider].spec as Record<string, any>;
      const where = `${x.provider} ${x.method} ${x.url.pathname}${x.url.search} -> ${x.status}`;
      const op = operationOf(spec, mocks[x.provider].url, x.method, x.url.pathname);
      if (!op) {
        violations.push(`${where}: no such operation in the spec`);
        continue;
      }
      violations.push(...queryProblems(op.operation, spec, x.url.searchParams).map((p) => `${where}: ${p}`));
      if (x.requestBody !== undefined) {
        violations.push(...validators[x.provider].validateRequestBody(x.method, op.template, JSON.parse(x.requestBody)).map((e) => `${where}: request ${e}`));
      }
      violations.push(...validators[x.provider].validateResponse(x.method, op.template, x.status, JSON.parse(x.responseBody)).map((e) => `${where}: response ${e}`));
    }
    expect(violations).toEqual([]);
    // the session covered what it claims to
    const statuses = new Set(traffic.map((x) => `${x.provider}:${x.status}`));
    for (const s of ['twelvelabs:200', 'twelvelabs:404', 'twelvelabs:401', 'rendernet:200', 'rendernet:404', 'tenovos:200', 'tenovos:403']) expect(statuses).toContain(s);
    expect(traffic.filter((x) => x.url.pathname.endsWith('/auth/token')).length).toBe(2);
  });

  it('every example in every spec validates against its schema', () => {
    for (const p of ['twelvelabs', 'rendernet', 'tenovos'] as const) expect(validators[p].validateExamples()).toEqual([]);
  });
});
