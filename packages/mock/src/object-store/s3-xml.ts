import type { ServerResponse } from 'node:http';

const escapeXml = (s: string) => s.replace(/[<>&'"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** S3's error document, as S3 shapes it, so a client parsing S3 errors reads ours the same way. */
export function s3ErrorXml(code: string, message: string, requestId: string, extra: Record<string, string> = {}): string {
  const fields = Object.entries(extra)
    .map(([k, v]) => `<${k}>${escapeXml(v)}</${k}>`)
    .join('');
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    `<Error><Code>${code}</Code><Message>${escapeXml(message)}</Message>${fields}<RequestId>${requestId}</RequestId><HostId>assetkit-mock</HostId></Error>`
  );
}

export function sendS3Error(res: ServerResponse, status: number, code: string, message: string, requestId: string, extra?: Record<string, string>): void {
  const body = s3ErrorXml(code, message, requestId, extra);
  res.writeHead(status, { 'content-type': 'application/xml', 'content-length': Buffer.byteLength(body) });
  res.end(body);
}

export const EXPIRED_MESSAGE = 'Request has expired';
