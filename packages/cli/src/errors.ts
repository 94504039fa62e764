import { isAssetkitError, type AssetkitError } from '@assetkit/runtime/errors';
import { UsageError } from './usage-error.js';

export const EXIT_OK = 0;
export const EXIT_API = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

/** Errors the caller caused (bad input, missing configuration): exit 2 like a usage error. */
const CALLER_ERROR_TYPES: ReadonlySet<string> = new Set(['invalid_request', 'configuration', 'unsupported']);

/**
 * "twelvelabs 404 resource_not_exist: <what the provider said>". The runtime's
 * message already starts with "<Provider display name> <status> [code]"; that
 * prefix is replaced by the lower-case provider id so the line reads the same
 * for every provider.
 */
export function describeApiError(error: AssetkitError): string {
  const head = [error.provider, error.status, error.code].filter((v) => v !== undefined && v !== '').join(' ');
  let said = error.message;
  if (error.status !== undefined) {
    const prefix = new RegExp(`^\\S+ ${error.status}(?: ${escape(error.code ?? '')})?(?::\\s*|$)`);
    said = said.replace(prefix, '');
  }
  if (!head) return said;
  if (error.status === undefined) return `${head} ${error.type}: ${said}`;
  return said ? `${head}: ${said}` : head;
}

const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

export interface Failure {
  code: number;
  message: string;
  hint: boolean;
}

/** Maps anything run() caught to an exit code and a one-line message (never a stack trace). */
export function classify(error: unknown): Failure {
  if (error instanceof UsageError) return { code: EXIT_USAGE, message: error.message, hint: true };
  if (isAssetkitError(error)) {
    if (CALLER_ERROR_TYPES.has(error.type)) {
      // Refused before anything was sent: the message already says what and which provider.
      return { code: EXIT_USAGE, message: error.status === undefined ? error.message : describeApiError(error), hint: true };
    }
    return { code: EXIT_API, message: describeApiError(error), hint: false };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: EXIT_API, message, hint: false };
}
