import { describe, expect, it } from 'vitest';
import { parseErrorBody } from './error-body.js';

describe('provider error bodies', () => {
  it('reads TwelveLabs {code, message, docs_url}', () => {
    expect(parseErrorBody({ code: 'resource_not_exist', message: 'No asset', docs_url: 'https://x' })).toEqual({
      code: 'resource_not_exist',
      message: 'No asset',
      detail: undefined,
    });
  });
  it('reads RenderNet {data, err: {code, message}}', () => {
    expect(parseErrorBody({ data: null, err: { code: 'ASSET_NOT_FOUND', message: 'Asset not found' } })).toMatchObject({
      code: 'ASSET_NOT_FOUND',
      message: 'Asset not found',
    });
  });
  it('reads Tenovos {message, detail} and {status: "error", message}', () => {
    expect(parseErrorBody({ message: 'Forbidden', detail: 'no access' })).toEqual({ code: undefined, message: 'Forbidden', detail: 'no access' });
    expect(parseErrorBody({ status: 'error', message: 'Incorrect username or password.' })).toMatchObject({
      message: 'Incorrect username or password.',
    });
  });
  it('yields nothing from bodies of other shapes', () => {
    for (const body of [null, 'text', 42, [], { code: 7 }, { err: {} }]) {
      const parsed = parseErrorBody(body);
      expect(parsed.code).toBeUndefined();
      expect(parsed.message).toBeUndefined();
    }
  });
});
