import { AmbiguousWriteError, AssetkitError } from '@assetkit/runtime/errors';

export function ambiguousCreate(what: string, cause: unknown, hint: string, assetId?: string): AmbiguousWriteError {
  return new AmbiguousWriteError(`${what}: the answer was lost (${(cause as Error)?.message ?? String(cause)}), so it may have been made; not repeated. ${hint}`, {
    provider: 'twelvelabs',
    cause,
    ...(assetId !== undefined && { assetId }),
  });
}

/**
 * Adds what happened to the session to an error thrown after it was created.
 * TwelveLabs has no operation to cancel a multipart session (research §2, §5),
 * so it cannot be cleaned up: it stays listed as incomplete until it expires.
 */
export function withSessionNote(error: unknown, note: string): unknown {
  if (error instanceof AssetkitError && !error.message.includes(note)) {
    try {
      error.message = `${error.message}. ${note}`;
    } catch {
      // a frozen error keeps its message
    }
  }
  return error;
}
