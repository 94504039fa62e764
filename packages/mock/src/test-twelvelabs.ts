/**
 * Test helper for the TwelveLabs mock: one call per spec operation, with the
 * request body checked against the spec before sending and the response
 * checked against the schema declared for its status.
 */
import { expect } from 'vitest';
import { validatorFor } from './test-client.js';
import type { MockServer } from './types.js';

/** A TwelveLabs list answer. */
export interface TlPage<T> {
  data: T[];
  page_info: { limit_per_page: number; page: number; total_page: number; total_results: number };
}
/** A TwelveLabs error answer (its `docs_url` aside). */
export interface TlError {
  code: string;
  message: string;
}

export interface TlAnswer<T> {
  status: number;
  headers: Headers;
  body: T;
}

const validator = () => validatorFor('twelvelabs');

async function finish<T>(method: string, template: string, response: Response): Promise<TlAnswer<T>> {
  const text = await response.text();
  const body = (text === '' ? undefined : JSON.parse(text)) as T;
  expect(validator().validateResponse(method, template, response.status, body)).toEqual([]);
  return { status: response.status, headers: response.headers, body };
}

/** A JSON (or body-less) call; `template` is the spec's path key. */
export async function tl<T = unknown>(mock: MockServer, method: string, template: string, path: string, body?: unknown, headers: Record<string, string> = {}): Promise<TlAnswer<T>> {
  if (body !== undefined && !headers['x-skip-request-check']) expect(validator().validateRequestBody(method, template, body)).toEqual([]);
  const { 'x-skip-request-check': _skip, ...sent } = headers;
  const response = await fetch(mock.url + path, {
    method,
    headers: { 'x-api-key': mock.apiKey, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...sent },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return finish<T>(method, template, response);
}

/** `POST /assets` with form fields (checked against CreateAssetForm) and an optional file. */
export async function createAsset<T = unknown>(mock: MockServer, fields: Record<string, string>, file?: { name: string; bytes: Uint8Array<ArrayBuffer>; type?: string }, options: { check?: boolean; apiKey?: string } = {}): Promise<TlAnswer<T>> {
  if (options.check !== false) {
    const asSchema: Record<string, unknown> = { ...fields, ...(file && { file: 'binary' }) };
    for (const flag of ['enable_hls', 'enable_thumbnail']) if (flag in asSchema) asSchema[flag] = asSchema[flag] === 'true';
    expect(validator().validateSchema('CreateAssetForm', asSchema)).toEqual([]);
  }
  const form = new FormData();
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('file', new Blob([file.bytes], { type: file.type ?? 'application/octet-stream' }), file.name);
  const response = await fetch(`${mock.url}/assets`, { method: 'POST', headers: { 'x-api-key': options.apiKey ?? mock.apiKey }, body: form });
  return finish<T>('POST', '/assets', response);
}
