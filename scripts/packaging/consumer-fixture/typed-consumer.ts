// Type-checked (not run) with TypeScript 5.9 and 7 against the installed tarballs.
// Each @ts-expect-error must be a real error, or the check fails: the types are not `any`.
import type { MockServer } from '@assetkit/mock';
import { createTwelveLabsClient, type AssetMethod } from '@assetkit/twelvelabs';
import { createAssetClient, type Asset, type Provider } from '@assetkit/unified';

const tl = createTwelveLabsClient({ apiKey: 'key', baseUrl: 'http://127.0.0.1:9' });

export async function uploadKind(assetId: string): Promise<'upload' | 'link' | 'unknown'> {
  const { data } = await tl.GET('/assets/{asset_id}', { params: { path: { asset_id: assetId } } });
  if (data === undefined) return 'unknown';
  const method: AssetMethod | undefined = data.method;
  switch (method) {
    case 'direct':
    case 'multipart':
      return 'upload';
    case 'url':
    case 'connector': // imported from another service (e.g. Google Drive)
      return 'link';
    case undefined:
      return 'unknown';
    default: {
      // Exhaustive: only compiles if `method` is the spec's enum, not `string`.
      const never: never = method;
      return never;
    }
  }
}

export async function wrongCalls(): Promise<void> {
  // @ts-expect-error: no such path in the TwelveLabs spec
  await tl.GET('/asset/{asset_id}', { params: { path: { asset_id: 'x' } } });
  // @ts-expect-error: the path parameter is asset_id
  await tl.GET('/assets/{asset_id}', { params: { path: { id: 'x' } } });
  const { data } = await tl.GET('/assets/{asset_id}', { params: { path: { asset_id: 'x' } } });
  // @ts-expect-error: 'ftp' is not an AssetMethod
  if (data?.method === 'ftp') return;
}

export function streamOf(a: Asset): string | undefined {
  if (a.provider === 'twelvelabs') return a.raw.hls?.manifest_url;
  const other: Provider = a.provider;
  void other;
  // @ts-expect-error: only the TwelveLabs raw asset has hls
  return a.raw.hls;
}

export async function firstVideo(mock: MockServer): Promise<Asset | undefined> {
  const assets = createAssetClient({ twelvelabs: { apiKey: mock.apiKey, baseUrl: mock.url } });
  for await (const a of assets.list({ kinds: ['video'] })) return a;
  // @ts-expect-error: 'movie' is not an AssetKind
  assets.list({ kinds: ['movie'] });
  return undefined;
}

/** upload(): typed options, one progress shape, the resume state tagged with its provider. */
export async function typedUpload(bytes: Uint8Array): Promise<Asset> {
  const client = createAssetClient({ twelvelabs: { apiKey: 'key' } });
  const asset = await client.upload({
    provider: 'twelvelabs',
    source: bytes,
    name: 'clip.mp4',
    onProgress: (p) => void (p.bytesSent satisfies number),
    onStateChange: (s) => void (s.provider satisfies Provider),
    twelvelabs: { multipartThreshold: 0 },
  });
  // @ts-expect-error: RenderNet's size is { width, height }
  await client.upload({ provider: 'rendernet', source: bytes, rendernet: { size: 100 } });
  // @ts-expect-error: a source is required
  await client.upload({ provider: 'twelvelabs' });
  return asset;
}
