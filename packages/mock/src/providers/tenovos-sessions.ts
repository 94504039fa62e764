import { createPrng } from '../prng.js';

export interface IssuedSession {
  authorization: string;
  accessToken: string;
  refreshToken: string;
  expireEpoch: number;
}

function b64url(value: unknown): string {
  return Buffer.from(JSON.stringify(value)).toString('base64url');
}

/**
 * Issues and checks Tenovos sessions. Tokens look like the vendor's (JWT-shaped,
 * three dot-separated parts) but are opaque random strings to the mock: only
 * the store knows them. Refresh tokens stay valid; access tokens expire.
 */
export function createSessionStore(options: { seed: number; ttlMs: number; username: string }) {
  const prng = createPrng(options.seed);
  const byAccess = new Map<string, IssuedSession>();
  const byAuthorization = new Map<string, IssuedSession>();
  const refreshTokens = new Set<string>();
  let issued = 0;

  const jwt = (use: string) =>
    `${b64url({ kid: 'mock', alg: 'RS256' })}.${b64url({ sub: options.username, token_use: use, n: issued })}.${prng.hex(43)}`;

  return {
    issue(): IssuedSession {
      issued++;
      const session: IssuedSession = {
        authorization: jwt('id'),
        accessToken: jwt('access'),
        refreshToken: `${b64url({ cty: 'JWT', enc: 'A256GCM' })}.${prng.hex(64)}`,
        expireEpoch: Date.now() + options.ttlMs,
      };
      byAccess.set(session.accessToken, session);
      byAuthorization.set(session.authorization, session);
      refreshTokens.add(session.refreshToken);
      return session;
    },
    knowsRefreshToken: (token: string) => refreshTokens.has(token),
    /**
     * Whether the headers belong to one live session. AccessToken is optional
     * (the newer 1.5 pages leave it out, TV-C13), but when sent it must match.
     */
    isLive(authorization: string | undefined, accessToken: string | undefined): boolean {
      if (!authorization) return false;
      const session = byAuthorization.get(authorization);
      if (session === undefined || Date.now() >= session.expireEpoch) return false;
      return accessToken === undefined || byAccess.get(accessToken) === session;
    },
    expireAll(): void {
      const now = Date.now();
      for (const session of byAccess.values()) session.expireEpoch = Math.min(session.expireEpoch, now - 1);
    },
  };
}
