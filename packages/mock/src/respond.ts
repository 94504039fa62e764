import type { IncomingMessage, ServerResponse } from 'node:http';

/**
 * Headers every mock response carries: CORS (so browser demos can call the
 * mock directly) and a request id (so client errors can report one).
 */
export function baseHeaders(req: IncomingMessage, requestId: string): Record<string, string> {
  const requested = req.headers['access-control-request-headers'];
  return {
    'access-control-allow-origin': '*',
    // `*` does not cover Authorization in browsers, so echo what the preflight asked for.
    'access-control-allow-headers': typeof requested === 'string' && requested !== '' ? requested : '*',
    'access-control-allow-methods': 'GET, POST, PUT, PATCH, DELETE, OPTIONS',
    'access-control-expose-headers': '*',
    'x-request-id': requestId,
  };
}

/** Writes a complete response with an exact content-length. */
export function sendBody(res: ServerResponse, status: number, text: string, headers: Record<string, string>, contentType = 'application/json'): void {
  if (res.destroyed || res.headersSent) return;
  res.writeHead(status, {
    ...headers,
    ...(text === '' ? {} : { 'content-type': contentType }),
    'content-length': String(Buffer.byteLength(text)),
  });
  res.end(text);
}
