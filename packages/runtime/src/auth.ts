/** How a client authenticates its requests. */
export interface AuthStrategy {
  /** Headers that never change (an API key): set once on the client, so a request needs no per-attempt work. */
  staticHeaders: Record<string, string>;
  /** Headers that can change between attempts (session tokens); absent for static auth. */
  headers?(signal: AbortSignal): Promise<Record<string, string>>;
  /**
   * Called when a request came back 401 having sent `sent` (what headers() returned).
   * Resolves true when fresh credentials were obtained and one more try makes sense.
   */
  onUnauthorized?(sent: Record<string, string>, signal: AbortSignal): Promise<boolean>;
  /** Every secret this strategy holds, for redaction. */
  secrets(): (string | undefined)[];
}

/** A static API key in one header. */
export function apiKeyAuth(header: string, apiKey: string): AuthStrategy {
  return { staticHeaders: { [header]: apiKey }, secrets: () => [apiKey] };
}
