export { createAssetClient, type AssetClient, type AssetClientConfig, type GetOptions } from './client.js';
export type { AssetListing, AssetPage, ListOptions } from './list.js';
export { PROVIDERS, ASSET_KINDS, type Asset, type AssetKind, type AssetState, type AssetUrls, type Provider, type RawAssetOf, type RawAssets } from './asset.js';
export { parseRef, formatRef, type AssetRef } from './ref.js';
export type { Capabilities } from './providers/types.js';
// The error classes every call can throw.
export * from '@assetkit/runtime/errors';
