// Compile-time tests of every operation's generated call: path, method,
// parameters, body and response. `pnpm typecheck` fails if any drifts; the
// runtime part only checks that the file loads (the calls are never sent).
import { describe, expectTypeOf, it } from 'vitest';
import type { paths } from '../src/index.js';
import { createTenovosClient, type CreateAssetResponse, type MultipartUpload, type SearchAsset, type SingleUpload } from '../src/index.js';

type Body<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { requestBody: { content: { 'application/json': infer B } } } ? B : never;
type Ok<P extends keyof paths, M extends keyof paths[P]> = paths[P][M] extends { responses: { 200: { content: { 'application/json': infer R } } } } ? R : never;

const client = createTenovosClient({ apiKey: 'k', username: 'u', password: 'p' });
const never = Math.random() > 2; // the calls below are type-checked, never sent

describe('operation types', () => {
  it('POST /search/keyword: offset paging, query fields, SearchAsset results', () => {
    expectTypeOf<Body<'/search/keyword', 'post'>>().toHaveProperty('from').toEqualTypeOf<number | undefined>();
    expectTypeOf<Body<'/search/keyword', 'post'>>().toHaveProperty('limit').toEqualTypeOf<number | undefined>();
    expectTypeOf<Body<'/search/keyword', 'post'>>().toHaveProperty('includeDeleted').toEqualTypeOf<boolean | undefined>();
    expectTypeOf<Body<'/search/keyword', 'post'>>().toHaveProperty('keywordSearchField').toEqualTypeOf<'filename' | 'assetId' | 'metadata' | 'content' | undefined>();
    expectTypeOf<Ok<'/search/keyword', 'post'>['result']>().toEqualTypeOf<SearchAsset[]>();
    expectTypeOf<Ok<'/search/keyword', 'post'>['hitCount']>().toEqualTypeOf<number>();
    expectTypeOf<SearchAsset['currentVersion']>().toEqualTypeOf<'Y' | 'N' | undefined>();
    if (never) {
      void client.POST('/search/keyword', { body: { from: 0, limit: 50, searchTerm: ['*'], sortBy: [{ metadataDefinitionSearchField: 'createdEpoch', order: 'desc' }] } });
      // @ts-expect-error: operation is AND or OR
      void client.POST('/search/keyword', { body: { operation: 'XOR' } });
      // @ts-expect-error: search is a POST, not a GET
      void client.GET('/search/keyword', {});
    }
  });

  it('POST /asset/scan: cursor in, cursor out', () => {
    expectTypeOf<Body<'/asset/scan', 'post'>>().toHaveProperty('cursor').toEqualTypeOf<string | undefined>();
    expectTypeOf<Ok<'/asset/scan', 'post'>['cursor']>().toEqualTypeOf<string | undefined>();
    expectTypeOf<Ok<'/asset/scan', 'post'>['result']>().toEqualTypeOf<SearchAsset[]>();
    if (never) {
      // @ts-expect-error: includeDeleted is a boolean
      void client.POST('/asset/scan', { body: { includeDeleted: 'yes' } });
    }
  });

  it('POST /asset: required fields, filesize, and a single-or-multipart answer', () => {
    type B = Body<'/asset', 'post'>;
    expectTypeOf<B['filename']>().toEqualTypeOf<string>();
    expectTypeOf<B['securityTemplateIds']>().toEqualTypeOf<string[]>();
    expectTypeOf<B['filesize']>().toEqualTypeOf<number | undefined>();
    expectTypeOf<Ok<'/asset', 'post'>>().toEqualTypeOf<CreateAssetResponse>();
    expectTypeOf<CreateAssetResponse>().toEqualTypeOf<SingleUpload | MultipartUpload>();
    expectTypeOf<SingleUpload['url']>().toEqualTypeOf<string>();
    expectTypeOf<MultipartUpload['urls'][number]>().toEqualTypeOf<{ partNumber: number; url: string }>();
    if (never) {
      // @ts-expect-error: securityTemplateIds is required
      void client.POST('/asset', { body: { filename: 'a.jpg', metadataTemplateId: 't', metadata: null } });
    }
  });

  it('POST /asset/complete: action complete | cancel, parts with ETags', () => {
    type B = Body<'/asset/complete', 'post'>;
    expectTypeOf<B['action']>().toEqualTypeOf<'complete' | 'cancel'>();
    expectTypeOf<NonNullable<B['parts']>[number]>().toEqualTypeOf<{ partNumber: number; etag: string }>();
    expectTypeOf<Ok<'/asset/complete', 'post'>['s3Key']>().toEqualTypeOf<string | undefined>();
    if (never) {
      // @ts-expect-error: abort is not an action
      void client.POST('/asset/complete', { body: { fileId: 'f', uploadId: 'u', action: 'abort' } });
    }
  });

  it('PATCH /asset/{id}: path id, metadata by definition id, security templates', () => {
    type B = Body<'/asset/{id}', 'patch'>;
    expectTypeOf<NonNullable<B['metadata']>[number]['metadataDefinitionId']>().toEqualTypeOf<string>();
    expectTypeOf<B['securityTemplateIds']>().toEqualTypeOf<string[] | undefined>();
    expectTypeOf<Ok<'/asset/{id}', 'patch'>['status']>().toEqualTypeOf<string>();
    if (never) {
      void client.PATCH('/asset/{id}', { params: { path: { id: 'a' } }, body: { metadata: [{ metadataDefinitionId: 'd', metadataDefinitionValue: { valueId: 'v' } }] } });
      // @ts-expect-error: the path id is required
      void client.PATCH('/asset/{id}', { body: {} });
    }
  });

  it('POST /asset/{id}/delete: delete | undelete, deleteType full; data is a JSON string', () => {
    type B = Body<'/asset/{id}/delete', 'post'>;
    expectTypeOf<B>().toEqualTypeOf<{ action: 'delete' | 'undelete'; deleteType: 'full' }>();
    expectTypeOf<Ok<'/asset/{id}/delete', 'post'>['data']>().toEqualTypeOf<string | undefined>();
    if (never) {
      // @ts-expect-error: purge does not exist in 1.5
      void client.POST('/asset/{id}/delete', { params: { path: { id: 'a' } }, body: { action: 'purge', deleteType: 'full' } });
    }
  });

  it('GET /asset/{id}/content: a presigned URL', () => {
    expectTypeOf<Ok<'/asset/{id}/content', 'get'>>().toEqualTypeOf<{ presignedURL: string }>();
    expectTypeOf<paths['/asset/{id}/content']['get']['parameters']['path']>().toEqualTypeOf<{ id: string }>();
  });

  it('GET /assets/asset/{id} and POST /auth/token keep their shapes', () => {
    expectTypeOf<paths['/assets/asset/{id}']['get']['parameters']['query']>().toEqualTypeOf<{ empty?: boolean; system?: boolean } | undefined>();
    expectTypeOf<Ok<'/auth/token', 'post'>['session']['expireEpoch']>().toEqualTypeOf<number>();
  });
});
