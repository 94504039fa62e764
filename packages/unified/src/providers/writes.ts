// The write registry: loaded by import() from the client's write methods, never from get/list.
import type { Provider } from '../asset.js';
import { rendernetWrites } from './rendernet/writes.js';
import { tenovosWrites } from './tenovos/writes.js';
import { twelvelabsWrites } from './twelvelabs/writes.js';

/** One write module per provider, beside its adapter. */
export const writes = { twelvelabs: twelvelabsWrites, rendernet: rendernetWrites, tenovos: tenovosWrites } as const satisfies Record<Provider, unknown>;
