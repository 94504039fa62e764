/**
 * What a generated client knows about its provider, derived from the spec by
 * `pnpm generate` (servers, securitySchemes and the x-assetkit extensions).
 */
export interface ProviderDescriptor {
  /** Lower-case id, e.g. "twelvelabs". */
  provider: string;
  /** Human name for messages, e.g. "TwelveLabs". */
  displayName: string;
  /** Version of the provider package, for the User-Agent. */
  version?: string;
  /** The spec's servers; the first is the default base URL. */
  servers: readonly string[];
  /** The API key: the header it goes in and the environment variable it falls back to. */
  apiKey: { header: string; env: string };
  /** Present when the provider also needs a session from a token operation. */
  session?: SessionDescriptor;
}

export interface SessionDescriptor {
  /** Path of the token operation (POST). */
  tokenPath: string;
  /** Environment variables for the user's credentials. */
  env: { username: string; password: string };
  /** Request bodies; a string "$name" is replaced by that credential, "$a.b" by that field of the previous token response. */
  loginBody: Record<string, unknown>;
  refreshBody: Record<string, unknown>;
  /** Header name -> dot path into the token response. */
  headers: Record<string, string>;
  /** Dot paths into the token response. */
  expiresAt: string;
  refreshToken: string;
}
