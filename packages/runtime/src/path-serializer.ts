import type { Named } from './base-url.js';
import { InvalidRequestError } from './errors.js';

const PARAM = /\{([^{}]+)\}/g;

/**
 * Substitutes path parameters as exactly one percent-encoded segment each.
 * Rejects, before anything is sent, values the URL parser would turn into a
 * different path ("", ".", "..") and strings that cannot be encoded (lone surrogates).
 */
export function safePathSerializer({ provider, displayName }: Named) {
  return function serializePath(pathname: string, params: Record<string, unknown>): string {
    return pathname.replace(PARAM, (match, name: string) => {
      const value = params[name];
      if (value === undefined || value === null) return match;
      if (typeof value !== 'string' && typeof value !== 'number') {
        throw new InvalidRequestError(`${displayName}: path parameter "${name}" must be a string, got ${typeof value}`, { provider });
      }
      const text = String(value);
      if (text.trim() === '' || text === '.' || text === '..') {
        throw new InvalidRequestError(
          `${displayName}: path parameter "${name}" must be a non-empty id, got ${JSON.stringify(text)}`,
          { provider },
        );
      }
      try {
        return encodeURIComponent(text);
      } catch {
        throw new InvalidRequestError(`${displayName}: path parameter "${name}" is not valid Unicode text`, { provider });
      }
    });
  };
}
