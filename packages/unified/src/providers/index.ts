import type { Provider } from '../asset.js';
import { rendernet } from './rendernet.js';
import { tenovos } from './tenovos.js';
import { twelvelabs } from './twelvelabs.js';

/** The registry: one adapter per provider. */
export const adapters = { twelvelabs, rendernet, tenovos } as const satisfies Record<Provider, unknown>;
export type Adapters = typeof adapters;
export type { Capabilities, ProviderAdapter } from './types.js';
