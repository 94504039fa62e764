// The types say what happens at run time (issue #10, behaviour 6): calls throw typed errors, so on
// success `data` is defined and there is no `error` member. Checked by `pnpm typecheck` (this file is
// compiled with the package) and run by vitest against a loopback server.
import { sendJson, startRecordingServer } from '@assetkit/mock';
import { describe, expect, expectTypeOf, it } from 'vitest';
import { createProviderClient } from './create-client.js';
import { NotFoundError } from './errors.js';
import type { TestPaths } from './test-paths.js';

describe('types and runtime agree', () => {
  it('data is defined on success, there is no error member, and failures throw', async () => {
    const server = await startRecordingServer((req, res) =>
      req.path === '/things/a1' ? sendJson(res, 200, { id: 'a1' }) : sendJson(res, 404, { message: 'no such thing' }),
    );
    try {
      const client = createProviderClient<TestPaths>(
        { provider: 'acme', displayName: 'Acme', servers: [server.url], apiKey: { header: 'x-api-key', env: 'ACME_API_KEY' } },
        { apiKey: 'sk-test-types-0123456789' },
      );
      const result = await client.GET('/things/{id}', { params: { path: { id: 'a1' } } });
      // No `data?.`: the success type is not a union with an error branch.
      expect(result.data.id).toBe('a1');
      expectTypeOf(result.data).toEqualTypeOf<{ id: string; n?: number }>();
      expectTypeOf(result.requestId).toEqualTypeOf<string | undefined>();
      // @ts-expect-error there is no error member: errors are thrown, so `if (error)` would be dead code.
      expect(result.error).toBeUndefined();
      // @ts-expect-error an unknown path does not compile
      await expect(client.GET('/nope')).rejects.toThrow();
      // @ts-expect-error a required path parameter cannot be left out
      await expect(client.GET('/things/{id}')).rejects.toThrow();
      await expect(client.GET('/things/{id}', { params: { path: { id: 'zz' } } })).rejects.toBeInstanceOf(NotFoundError);
      // parseAs changes the data type exactly as in openapi-fetch.
      const text = client.withOptions({ maxRetries: 0 }).GET('/things/{id}', { params: { path: { id: 'a1' } }, parseAs: 'text' });
      expectTypeOf(text).resolves.toHaveProperty('data').toEqualTypeOf<string>();
      expect((await text).data).toBe('{"id":"a1"}');
    } finally {
      await server.close();
    }
  });
});
