import { parseArgs } from 'node:util';
import { ASSET_KINDS, PROVIDERS, type AssetKind, type Provider } from '@assetkit/unified';

/** A mistake in how the command was called: exit code 2, one-line reason plus a hint to --help. */
export class UsageError extends Error {
  override readonly name = 'UsageError';
}

export type OutputFormat = 'table' | 'json' | 'ndjson';

export interface CommonArgs {
  format: OutputFormat;
  baseUrls: Partial<Record<Provider, string>>;
}

export type Command =
  | { name: 'help' }
  | { name: 'version' }
  | ({ name: 'get'; ref: string } & CommonArgs)
  | ({
      name: 'list';
      providers?: Provider[];
      kinds?: AssetKind[];
      ids?: string[];
      limit?: number;
      pageSize?: number;
      concurrency?: number;
    } & CommonArgs)
  | { name: 'mock'; assets: number; seed: number };

const OPTIONS = {
  help: { type: 'boolean', short: 'h' },
  version: { type: 'boolean', short: 'v' },
  json: { type: 'boolean' },
  ndjson: { type: 'boolean' },
  'base-url': { type: 'string', multiple: true },
  provider: { type: 'string', multiple: true, short: 'p' },
  kind: { type: 'string', multiple: true, short: 'k' },
  id: { type: 'string', multiple: true },
  limit: { type: 'string', short: 'n' },
  'page-size': { type: 'string' },
  concurrency: { type: 'string' },
  assets: { type: 'string' },
  seed: { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;

/** Which options each command accepts (help/version are accepted everywhere). */
const ALLOWED: Record<'get' | 'list' | 'mock', readonly OptionName[]> = {
  get: ['json', 'ndjson', 'base-url'],
  list: ['json', 'ndjson', 'base-url', 'provider', 'kind', 'id', 'limit', 'page-size', 'concurrency'],
  mock: ['assets', 'seed'],
};

/** Parses a whole decimal number; rejects "abc", "1.5", "1e3", "-1", "" and values below `min`. */
export function parseInteger(flag: string, raw: string, min: number): number {
  const text = raw.trim();
  const n = /^\d+$/.test(text) ? Number(text) : NaN;
  if (!Number.isSafeInteger(n) || n < min) {
    throw new UsageError(`--${flag} must be a whole number >= ${min}, got ${JSON.stringify(raw)}`);
  }
  return n;
}

function parseBaseUrls(values: readonly string[] | undefined): Partial<Record<Provider, string>> {
  const out: Partial<Record<Provider, string>> = {};
  for (const value of values ?? []) {
    const eq = value.indexOf('=');
    const provider = eq > 0 ? value.slice(0, eq) : '';
    const url = eq > 0 ? value.slice(eq + 1) : '';
    if (!PROVIDERS.includes(provider as Provider)) {
      throw new UsageError(`--base-url expects <provider>=<url> with provider one of ${PROVIDERS.join(', ')}, got ${JSON.stringify(value)}`);
    }
    let parsed: URL;
    try {
      parsed = new URL(url);
    } catch {
      throw new UsageError(`--base-url ${provider}: ${JSON.stringify(url)} is not a URL`);
    }
    if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') {
      throw new UsageError(`--base-url ${provider}: expected an http(s) URL, got ${JSON.stringify(url)}`);
    }
    out[provider as Provider] = url.replace(/\/+$/, '');
  }
  return out;
}

function oneOf<T extends string>(flag: string, values: readonly string[] | undefined, allowed: readonly T[]): T[] | undefined {
  if (values === undefined) return undefined;
  for (const v of values) {
    if (!allowed.includes(v as T)) throw new UsageError(`--${flag} must be one of ${allowed.join(', ')}, got ${JSON.stringify(v)}`);
  }
  return [...new Set(values as T[])];
}

/** Turns argv (without node and the script) into a validated command, or throws UsageError. */
export function parseCommand(argv: readonly string[]): Command {
  let parsed;
  try {
    parsed = parseArgs({ args: [...argv], options: OPTIONS, allowPositionals: true, strict: true });
  } catch (error) {
    // node:util's messages are already one line and name the flag.
    const message = error instanceof Error ? error.message.split('\n')[0]!.replace(/\. To specify a positional.*$/, '') : String(error);
    throw new UsageError(message);
  }
  const { values, positionals } = parsed;
  if (values.help) return { name: 'help' };
  if (values.version) return { name: 'version' };

  const [name, ...rest] = positionals;
  if (name === undefined) throw new UsageError('missing command (get, list or mock)');
  if (name === 'help') return { name: 'help' };
  if (name !== 'get' && name !== 'list' && name !== 'mock') throw new UsageError(`unknown command ${JSON.stringify(name)} (expected get, list or mock)`);

  const used = (Object.keys(values) as OptionName[]).filter((k) => values[k] !== undefined);
  const foreign = used.find((k) => !ALLOWED[name].includes(k));
  if (foreign) throw new UsageError(`option --${foreign} does not apply to '${name}'`);

  if (values.json && values.ndjson) throw new UsageError('choose one of --json and --ndjson');
  const common = (): CommonArgs => ({
    format: values.json ? 'json' : values.ndjson ? 'ndjson' : 'table',
    baseUrls: parseBaseUrls(values['base-url']),
  });

  switch (name) {
    case 'get': {
      if (rest.length === 0) throw new UsageError("'get' needs an asset ref, e.g. twelvelabs:6298d673f1090f1100476d4c");
      if (rest.length > 1) throw new UsageError(`'get' takes one ref, got ${rest.length}`);
      const ref = rest[0]!;
      const colon = ref.indexOf(':');
      const provider = colon > 0 ? ref.slice(0, colon) : '';
      if (!PROVIDERS.includes(provider as Provider) || ref.slice(colon + 1).trim() === '') {
        throw new UsageError(`malformed asset ref ${JSON.stringify(ref)}: expected <provider>:<id> with provider one of ${PROVIDERS.join(', ')}`);
      }
      return { name: 'get', ref, ...common() };
    }
    case 'list': {
      if (rest.length > 0) throw new UsageError(`'list' takes no arguments, got ${JSON.stringify(rest[0])} (filter with --provider, --kind, --id)`);
      const ids = values.id;
      if (ids?.some((i) => i.trim() === '')) throw new UsageError('--id must not be empty');
      const cmd: Command = { name: 'list', ...common() };
      const providers = oneOf('provider', values.provider, PROVIDERS);
      const kinds = oneOf('kind', values.kind, ASSET_KINDS);
      if (providers) cmd.providers = providers;
      if (kinds) cmd.kinds = kinds;
      if (ids) cmd.ids = [...new Set(ids)];
      if (values.limit !== undefined) cmd.limit = parseInteger('limit', values.limit, 1);
      if (values['page-size'] !== undefined) cmd.pageSize = parseInteger('page-size', values['page-size'], 1);
      if (values.concurrency !== undefined) cmd.concurrency = parseInteger('concurrency', values.concurrency, 1);
      return cmd;
    }
    case 'mock': {
      if (rest.length > 0) throw new UsageError(`'mock' takes no arguments, got ${JSON.stringify(rest[0])}`);
      return {
        name: 'mock',
        assets: values.assets === undefined ? 300 : parseInteger('assets', values.assets, 0),
        seed: values.seed === undefined ? 1 : parseInteger('seed', values.seed, 0),
      };
    }
  }
}

export const HELP = `assetkit — get and list media assets across TwelveLabs, RenderNet and Tenovos

Usage:
  assetkit get <provider>:<id> [--json | --ndjson] [--base-url provider=URL]...
  assetkit list [--provider p]... [--kind k]... [--id x]... [--limit n]
                [--page-size n] [--concurrency n] [--json | --ndjson] [--base-url provider=URL]...
  assetkit mock [--assets n] [--seed n]
  assetkit --help | --version

Commands:
  get     Fetch one asset by ref, e.g. twelvelabs:6298d673f1090f1100476d4c
  list    List assets across the configured providers that can list (TwelveLabs);
          providers without a list operation are skipped with a note
  mock    Start local mock servers for all three providers and print how to use them;
          runs until Ctrl-C

Options:
  -p, --provider <p>       twelvelabs, rendernet or tenovos (repeatable)
  -k, --kind <k>           image, video, audio, document or other (repeatable)
      --id <id>            only these ids (repeatable)
  -n, --limit <n>          stop after n assets
      --page-size <n>      assets per request (default 50, capped by the provider)
      --concurrency <n>    pages in flight at once (default 4)
      --json               JSON output (list: one array)
      --ndjson             one JSON asset per line, streamed as they arrive
      --base-url <p>=<url> send <p>'s requests to <url> (mock or self-hosted server; repeatable)
      --assets <n>         mock: assets per provider (default 300)
      --seed <n>           mock: data seed (default 1)
  -h, --help               show this help
  -v, --version            show the version

Credentials (environment only; a provider is configured when its API key is set):
  TWELVELABS_API_KEY  RENDERNET_API_KEY  TENOVOS_API_KEY  TENOVOS_USERNAME  TENOVOS_PASSWORD

Exit codes: 0 ok, 1 API error, 2 usage error, 130 interrupted
`;
