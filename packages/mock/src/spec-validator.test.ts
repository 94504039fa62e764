import { describe, expect, it } from 'vitest';
import { specPath, validatorFor } from './test-client.js';
import { createSpecValidator } from './spec-validator.js';

describe('createSpecValidator', () => {
  it.each(['twelvelabs', 'rendernet', 'tenovos'] as const)('every example in specs/%s.yaml matches its schema', (provider) => {
    expect(validatorFor(provider).validateExamples()).toEqual([]);
  });

  it('reports a body that breaks the declared schema, with the path of the problem', () => {
    const v = validatorFor('twelvelabs');
    const errors = v.validateResponse('GET', '/assets', 200, { data: [{ _id: 1, created_at: 'yesterday' }] });
    expect(errors.some((e) => e.includes('page_info'))).toBe(true);
    expect(errors.some((e) => e.includes('/data/0/_id'))).toBe(true);
    expect(errors.some((e) => e.includes('/data/0/created_at') && e.includes('format'))).toBe(true);
  });

  it('resolves $ref responses and rejects undeclared statuses and operations', () => {
    const v = validatorFor('tenovos');
    expect(v.validateResponse('GET', '/assets/asset/{id}', 403, { message: 'Asset not found' })).toEqual([]);
    expect(v.validateResponse('GET', '/assets/asset/{id}', 403, { detail: 'x' })[0]).toMatch(/message/);
    expect(v.validateResponse('GET', '/assets/asset/{id}', 404, { message: 'x' })[0]).toMatch(/not declared/);
    expect(v.validateResponse('DELETE', '/assets/asset/{id}', 200, {})[0]).toMatch(/no such operation/);
  });

  it('checks request bodies and named component schemas', () => {
    const v = validatorFor('tenovos');
    expect(v.validateRequestBody('POST', '/auth/token', { username: 'a', password: 'b' })).toEqual([]);
    expect(v.validateRequestBody('POST', '/auth/token', { username: 'a' })).not.toEqual([]);
    expect(validatorFor('rendernet').validateSchema('AssetType', 'document')).not.toEqual([]);
  });

  it('catches a spec whose example contradicts its schema', async () => {
    const { writeFileSync, mkdtempSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const dir = mkdtempSync(join(tmpdir(), 'spec-'));
    const file = join(dir, 'bad.yaml');
    writeFileSync(
      file,
      [
        'openapi: 3.1.0',
        'info: {title: t, version: "1"}',
        'paths:',
        '  /x/{id}:',
        '    get:',
        '      parameters:',
        '        - {name: id, in: path, required: true, schema: {type: string, minLength: 2}, example: "a"}',
        '      responses:',
        "        '200':",
        '          description: ok',
        '          content:',
        '            application/json:',
        '              schema: {$ref: "#/components/schemas/Size"}',
        '              examples: {one: {value: 1}, two: {value: "2"}}',
        'components:',
        '  schemas:',
        '    Size:',
        '      type: integer',
        '      examples: [3, "three"]',
      ].join('\n'),
    );
    expect(createSpecValidator(file).validateExamples()).toHaveLength(3);
    expect(specPath('twelvelabs').pathname).toMatch(/specs\/twelvelabs\.yaml$/);
  });
});
