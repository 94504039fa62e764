/** Replaces every known secret in `text` with a fixed marker. Secrets shorter than 4 characters are ignored to avoid mangling ordinary text. */
export function redact(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret && secret.length >= 4 && out.includes(secret)) out = out.split(secret).join('[REDACTED]');
  }
  return out;
}

/** The hook util.inspect and console.log use; a symbol, so no import of node:util is needed. */
export const inspectSymbol: unique symbol = Symbol.for('nodejs.util.inspect.custom') as never;
