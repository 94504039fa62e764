import type { Provider } from '../asset.js';
import { rendernet } from './rendernet/index.js';
import { tenovos } from './tenovos/index.js';
import { twelvelabs } from './twelvelabs/index.js';

/** The registry: one adapter per provider. */
export const adapters = { twelvelabs, rendernet, tenovos } as const satisfies Record<Provider, unknown>;
export type Adapters = typeof adapters;
export type { Capabilities, FilterSide, ListFilter, ProviderAdapter } from './types.js';
export type { TenovosOptions } from './tenovos/options.js';
