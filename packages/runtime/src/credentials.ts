import { ConfigurationError } from './errors.js';

/**
 * Why `value` cannot be an HTTP header value, or undefined when it can. fetch
 * would reject it with a TypeError quoting the whole value (the key) on the
 * first call; checking when the client is created names the option instead.
 */
function headerValueProblem(value: string): string | undefined {
  if (/[\r\n]/.test(value)) return 'contains a line break';
  if (value.includes('\0')) return 'contains a NUL character';
  // Header values are ByteStrings: every character must be Latin-1.
  if (/[^\x00-\xff]/.test(value)) return 'contains a character outside Latin-1 (a typo or a pasted look-alike?)';
  if (value !== value.trim()) return 'starts or ends with whitespace';
  return undefined;
}

/** Throws a ConfigurationError naming `source` (the option or environment variable) and the problem, never the value. */
export function checkHeaderCredential(provider: string, displayName: string, source: string, value: string): string {
  const problem = headerValueProblem(value);
  if (problem) throw new ConfigurationError(`${displayName}: ${source} ${problem}; it cannot be sent as a header`, { provider });
  return value;
}
