export { createAssetClient, type AssetClient, type AssetClientConfig, type DeleteOptions, type GetOptions, type UpdateMetadataOptions } from './client.js';
export type { WaitOptions } from './wait.js';
export type { MetadataUpdate } from './writes.js';
export type { AssetListing, AssetPage, ListOptions } from './list.js';
export { PROVIDERS, ASSET_KINDS, type Asset, type AssetKind, type AssetState, type AssetTechnical, type AssetUrls, type Provider, type RawAssetOf, type RawAssets } from './asset.js';
export { parseRef, formatRef, type AssetRef } from './ref.js';
export type { Capabilities, FilterSide, ListFilter, TenovosOptions } from './providers/index.js';
// The error classes every call can throw.
export * from '@assetkit/runtime/errors';
