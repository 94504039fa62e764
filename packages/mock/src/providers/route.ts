/**
 * Matches `path` (as sent, percent-encoded) against `prefix` + one segment and
 * returns the decoded segment; `null` when the path has another shape,
 * `undefined`-free so callers can tell "no match" from "bad encoding".
 */
export function matchSegment(path: string, prefix: string): { id: string } | { badEncoding: true } | null {
  if (!path.startsWith(prefix)) return null;
  const raw = path.slice(prefix.length);
  if (raw === '' || raw.includes('/')) return null;
  try {
    return { id: decodeURIComponent(raw) };
  } catch {
    return { badEncoding: true };
  }
}

/** A header value as one string (Node gives arrays for repeated headers). */
export function header(headers: Record<string, string | string[] | undefined>, name: string): string | undefined {
  const value = headers[name.toLowerCase()];
  return Array.isArray(value) ? value[0] : value;
}

/** An integer query parameter: `undefined` when absent, `null` when not an integer in [min, max]. */
export function intParam(query: URLSearchParams, name: string, min: number, max: number): number | null | undefined {
  const raw = query.get(name);
  if (raw === null) return undefined;
  if (!/^\d+$/.test(raw)) return null;
  const n = Number(raw);
  return n >= min && n <= max ? n : null;
}
