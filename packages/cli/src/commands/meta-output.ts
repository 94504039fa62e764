import type { Asset } from '@assetkit/unified';
import { write, type Io } from '../io.js';
import { formatOf } from '../output.js';

/** The asset's metadata after a change: "key: value" lines, or JSON. */
export async function printMetadata(asset: Asset, options: { json?: boolean; ndjson?: boolean }, io: Io): Promise<void> {
  const format = formatOf(options);
  if (format !== 'table') {
    await write(io.stdout, `${JSON.stringify({ ref: asset.ref, metadata: asset.metadata }, null, format === 'json' ? 2 : undefined)}\n`);
    return;
  }
  const entries = Object.entries(asset.metadata);
  const lines = entries.map(([k, v]) => `${k}: ${typeof v === 'string' ? v : JSON.stringify(v)}\n`).join('');
  await write(io.stdout, `${asset.ref}\n${lines || '(no metadata)\n'}`);
}
