import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Presigned URLs in the shape of S3's query-string authentication (SigV2:
 * `Expires` in epoch seconds, `Signature`), plus a serial so `expireAll()` can
 * void every URL issued so far. The HMAC covers everything a client could
 * tamper with: key, upload, part, expiry, serial.
 */
export interface UrlClaims {
  key: string;
  uploadId?: string | undefined;
  partNumber?: number | undefined;
  /** Epoch seconds. */
  expires: number;
  serial: number;
}

export function createSigner() {
  // Per store: a URL signed by one store instance is refused by another.
  const secret = randomBytes(32);
  const sign = (c: UrlClaims) =>
    createHmac('sha256', secret)
      .update(['PUT', c.key, c.uploadId ?? '', c.partNumber ?? '', c.expires, c.serial].join('\n'))
      .digest('base64url');
  return {
    sign,
    verify(c: UrlClaims, signature: string): boolean {
      const expected = Buffer.from(sign(c));
      const given = Buffer.from(signature);
      return expected.length === given.length && timingSafeEqual(expected, given);
    },
  };
}

/** The object key from a request path: `/a/b%20c.mp4` -> `a/b c.mp4`. */
export function keyFromPath(pathname: string): string {
  return decodeURIComponent(pathname.slice(1));
}

export function pathFromKey(key: string): string {
  return '/' + key.split('/').map(encodeURIComponent).join('/');
}
