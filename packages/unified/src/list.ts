import { ConfigurationError, InvalidRequestError, UnsupportedError, type RetryEvent } from '@assetkit/runtime';
import { ASSET_KINDS, PROVIDERS, type Asset, type AssetKind, type Provider } from './asset.js';
import type { AnyProviderClient } from './client.js';
import { decodeCursor, encodeCursor, type ListPosition } from './cursor.js';
import { ahead } from './ahead.js';
import { providerPages, type ProviderPage } from './provider-pages.js';
import { adapters } from './providers/index.js';
import type { PageRequest } from './providers/types.js';

export interface ListOptions {
  /** Providers to list, in this order. Default: every configured provider that can list (see `skipped`). */
  providers?: Provider[];
  kinds?: AssetKind[];
  /**
   * Only these assets: plain ids (asked of every listed provider) or full refs
   * (`"twelvelabs:6298…"`, asked of that provider only). With refs and no
   * `providers`, only the refs' providers are listed.
   */
  ids?: string[];
  /** Only assets whose name contains this text (case-insensitive). */
  nameContains?: string;
  /** Only assets created at or after this instant. */
  createdAfter?: Date;
  /** Only assets created before this instant. */
  createdBefore?: Date;
  /** Assets per request, capped by each provider's maximum. Default 50. */
  pageSize?: number;
  /** Pages in flight at once after the first. Default 4. */
  concurrency?: number;
  /** Resume where a listing stopped: `listing.cursor` or a page's `cursor`. Filters come from the cursor. */
  cursor?: string;
  signal?: AbortSignal;
}

export interface AssetPage {
  provider: Provider;
  page: number;
  assets: Asset[];
  /** Resumes after this page; undefined when it was the last. */
  cursor: string | undefined;
}

export interface AssetListing extends AsyncIterable<Asset> {
  /** Iterates whole pages instead of assets. */
  pages(): AsyncIterable<AssetPage>;
  /** Resumes right after the last asset (or page) handed out; undefined once the listing is complete. */
  readonly cursor: string | undefined;
  /** Configured providers left out of a listing of "all providers", and why. */
  readonly skipped: readonly { provider: Provider; reason: string }[];
}

const DEFAULT_PAGE_SIZE = 50;
const DEFAULT_CONCURRENCY = 4;

function check(condition: boolean, message: string): void {
  if (!condition) throw new InvalidRequestError(message);
}

/** A `provider:id` ref among `ids`, or undefined for a plain id. */
function refIn(value: string): { provider: Provider; id: string } | undefined {
  const colon = value.indexOf(':');
  const provider = value.slice(0, colon) as Provider;
  return colon > 0 && PROVIDERS.includes(provider) ? { provider, id: value.slice(colon + 1) } : undefined;
}

/** The ids to ask `provider` for: plain ids plus the ids of refs to it. Undefined: no id filter. */
export function idsFor(provider: Provider, ids: readonly string[] | undefined): string[] | undefined {
  if (ids === undefined) return undefined;
  return ids.flatMap((value) => {
    const ref = refIn(value);
    if (!ref) return [value];
    return ref.provider === provider ? [ref.id] : [];
  });
}

/**
 * Every filter, applied to each page as it arrives, including those the
 * provider ran server-side (capabilities().listFilters says which): a
 * provider whose search matches more loosely (Tenovos keywords) still yields
 * exactly what was asked. Deterministic, so cursors stay valid.
 */
function pageFilter(position: ListPosition, provider: Provider): (asset: Asset) => boolean {
  const { kinds, nameContains, createdAfter, createdBefore } = position;
  const ids = idsFor(provider, position.ids);
  const idSet = ids === undefined ? undefined : new Set(ids);
  const needle = nameContains?.toLowerCase();
  const after = createdAfter === undefined ? undefined : Date.parse(createdAfter);
  const before = createdBefore === undefined ? undefined : Date.parse(createdBefore);
  return (asset) => {
    if (kinds !== undefined && !kinds.includes(asset.kind)) return false;
    if (idSet !== undefined && !idSet.has(asset.id)) return false;
    if (needle !== undefined && !(asset.name ?? '').toLowerCase().includes(needle)) return false;
    const created = asset.createdAt?.getTime();
    // An asset without a creation time cannot be shown to be in the range: left out.
    if (after !== undefined && !(created !== undefined && created >= after)) return false;
    if (before !== undefined && !(created !== undefined && created < before)) return false;
    return true;
  };
}

