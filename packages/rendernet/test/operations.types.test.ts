// Compile-time tests of every operation of the generated client: path, method,
// parameters, body and response types. `pnpm typecheck` fails if the spec or the
// generator changes any of them; vitest runs the file too, so a wrong
// `expectTypeOf` also fails there. The calls sit in functions that are never
// invoked: only their types matter.
import { describe, expectTypeOf, it } from 'vitest';
import { createRenderNetClient, type Asset, type AssetStatus, type AssetType, type AssetV1, type Dimensions, type ErrorDetail, type operations, type paths } from '../src/index.js';

type Status = 'active' | 'archive' | 'pending' | 'censored' | 'processing';
type Kind = 'image' | 'audio' | 'video';
const client = () => createRenderNetClient({ apiKey: 'k' });

describe('RenderNet operations at compile time', () => {
  it('exposes exactly the five asset operations, each under its method', () => {
    expectTypeOf<keyof paths>().toEqualTypeOf<'/pub/v2/assets' | '/pub/v2/assets/{asset_id}' | '/pub/v2/assets/upload' | '/pub/v1/assets/upload' | '/pub/v1/assets/archive'>();
    expectTypeOf<keyof operations>().toEqualTypeOf<'listAssets' | 'getAsset' | 'uploadAsset' | 'uploadAssetV1' | 'archiveAssets'>();
    expectTypeOf<paths['/pub/v2/assets']['get']>().toEqualTypeOf<operations['listAssets']>();
    expectTypeOf<paths['/pub/v2/assets/{asset_id}']['get']>().toEqualTypeOf<operations['getAsset']>();
    expectTypeOf<paths['/pub/v2/assets/upload']['post']>().toEqualTypeOf<operations['uploadAsset']>();
    expectTypeOf<paths['/pub/v1/assets/upload']['post']>().toEqualTypeOf<operations['uploadAssetV1']>();
    expectTypeOf<paths['/pub/v1/assets/archive']['post']>().toEqualTypeOf<operations['archiveAssets']>();
    // No other methods on these paths.
    expectTypeOf<paths['/pub/v2/assets']['post']>().toEqualTypeOf<undefined>();
    expectTypeOf<paths['/pub/v2/assets/{asset_id}']['delete']>().toEqualTypeOf<undefined>();
    expectTypeOf<paths['/pub/v1/assets/archive']['get']>().toEqualTypeOf<undefined>();
  });

  it('getAsset: GET /pub/v2/assets/{asset_id}, a required string id, the asset in data', () => {
    expectTypeOf<operations['getAsset']['parameters']['path']>().toEqualTypeOf<{ asset_id: string }>();
    async function typed() {
      const { data } = await client().GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: 'ast_1' } } });
      expectTypeOf(data!.data).toEqualTypeOf<Asset>();
      expectTypeOf(data!.data.status).toEqualTypeOf<Status | undefined>();
      expectTypeOf(data!.data.type).toEqualTypeOf<Kind | undefined>();
      expectTypeOf(data!.data.size).toEqualTypeOf<Dimensions | undefined>();
      expectTypeOf(data!.data.duration).toEqualTypeOf<number | undefined>();
      expectTypeOf(data!.err).toEqualTypeOf<ErrorDetail | undefined>();
      // @ts-expect-error: the id is required
      await client().GET('/pub/v2/assets/{asset_id}', { params: { path: {} } });
      // @ts-expect-error: ids are strings
      await client().GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: 1 } } });
      // @ts-expect-error: get has no body
      await client().GET('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: 'a' } }, body: {} });
    }
    void typed;
  });

  it('listAssets: GET /pub/v2/assets, optional page and page_size, data[] and optional pagination', () => {
    expectTypeOf<NonNullable<operations['listAssets']['parameters']['query']>>().toEqualTypeOf<{ page?: number; page_size?: number }>();
    async function typed() {
      const { data } = await client().GET('/pub/v2/assets', { params: { query: { page: 2, page_size: 50 } } });
      expectTypeOf(data!.data).toEqualTypeOf<Asset[]>();
      // Optional on purpose (inferred: RN-C11): consumers must handle its absence.
      expectTypeOf(data!.pagination).toEqualTypeOf<{ page: number; page_size: number; total: number } | undefined>();
      await client().GET('/pub/v2/assets');
      // @ts-expect-error: page is a number
      await client().GET('/pub/v2/assets', { params: { query: { page: '2' } } });
      // @ts-expect-error: no such filter
      await client().GET('/pub/v2/assets', { params: { query: { type: 'video' } } });
    }
    void typed;
  });

  it('uploadAsset: POST /pub/v2/assets/upload, optional `type` query and `size` body, 201 with id and upload_url', () => {
    expectTypeOf<NonNullable<operations['uploadAsset']['parameters']['query']>>().toEqualTypeOf<{ type?: AssetType }>();
    expectTypeOf<NonNullable<operations['uploadAsset']['requestBody']>['content']['application/json']>().toEqualTypeOf<{ size?: Dimensions }>();
    expectTypeOf<keyof operations['uploadAsset']['responses']>().toEqualTypeOf<201 | 400 | 401 | 429 | '5XX'>();
    async function typed() {
      const { data } = await client().POST('/pub/v2/assets/upload', { params: { query: { type: 'video' } }, body: { size: { height: 720, width: 1280 } } });
      expectTypeOf(data!.data.id).toEqualTypeOf<string>();
      expectTypeOf(data!.data.upload_url).toEqualTypeOf<string>();
      expectTypeOf(data!.data.type).toEqualTypeOf<Kind | undefined>();
      await client().POST('/pub/v2/assets/upload', {});
      // @ts-expect-error: not an asset type
      await client().POST('/pub/v2/assets/upload', { params: { query: { type: 'document' } } });
      // @ts-expect-error: size needs both height and width
      await client().POST('/pub/v2/assets/upload', { body: { size: { height: 1 } } });
    }
    void typed;
  });

  it('uploadAssetV1: POST /pub/v1/assets/upload, no query, 201 with the v1 asset and upload_url', () => {
    expectTypeOf<operations['uploadAssetV1']['parameters']['query']>().toEqualTypeOf<undefined>();
    expectTypeOf<keyof operations['uploadAssetV1']['responses']>().toEqualTypeOf<201 | 400 | 401 | 429 | '5XX'>();
    async function typed() {
      const { data } = await client().POST('/pub/v1/assets/upload', { body: { size: { height: 512, width: 512 } } });
      expectTypeOf(data!.data.asset).toEqualTypeOf<AssetV1>();
      expectTypeOf(data!.data.asset.tags).toEqualTypeOf<string[] | undefined>();
      expectTypeOf(data!.data.asset.data).toEqualTypeOf<{ size?: Dimensions; url?: string } | undefined>();
      expectTypeOf(data!.data.upload_url).toEqualTypeOf<string>();
      // @ts-expect-error: v1 has no type parameter
      await client().POST('/pub/v1/assets/upload', { params: { query: { type: 'image' } } });
    }
    void typed;
  });

  it('archiveAssets: POST /pub/v1/assets/archive, a required body with ids, the archived v1 assets in data', () => {
    expectTypeOf<operations['archiveAssets']['requestBody']['content']['application/json']>().toEqualTypeOf<{ ids: string[] }>();
    expectTypeOf<keyof operations['archiveAssets']['responses']>().toEqualTypeOf<200 | 400 | 401 | 404 | 429 | '5XX'>();
    async function typed() {
      const { data } = await client().POST('/pub/v1/assets/archive', { body: { ids: ['ast_1'] } });
      expectTypeOf(data!.data).toEqualTypeOf<AssetV1[]>();
      expectTypeOf(data!.data[0]!.status).toEqualTypeOf<AssetStatus | undefined>();
      // @ts-expect-error: the body is required
      await client().POST('/pub/v1/assets/archive', {});
      // @ts-expect-error: ids is required
      await client().POST('/pub/v1/assets/archive', { body: {} });
      // @ts-expect-error: ids are strings
      await client().POST('/pub/v1/assets/archive', { body: { ids: [1] } });
    }
    void typed;
  });

  it('rejects paths and methods the spec does not have', () => {
    async function typed() {
      // @ts-expect-error: no such path
      await client().GET('/pub/v1/assets', {});
      // @ts-expect-error: upload is POST only
      await client().GET('/pub/v2/assets/upload', {});
      // @ts-expect-error: no delete operation
      await client().DELETE('/pub/v2/assets/{asset_id}', { params: { path: { asset_id: 'a' } } });
    }
    void typed;
  });
});
