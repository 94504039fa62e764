import { InvalidArgumentError } from 'commander';
import { PROVIDERS, type Provider } from './choices.js';

/*
 * Parsers for option values. Commander calls them as each flag is read and, on
 * InvalidArgumentError, reports "option '-n, --limit <n>' argument '-1' is
 * invalid. <what it accepts>": the flag, the value and the rule, before any request.
 */

/** A whole decimal number >= min ("abc", "1.5", "1e3", "-1" and "" are refused). */
export const integer =
  (min: number) =>
  (raw: string): number => {
    const text = raw.trim();
    const n = /^\d+$/.test(text) ? Number(text) : NaN;
    if (!Number.isSafeInteger(n) || n < min) throw new InvalidArgumentError(`Expected a whole number >= ${min}.`);
    return n;
  };

/** A repeatable flag whose values come from a fixed list; also accepts "a,b". */
export const oneOfRepeatable =
  <T extends string>(allowed: readonly T[]) =>
  (raw: string, previous: T[] | undefined): T[] => {
    const out = [...(previous ?? [])];
    for (const value of raw.split(',').map((v) => v.trim())) {
      if (!allowed.includes(value as T)) throw new InvalidArgumentError(`Expected one of ${allowed.join(', ')}.`);
      if (!out.includes(value as T)) out.push(value as T);
    }
    return out;
  };

/** A repeatable flag of free text (non-empty). */
export const textRepeatable = (raw: string, previous: string[] | undefined): string[] => {
  if (raw.trim() === '') throw new InvalidArgumentError('Expected a non-empty value.');
  return previous?.includes(raw) ? previous : [...(previous ?? []), raw];
};

/** Non-empty text. */
export const text = (raw: string): string => {
  if (raw.trim() === '') throw new InvalidArgumentError('Expected a non-empty value.');
  return raw;
};

/** A date (2025-06-01, UTC midnight) or a timestamp with a zone (2025-06-01T12:00:00Z, ...+02:00). */
export const instant = (raw: string): Date => {
  const ok = /^\d{4}-\d\d-\d\d$/.test(raw) || /^\d{4}-\d\d-\d\dT\d\d:\d\d(:\d\d(\.\d+)?)?(Z|[+-]\d\d:\d\d)$/.test(raw);
  const date = new Date(raw);
  if (!ok || Number.isNaN(date.getTime())) {
    throw new InvalidArgumentError('Expected a date YYYY-MM-DD (UTC) or an ISO 8601 timestamp with a zone, e.g. 2025-06-01T12:00:00Z.');
  }
  return date;
};

/** `<provider>=<url>`, repeatable; collects into a map. */
export const baseUrl = (raw: string, previous: Partial<Record<Provider, string>> | undefined): Partial<Record<Provider, string>> => {
  const eq = raw.indexOf('=');
  const provider = (eq > 0 ? raw.slice(0, eq) : '') as Provider;
  const url = eq > 0 ? raw.slice(eq + 1) : '';
  if (!PROVIDERS.includes(provider)) throw new InvalidArgumentError(`Expected <provider>=<url> with provider one of ${PROVIDERS.join(', ')}.`);
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new InvalidArgumentError(`Expected <provider>=<url>; ${JSON.stringify(url)} is not a URL.`);
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new InvalidArgumentError('Expected an http(s) URL.');
  return { ...previous, [provider]: url.replace(/\/+$/, '') };
};

/** One value from a fixed list. */
export const oneOf =
  <T extends string>(allowed: readonly T[]) =>
  (raw: string): T => {
    if (!allowed.includes(raw.trim() as T)) throw new InvalidArgumentError(`Expected one of ${allowed.join(', ')}.`);
    return raw.trim() as T;
  };

/** `key=value`, repeatable; collects into an object (the last value of a key wins). The value may be empty or contain '='. */
export const keyValue = (raw: string, previous: Record<string, string> | undefined): Record<string, string> => {
  const eq = raw.indexOf('=');
  const key = eq > 0 ? raw.slice(0, eq).trim() : '';
  if (!key) throw new InvalidArgumentError('Expected key=value with a non-empty key, e.g. --meta team=docs.');
  // defineProperty: a key such as "__proto__" stays an ordinary key.
  return Object.defineProperty({ ...previous }, key, { value: raw.slice(eq + 1), enumerable: true, writable: true, configurable: true });
};
