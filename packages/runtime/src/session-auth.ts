import type { AuthStrategy } from './auth.js';

/** The tokens of a session, as a token operation returns them. */
export interface Session {
  /** Header name -> token value, sent with every authenticated request. */
  headers: Record<string, string>;
  refreshToken: string | undefined;
  /** Expiry of the access token, ms since epoch. */
  expiresAt: number;
  /** The token response as received (refresh requests may echo parts of it). */
  raw: unknown;
}

export interface SessionAuthConfig {
  /** Static headers sent alongside the session (e.g. the API key). */
  staticHeaders: Record<string, string>;
  /** Logs in with the user's credentials. */
  login(signal: AbortSignal): Promise<Session>;
  /** Exchanges a session's refresh token for a new session. */
  refresh(session: Session, signal: AbortSignal): Promise<Session>;
  /** Refresh this long before expiry, so a request never leaves with a token about to lapse. Default 60 s. */
  refreshMarginMs?: number;
  now?: () => number;
  /** Secrets beyond the session tokens (API key, password). */
  secrets(): (string | undefined)[];
}

/**
 * Session-token auth: logs in once, caches the session, refreshes it before
 * expiry (or once after a 401), and makes concurrent callers share one token
 * request (single flight). Falls back to a fresh login when refresh fails.
 */
export function sessionAuth(config: SessionAuthConfig): AuthStrategy & { session(): Session | undefined } {
  const margin = config.refreshMarginMs ?? 60_000;
  const now = config.now ?? Date.now;
  let current: Session | undefined;
  let inflight: Promise<Session> | undefined;

  // The token request must not die with one caller's signal: others may be waiting on it.
  const shared = new AbortController().signal;

  function renew(): Promise<Session> {
    inflight ??= (async () => {
      try {
        const previous = current;
        if (previous?.refreshToken) {
          try {
            current = await config.refresh(previous, shared);
            return current;
          } catch {
            // an expired or revoked refresh token: start over with the credentials
          }
        }
        current = await config.login(shared);
        return current;
      } finally {
        inflight = undefined;
      }
    })();
    return inflight;
  }

  const withAbort = <T>(promise: Promise<T>, signal: AbortSignal): Promise<T> =>
    signal.aborted
      ? Promise.reject(signal.reason)
      : new Promise<T>((resolve, reject) => {
          const onAbort = () => reject(signal.reason);
          signal.addEventListener('abort', onAbort, { once: true });
          promise.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
        });

  return {
    staticHeaders: config.staticHeaders,
    async headers(signal) {
      let session = current;
      if (!session || session.expiresAt - margin <= now()) session = await withAbort(renew(), signal);
      return session.headers;
    },
    async onUnauthorized(sent, signal) {
      // Renew only if no other caller already replaced the token this request used.
      const stale = !current || Object.entries(current.headers).every(([name, value]) => sent[name] === value);
      if (stale) {
        if (current) current = { ...current, expiresAt: 0 }; // refresh first, log in only if that fails
        await withAbort(renew(), signal);
      }
      return true;
    },
    secrets: () => [...config.secrets(), ...Object.values(current?.headers ?? {}), current?.refreshToken],
    session: () => current,
  };
}
