import type { Asset, ListOptions, Provider } from '@assetkit/unified';
import { UsageError, type Command } from '../args.js';
import { clientFromEnv, requireConfigured } from '../client.js';
import { renderAssetTable } from '../format-table.js';
import { write, type Io } from '../io.js';
import { createProgress } from '../progress.js';

/** "note: skipped rendernet, tenovos (no list operation)", one line per reason. */
export function skippedNotes(skipped: readonly { provider: Provider; reason: string }[]): string {
  const byReason = new Map<string, Provider[]>();
  for (const { provider, reason } of skipped) byReason.set(reason, [...(byReason.get(reason) ?? []), provider]);
  return [...byReason].map(([reason, providers]) => `note: skipped ${providers.join(', ')} (${reason})\n`).join('');
}

export async function listCommand(cmd: Extract<Command, { name: 'list' }>, io: Io): Promise<number> {
  const client = clientFromEnv(io.env, cmd.baseUrls);
  for (const provider of cmd.providers ?? []) {
    requireConfigured(client, provider);
    if (!client.capabilities(provider).list) {
      throw new UsageError(`${provider} cannot list assets (its API has no list operation); fetch by ref with 'assetkit get ${provider}:<id>'`);
    }
  }

  const options: ListOptions = {};
  if (cmd.providers) options.providers = cmd.providers;
  if (cmd.kinds) options.kinds = cmd.kinds;
  if (cmd.ids) options.ids = cmd.ids;
  if (cmd.pageSize !== undefined) options.pageSize = cmd.pageSize;
  if (cmd.concurrency !== undefined) options.concurrency = cmd.concurrency;
  if (io.signal) options.signal = io.signal;
  const listing = client.list(options);

  const progress = createProgress(io.stderr, io.isTTY);
  const limit = cmd.limit ?? Infinity;
  const table: Asset[] = [];
  let count = 0;
  try {
    if (limit > 0) {
      for await (const asset of listing) {
        count++;
        switch (cmd.format) {
          case 'ndjson':
            await write(io.stdout, `${JSON.stringify(asset)}\n`);
            break;
          case 'json':
            // Streamed as one array: "[\n" item ",\n" item ... "\n]\n".
            await write(io.stdout, `${count === 1 ? '[\n' : ',\n'}${JSON.stringify(asset)}`);
            break;
          case 'table':
            table.push(asset);
            break;
        }
        progress.update(count);
        if (count >= limit) break;
      }
    }
  } finally {
    progress.clear();
  }

  if (cmd.format === 'json') await write(io.stdout, count === 0 ? '[]\n' : '\n]\n');
  if (cmd.format === 'table') {
    if (table.length) await write(io.stdout, renderAssetTable(table));
    else await write(io.stderr, 'no assets\n');
  }
  if (listing.skipped.length) await write(io.stderr, skippedNotes(listing.skipped));
  return 0;
}
