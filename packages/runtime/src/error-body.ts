/** What an error body says, whichever provider's shape it has. */
export interface ParsedErrorBody {
  code?: string | undefined;
  message?: string | undefined;
  detail?: string | undefined;
}

const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);
const obj = (v: unknown): Record<string, unknown> | undefined =>
  v !== null && typeof v === 'object' && !Array.isArray(v) ? (v as Record<string, unknown>) : undefined;

/**
 * Reads code/message from the error bodies the providers send:
 * `{code, message, docs_url}` (TwelveLabs), `{data, err: {code, message}}` (RenderNet),
 * `{message, detail}` and `{status: "error", message}` (Tenovos). Anything else yields `{}`.
 */
export function parseErrorBody(body: unknown): ParsedErrorBody {
  const top = obj(body);
  if (!top) return {};
  const err = obj(top.err) ?? obj(top.error);
  const source = err && (str(err.code) || str(err.message)) ? err : top;
  return { code: str(source.code), message: str(source.message), detail: str(top.detail) };
}
