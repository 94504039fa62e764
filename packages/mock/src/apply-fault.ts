import type { ServerResponse } from 'node:http';
import { sendBody } from './respond.js';
import type { FaultKind } from './types.js';

export interface FaultContext {
  res: ServerResponse;
  headers: Record<string, string>;
  /** The provider's error body for a 429 or 5xx. */
  errorBody(status: number): unknown;
  retryAfterSeconds: number;
  /** The body the request would have had, for a realistic truncated prefix. */
  normalBody(): string;
}

/** Answers (or refuses to answer) a request the way the fault says. */
export function applyFault(kind: FaultKind, ctx: FaultContext): void {
  const { res } = ctx;
  switch (kind) {
    case '429':
      sendBody(res, 429, JSON.stringify(ctx.errorBody(429)), { ...ctx.headers, 'retry-after': String(ctx.retryAfterSeconds) });
      return;
    case '500':
    case '502':
    case '503':
      sendBody(res, Number(kind), JSON.stringify(ctx.errorBody(Number(kind))), ctx.headers);
      return;
    case 'reset':
      // No response at all: the client sees the connection drop.
      res.socket?.destroy();
      return;
    case 'stall':
      // Nothing is ever sent; close() destroys the socket.
      return;
    case 'truncate': {
      const full = Buffer.from(ctx.normalBody());
      const sent = full.subarray(0, Math.max(1, Math.floor(full.length / 2)));
      res.writeHead(200, { ...ctx.headers, 'content-type': 'application/json', 'content-length': String(full.length + 64) });
      res.write(sent, () => res.socket?.destroy());
      return;
    }
    case 'non-json':
      // What a misbehaving proxy sends: a 200 that claims JSON but is an HTML page.
      sendBody(res, 200, '<html><body>oops: upstream error</body></html>', ctx.headers);
      return;
  }
}
