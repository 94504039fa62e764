import { isAssetkitError, type AssetkitError } from '@assetkit/runtime/errors';
import { UsageError } from './usage-error.js';

export const EXIT_OK = 0;
export const EXIT_API = 1;
export const EXIT_USAGE = 2;
export const EXIT_INTERRUPTED = 130;

/** Errors the caller caused (bad input, missing configuration): exit 2 like a usage error. */
const CALLER_ERROR_TYPES: ReadonlySet<string> = new Set(['invalid_request', 'configuration', 'unsupported']);

/**
 * The provider's display name at the start of a runtime message ("TwelveLabs GET ...", "Tenovos: no username"):
 * the line already starts with the provider id, so it is said once.
 */
function withoutProviderName(message: string, provider: string | undefined): string {
  if (!provider) return message;
  const head = new RegExp(`^${escape(provider)}(?::\\s*|\\s+)`, 'i');
  return message.replace(head, '');
}

/**
 * "twelvelabs 404 resource_not_exist: <what the provider said>". The runtime's
 * message already starts with "<Provider display name> <status> [code]"; that
 * prefix is replaced by the lower-case provider id so the line reads the same
 * for every provider, and names the provider once.
 */
export function describeApiError(error: AssetkitError): string {
  let said = error.message;
  if (error.status !== undefined) {
    const prefix = new RegExp(`^\\S+ ${error.status}(?: ${escape(error.code ?? '')})?(?::\\s*|$)`);
    said = said.replace(prefix, '');
  }
  said = withoutProviderName(said, error.provider);
  // A code the message already says ("fetch failed (bad port)") is not repeated in the head.
  const code = error.status === undefined && error.code && said.includes(error.code) ? undefined : error.code;
  const head = [error.provider, error.status, code].filter((v) => v !== undefined && v !== '').join(' ');
  if (!head) return said;
  if (error.status === undefined) return `${head} ${error.type}: ${said}`;
  return said ? `${head}: ${said}` : head;
}

/** A caller error (refused before sending): "<provider>: <message>" with the provider named once. */
function describeCallerError(error: AssetkitError): string {
  if (error.status !== undefined) return describeApiError(error);
  const said = withoutProviderName(error.message, error.provider);
  return error.provider && said !== error.message ? `${error.provider}: ${said}` : error.message;
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
      return { code: EXIT_USAGE, message: describeCallerError(error), hint: true };
    }
    return { code: EXIT_API, message: describeApiError(error), hint: false };
  }
  const message = error instanceof Error ? error.message : String(error);
  return { code: EXIT_API, message, hint: false };
}