function configurationProblem(use: () => unknown): string | undefined {
  try {
    use();
    return undefined;
  } catch (error) {
    if (error instanceof ConfigurationError) return error.message;
    throw error;
  }
}

const isDate = (d: unknown): d is Date => d instanceof Date && !Number.isNaN(d.getTime());

/** Validates options and works out the starting position; throws before any request. */
function plan(options: ListOptions, configured: ReadonlyMap<Provider, unknown>, clientOf: (p: Provider) => AnyProviderClient) {
  const skipped: { provider: Provider; reason: string }[] = [];
  if (options.cursor !== undefined) {
    const position = decodeCursor(options.cursor);
    position.providers.forEach(clientOf);
    return { position, skipped };
  }
  const { kinds, ids, nameContains, createdAfter, createdBefore, pageSize = DEFAULT_PAGE_SIZE } = options;
  check(Number.isInteger(pageSize) && pageSize >= 1, `pageSize must be a whole number >= 1, got ${String(pageSize)}`);
  check(kinds === undefined || (Array.isArray(kinds) && kinds.every((k) => ASSET_KINDS.includes(k))), `kinds must be some of ${ASSET_KINDS.join(', ')}`);
  check(ids === undefined || (Array.isArray(ids) && ids.every((i) => typeof i === 'string' && i !== '')), 'ids must be non-empty strings');
  for (const value of ids ?? []) {
    const ref = refIn(value);
    check(ref === undefined || ref.id !== '', `ids: ${JSON.stringify(value)} is a ref with an empty id`);
  }
  check(nameContains === undefined || (typeof nameContains === 'string' && nameContains !== ''), 'nameContains must be a non-empty string');
  check(createdAfter === undefined || isDate(createdAfter), 'createdAfter must be a valid Date');
  check(createdBefore === undefined || isDate(createdBefore), 'createdBefore must be a valid Date');
  const refProviders = [...new Set((ids ?? []).map(refIn).filter((r) => r !== undefined).map((r) => r.provider))];
  const onlyRefs = ids !== undefined && ids.length > 0 && refProviders.length > 0 && ids.every((i) => refIn(i) !== undefined);
  let providers: Provider[];
  if (options.providers) {
    check(Array.isArray(options.providers) && options.providers.every((p) => PROVIDERS.includes(p)), `providers must be some of ${PROVIDERS.join(', ')}`);
    for (const provider of options.providers) {
      clientOf(provider);
      if (!adapters[provider].capabilities.list) {
        throw new UnsupportedError(`${provider} cannot list assets (its API offers no list operation assetkit can use); use get() with ids`, { provider });
      }
    }
    providers = [...new Set(options.providers)];
  } else if (onlyRefs) {
    // Every id names its provider: list exactly those (each must be configured and able to list).
    for (const provider of refProviders) {
      clientOf(provider);
      if (!adapters[provider].capabilities.list) {
        throw new UnsupportedError(`${provider} cannot list assets; fetch ${provider} refs with get()`, { provider });
      }
    }
    providers = PROVIDERS.filter((p) => refProviders.includes(p));
  } else {
    providers = [];
    for (const p of PROVIDERS.filter((p) => configured.has(p))) {
      if (!adapters[p].capabilities.list) {
        skipped.push({ provider: p, reason: 'no list operation' });
        continue;
      }
      // A half-configured provider is left out of "all providers" with the reason, not fatal to the others.
      const problem = configurationProblem(() => clientOf(p));
      if (problem) skipped.push({ provider: p, reason: problem });
      else providers.push(p);
    }
  }
  const position: ListPosition = {
    v: 1,
    providers,
    index: 0,
    page: 1,
    offset: 0,
    pageSize,
    kinds,
    ids,
    nameContains,
    createdAfter: createdAfter?.toISOString(),
    createdBefore: createdBefore?.toISOString(),
  };
  return { position, skipped };
}

