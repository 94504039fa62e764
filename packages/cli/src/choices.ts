/**
 * The providers and kinds the flags accept. The same lists as @assetkit/unified's
 * PROVIDERS and ASSET_KINDS (a test keeps them equal), repeated here so that
 * `assetkit --help` and flag validation do not load the whole unified client
 * (about 100 ms of start-up).
 */
export const PROVIDERS = ['twelvelabs', 'rendernet', 'tenovos'] as const;
export const ASSET_KINDS = ['image', 'video', 'audio', 'document', 'other'] as const;

export type Provider = (typeof PROVIDERS)[number];
export type AssetKind = (typeof ASSET_KINDS)[number];
