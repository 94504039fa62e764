import type { Asset } from '@assetkit/unified';
import { Option } from 'commander';
import { ASSET_KINDS, PROVIDERS, type AssetKind, type Provider } from '../choices.js';
import { defineCommand, examples } from '../command.js';
import { write, type Io } from '../io.js';
import { instant, integer, oneOfRepeatable, text, textRepeatable } from '../option-values.js';
import { addOutputOptions, formatOf } from '../output.js';
import { UsageError } from '../usage-error.js';

interface ListFlags {
  provider?: Provider[];
  kind?: AssetKind[];
  id?: string[];
  name?: string;
  createdAfter?: Date;
  createdBefore?: Date;
  limit?: number;
  pageSize?: number;
  concurrency?: number;
  json?: boolean;
  ndjson?: boolean;
}

/** What was listed per provider and what was skipped: "listed 120 from twelvelabs; skipped rendernet, tenovos (no list operation)". */
export function listingSummary(counts: ReadonlyMap<Provider, number>, skipped: readonly { provider: Provider; reason: string }[]): string {
  const listed = [...counts].map(([provider, n]) => `${n} from ${provider}`);
  const parts = [listed.length ? `listed ${listed.join(', ')}` : 'listed nothing'];
  const byReason = new Map<string, Provider[]>();
  for (const { provider, reason } of skipped) byReason.set(reason, [...(byReason.get(reason) ?? []), provider]);
  for (const [reason, providers] of byReason) parts.push(`skipped ${providers.join(', ')} (${reason})`);
  return parts.join('; ');
}

/** "note: skipped rendernet, tenovos (no list operation)", one line per reason. */
export function skippedNotes(skipped: readonly { provider: Provider; reason: string }[]): string {
  const byReason = new Map<string, Provider[]>();
  for (const { provider, reason } of skipped) byReason.set(reason, [...(byReason.get(reason) ?? []), provider]);
  return [...byReason].map(([reason, providers]) => `note: skipped ${providers.join(', ')} (${reason})\n`).join('');
}

export const list = defineCommand<ListFlags>({
  name: 'list',
  summary: 'List assets across the configured providers (TwelveLabs, RenderNet, Tenovos), streamed',
  configure(cmd) {
    cmd
      .option('-p, --provider <provider>', `only this provider: ${PROVIDERS.join(', ')} (repeatable)`, oneOfRepeatable(PROVIDERS))
      .option('-k, --kind <kind>', `only this kind: ${ASSET_KINDS.join(', ')} (repeatable)`, oneOfRepeatable(ASSET_KINDS))
      .option('--id <id>', 'only this asset: an id, or a full ref <provider>:<id> that also selects its provider (repeatable)', textRepeatable)
      .option('--name <text>', 'only assets whose name contains this text (case-insensitive)', text)
      .option('--created-after <date>', 'only assets created at or after: YYYY-MM-DD (UTC) or an ISO timestamp', instant)
      .option('--created-before <date>', 'only assets created before: YYYY-MM-DD (UTC) or an ISO timestamp', instant)
      .option('-n, --limit <n>', 'stop after n assets', integer(1))
      .option('--page-size <n>', 'assets per request (default 50, capped by the provider)', integer(1))
      .addOption(new Option('--concurrency <n>', 'pages in flight at once (default 4)').argParser(integer(1)));
    addOutputOptions(cmd, {
      json: 'one JSON array, written as assets arrive; still a complete array when interrupted or a page fails (the exit code says so)',
      ndjson: 'one JSON asset per line, streamed',
    });
    cmd.addHelpText(
      'after',
      `
The table streams: column widths come from the first 200 rows; a wider value
later widens its column from that row on. A provider that is only half
configured is skipped with a note on stderr. Filters run at the provider where
it can and in the client otherwise (RenderNet assets have no name or creation
time, so --name and the date filters leave them all out).
${examples(
  'assetkit list --kind video --limit 20',
  'assetkit list --id twelvelabs:6298d673f1090f1100476d4c',
  'assetkit list --name interview --created-after 2025-01-01',
  "assetkit list --ndjson | jq -r 'select(.sizeBytes > 1e9) | .ref'",
)}`,
    );
  },
  async run({ options, globals, io }) {
    const { clientFromEnv, requireConfigured } = await import('../client.js');
    const client = clientFromEnv(io.env, globals.baseUrls);
    const refProviders = (options.id ?? []).map((id) => id.slice(0, id.indexOf(':'))).filter((p): p is Provider => PROVIDERS.includes(p as Provider));
    for (const provider of new Set([...(options.provider ?? []), ...refProviders])) {
      requireConfigured(client, provider);
      if (!client.capabilities(provider).list) {
        throw new UsageError(`${provider} cannot list assets (its API has no list operation); fetch by ref with 'assetkit get ${provider}:<id>'`);
      }
    }
    const listing = client.list({
      ...(options.provider && { providers: options.provider }),
      ...(options.kind && { kinds: options.kind }),
      ...(options.id && { ids: options.id }),
      ...(options.name !== undefined && { nameContains: options.name }),
      ...(options.createdAfter && { createdAfter: options.createdAfter }),
      ...(options.createdBefore && { createdBefore: options.createdBefore }),
      ...(options.pageSize !== undefined && { pageSize: options.pageSize }),
      ...(options.concurrency !== undefined && { concurrency: options.concurrency }),
      ...(io.signal && { signal: io.signal }),
    });
    await streamListing(listing, formatOf(options), options.limit ?? Infinity, io);
    if (listing.skipped.length) await write(io.stderr, skippedNotes(listing.skipped));
    return 0;
  },
});

/** Writes a listing as it arrives, in table, JSON array or NDJSON form; memory stays bounded in every form. */
async function streamListing(
  listing: AsyncIterable<Asset>,
  format: ReturnType<typeof formatOf>,
  limit: number,
  io: Io,
): Promise<void> {
  const { createProgress } = await import('../progress/listing-counter.js');
  const progress = createProgress(io.stderr, io.isTTY);
  const out = (text: string) => write(io.stdout, text);
  let count = 0;
  if (format === 'table') {
    const [{ createTableStream }, { ASSET_COLUMNS }] = await Promise.all([import('../table-stream.js'), import('../format-table.js')]);
    const table = createTableStream(ASSET_COLUMNS, async (text) => {
      progress.clear();
      await out(text);
    });
    try {
      for await (const asset of listing) {
        await table.add(asset);
        progress.update(++count);
        if (count >= limit) break;
      }
    } finally {
      progress.clear();
      // What was listed before an interruption or a failed page is still shown.
      await table.end();
    }
    if (count === 0) await write(io.stderr, 'no assets\n');
    return;
  }
  try {
    for await (const asset of listing) {
      count++;
      // JSON: "[\n" item ",\n" item ... "\n]\n", written as it comes.
      if (format === 'ndjson') await out(`${JSON.stringify(asset)}\n`);
      else await out(`${count === 1 ? '[\n' : ',\n'}${JSON.stringify(asset)}`);
      progress.update(count);
      if (count >= limit) break;
    }
  } finally {
    progress.clear();
    // Closed on every path (done, Ctrl-C, a failed page), so stdout is always one valid array.
    if (format === 'json') await out(count === 0 ? '[]\n' : '\n]\n');
  }
}
