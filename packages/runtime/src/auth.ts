/** How a client authenticates its requests. */
export interface AuthStrategy {
  /** Headers to add to the next attempt. */
  headers(signal: AbortSignal): Promise<Record<string, string>> | Record<string, string>;
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
  const headers = { [header]: apiKey };
  return { headers: () => headers, secrets: () => [apiKey] };
}