/** The listing behind client.list(): providers fetched concurrently (each by its own paging), handed out in order, with cursors and a shared 429 pause. */
export function listAssets(
  options: ListOptions,
  /** Providers the client was given options for (usable or not). */
  configured: ReadonlyMap<Provider, unknown>,
  clientOf: (p: Provider) => AnyProviderClient,
  userRetryHook: (p: Provider) => ((event: RetryEvent) => void) | undefined = () => undefined,
): AssetListing {
  const concurrency = options.concurrency ?? DEFAULT_CONCURRENCY;
  check(Number.isInteger(concurrency) && concurrency >= 1, `concurrency must be a whole number >= 1, got ${String(concurrency)}`);
  const { position: start, skipped } = plan(options, configured, clientOf);
  const signal = options.signal;
  let cursor: string | undefined = start.index < start.providers.length ? encodeCursor(start) : undefined;
  let started = false;

  // A 429 anywhere pauses the whole listing: no new page request starts before it has passed.
  let pauseUntil = 0;
  const onRetry = (event: RetryEvent) => {
    if (event.error.type === 'rate_limit') pauseUntil = Math.max(pauseUntil, Date.now() + event.delayMs);
  };
  const waitForPause = (s: AbortSignal) =>
    new Promise<void>((resolve, reject) => {
      const ms = pauseUntil - Date.now();
      if (ms <= 0) return resolve();
      const onAbort = () => (clearTimeout(timer), reject(s.reason));
      const timer = setTimeout(() => (s.removeEventListener('abort', onAbort), resolve()), ms);
      s.addEventListener('abort', onAbort, { once: true });
    });

  /** Starts every remaining provider's pages at once (bounded buffers), then hands them out in provider order. */
  async function* pages(): AsyncGenerator<AssetPage & { position: ListPosition }> {
    if (started) throw new InvalidRequestError('A listing can be iterated once; call list({ cursor }) to continue it');
    started = true;
    if (signal?.aborted) throw signal.reason;
    const runs: ReturnType<typeof ahead<ProviderPage>>[] = [];
    const onAbort = () => runs.forEach((r) => r.stop(signal?.reason));
    signal?.addEventListener('abort', onAbort, { once: true });
    try {
      for (let index = start.index; index < start.providers.length; index++) {
        const provider = start.providers[index]!;
        const ids = idsFor(provider, start.ids);
        // Every id was a ref to another provider: nothing to ask this one for (an empty list would mean "no filter").
        if (ids !== undefined && ids.length === 0) continue;
        const userHook = userRetryHook(provider);
        const client = clientOf(provider).withOptions({ onRetry: userHook ? (e) => (userHook(e), onRetry(e)) : onRetry });
        const controller = new AbortController();
        const source = providerPages({
          start,
          index,
          client,
          filters: { kinds: start.kinds, ids, nameContains: start.nameContains, createdAfter: start.createdAfter, createdBefore: start.createdBefore },
          keep: pageFilter(start, provider),
          concurrency,
          signal: controller.signal,
          waitForPause,
        });
        // Numbered pages are already prefetched `concurrency` at a time by pageWindow: hand them over one by one.
        const buffer = adapters[provider].capabilities.paging === 'pages' ? 1 : concurrency;
        runs.push(ahead(source, buffer, controller));
      }
      for (const run of runs) {
        for await (const page of run.items()) {
          if (signal?.aborted) throw signal.reason;
          const { next, position, ...rest } = page;
          yield { ...rest, cursor: next.index < start.providers.length ? encodeCursor(next) : undefined, position };
        }
      }
    } finally {
      signal?.removeEventListener('abort', onAbort);
      runs.forEach((r) => r.stop()); // a consumer that stops early cancels every provider's prefetches
    }
  }

  return {
    skipped,
    get cursor() {
      return cursor;
    },
    async *pages() {
      for await (const { position: _p, ...page } of pages()) {
        cursor = page.cursor;
        yield page;
      }
    },
    async *[Symbol.asyncIterator]() {
      for await (const page of pages()) {
        for (let i = 0; i < page.assets.length; i++) {
          // Set before yielding: a consumer that stops (or fails) here resumes at the next asset.
          cursor = i + 1 < page.assets.length ? encodeCursor({ ...page.position, offset: page.position.offset + i + 1 }) : page.cursor;
          yield page.assets[i]!;
        }
        cursor = page.cursor;
      }
    },
  };
}
