/**
 * Test helper: calls a mock with plain fetch and checks every response
 * against the schema its spec declares for that operation and status.
 */
import { expect } from 'vitest';
import { createSpecValidator, type SpecValidator } from './spec-validator.js';
import type { MockServer, ProviderName } from './types.js';

const validators = new Map<ProviderName, SpecValidator>();

export function specPath(provider: ProviderName): URL {
  return new URL(`../../../specs/${provider}.yaml`, import.meta.url);
}

export function validatorFor(provider: ProviderName): SpecValidator {
  let v = validators.get(provider);
  if (!v) validators.set(provider, (v = createSpecValidator(specPath(provider))));
  return v;
}

export interface Call {
  method?: string;
  /** The spec's path key the request targets; omit for paths the spec does not have. */
  template?: string;
  path: string;
  headers?: Record<string, string>;
  body?: unknown;
}

export interface Answer<T> {
  status: number;
  headers: Headers;
  body: T;
}

export async function call<T = unknown>(mock: MockServer, request: Call): Promise<Answer<T>> {
  const method = request.method ?? 'GET';
  const response = await fetch(mock.url + request.path, {
    method,
    headers: { ...(request.body === undefined ? {} : { 'content-type': 'application/json' }), ...request.headers },
    body: request.body === undefined ? undefined : typeof request.body === 'string' ? request.body : JSON.stringify(request.body),
  });
  const text = await response.text();
  expect(response.headers.get('content-length')).toBe(String(Buffer.byteLength(text)));
  const body = (text === '' ? undefined : JSON.parse(text)) as T;
  if (request.template) {
    expect(validatorFor(mock.provider).validateResponse(method, request.template, response.status, body)).toEqual([]);
  }
  return { status: response.status, headers: response.headers, body };
}
