import { parseRef, type Asset } from '@assetkit/unified';
import type { Command } from '../args.js';
import { clientFromEnv, requireConfigured } from '../client.js';
import { renderAssetDetails } from '../format-table.js';
import { write, type Io } from '../io.js';

export async function getCommand(cmd: Extract<Command, { name: 'get' }>, io: Io): Promise<number> {
  const client = clientFromEnv(io.env, cmd.baseUrls);
  const { provider } = parseRef(cmd.ref);
  requireConfigured(client, provider);
  const asset: Asset = await client.get(cmd.ref, io.signal ? { signal: io.signal } : {});
  switch (cmd.format) {
    case 'json':
      await write(io.stdout, `${JSON.stringify(asset, null, 2)}\n`);
      break;
    case 'ndjson':
      await write(io.stdout, `${JSON.stringify(asset)}\n`);
      break;
    case 'table':
      await write(io.stdout, renderAssetDetails(asset));
      break;
  }
  return 0;
}
