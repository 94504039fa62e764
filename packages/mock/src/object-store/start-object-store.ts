import { createHash, randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPartFaultSource } from './faults.js';
import { MultipartUpload } from './multipart-state.js';
import { EXPIRED_MESSAGE, sendS3Error } from './s3-xml.js';
import { createSigner, keyFromPath, pathFromKey, type UrlClaims } from './signing.js';
import { ObjectStoreError, type ObjectStore, type ObjectStoreOptions, type ObjectStoreStats, type StoredObject } from './types.js';

const MiB = 1024 * 1024;
/** Bounded state: the oldest open upload / object is dropped beyond these. */
const MAX_OPEN_UPLOADS = 1_000;
const MAX_OBJECTS = 10_000;
const MAX_PART_NUMBER = 10_000;
const MAX_COUNTED_PARTS = 100_000;

const CORS_HEADERS = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'PUT, GET, HEAD',
  'access-control-allow-headers': '*',
  // Without this a browser's fetch cannot read the ETag a multipart upload needs.
  'access-control-expose-headers': 'ETag, x-amz-request-id',
  'access-control-max-age': '600',
};

/**
 * An S3-like object store on 127.0.0.1 for upload tests: presigned PUT URLs
 * (single objects and multipart parts), S3's ETags and XML errors, expiry,
 * seeded faults. Objects are kept as size + hashes unless `keepBytes`.
 */
export async function startObjectStore(options: ObjectStoreOptions = {}): Promise<ObjectStore> {
  const minPartSize = options.minPartSize ?? 5 * MiB;
  const latencyMs = options.latencyMs ?? 0;
  const keepBytes = options.keepBytes ?? false;
  if (!(Number.isInteger(minPartSize) && minPartSize >= 0)) throw new RangeError(`minPartSize must be a non-negative integer, got ${minPartSize}`);
  const nextFault = createPartFaultSource(options.faults);
  const signer = createSigner();
  const uploads = new Map<string, MultipartUpload>();
  const objects = new Map<string, StoredObject>();
  let serial = 0;
  /** URLs with a serial below this were voided by expireAll(). */
  let validFromSerial = 0;
  const stats: ObjectStoreStats = { bytesReceived: 0, puts: 0, openUploads: 0, objects: 0, faults: {}, putsInFlight: 0, maxPutsInFlight: 0, partPuts: {} };
  const countFault = (kind: string) => (stats.faults[kind] = (stats.faults[kind] ?? 0) + 1);
  let closed = false;
  let partPutKeys = 0;

  const presign = (claims: Omit<UrlClaims, 'serial' | 'expires'>, expiresInSeconds = 3600): string => {
    if (!(Number.isFinite(expiresInSeconds) && expiresInSeconds >= 0)) throw new RangeError(`expiresInSeconds must be >= 0, got ${expiresInSeconds}`);
    const full: UrlClaims = { ...claims, expires: Math.floor(Date.now() / 1000) + Math.floor(expiresInSeconds), serial: serial++ };
    const q = new URLSearchParams();
    if (full.uploadId !== undefined) q.set('uploadId', full.uploadId);
    if (full.partNumber !== undefined) q.set('partNumber', String(full.partNumber));
    q.set('Expires', String(full.expires));
    q.set('X-Assetkit-Serial', String(full.serial));
    q.set('Signature', signer.sign(full));
    return `${url}${pathFromKey(full.key)}?${q}`;
  };

  const storeObject = (object: StoredObject) => {
    objects.delete(object.key);
    objects.set(object.key, object);
    if (objects.size > MAX_OBJECTS) objects.delete(objects.keys().next().value!);
    stats.objects = objects.size;
  };

  const findUpload = (key: string, uploadId: string): MultipartUpload => {
    const upload = uploads.get(uploadId);
    if (!upload || upload.key !== key) {
      throw new ObjectStoreError('NoSuchUpload', 'The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed.');
    }
    return upload;
  };

  const handlePut = (req: IncomingMessage, res: ServerResponse, requestId: string, u: URL) => {
    stats.puts++;
    stats.putsInFlight++;
    stats.maxPutsInFlight = Math.max(stats.maxPutsInFlight, stats.putsInFlight);
    let done = false;
    const finish = () => {
      if (!done) {
        done = true;
        stats.putsInFlight--;
      }
    };
    res.on('close', finish);
    req.on('data', (chunk: Buffer) => (stats.bytesReceived += chunk.length));

    // Answer after the body has arrived, so a client still sending does not see a reset instead of our answer.
    const refuse = (status: number, code: string, message: string, extra?: Record<string, string>) => {
      req.resume();
      req.on('end', () => sendS3Error(res, status, code, message, requestId, extra));
    };

    const q = u.searchParams;
    const key = keyFromPath(u.pathname);
    const uploadId = q.get('uploadId') ?? undefined;
    const partNumberText = q.get('partNumber');
    const partNumber = partNumberText === null ? undefined : Number(partNumberText);
    const expires = Number(q.get('Expires'));
    const signature = q.get('Signature');
    const urlSerial = Number(q.get('X-Assetkit-Serial'));
    if (!signature || !q.has('Expires') || !q.has('X-Assetkit-Serial')) {
      return refuse(403, 'AccessDenied', 'Query-string authentication requires the Signature and Expires parameters');
    }
    if (!signer.verify({ key, uploadId, partNumber, expires, serial: urlSerial }, signature)) {
      countFault('badSignature');
      return refuse(403, 'SignatureDoesNotMatch', 'The request signature we calculated does not match the signature you provided.');
    }
    const expiredExtra = { Expires: new Date(expires * 1000).toISOString(), ServerTime: new Date().toISOString() };
    if (Date.now() / 1000 >= expires || urlSerial < validFromSerial) {
      countFault('expiredUrl');
      return refuse(403, 'AccessDenied', EXPIRED_MESSAGE, expiredExtra);
    }
    if (req.headers['content-length'] === undefined) {
      return refuse(411, 'MissingContentLength', 'You must provide the Content-Length HTTP header.');
    }
    let upload: MultipartUpload | undefined;
    if (uploadId !== undefined) {
      if (!(partNumber !== undefined && Number.isInteger(partNumber) && partNumber >= 1 && partNumber <= MAX_PART_NUMBER)) {
        return refuse(400, 'InvalidArgument', `Part number must be an integer between 1 and ${MAX_PART_NUMBER}, inclusive`);
      }
      upload = uploads.get(uploadId);
      if (!upload || upload.key !== key) return refuse(404, 'NoSuchUpload', 'The specified upload does not exist.');
    }

    const fault = nextFault();
    if (fault) countFault(fault);
    if (fault === 'expired') return refuse(403, 'AccessDenied', EXPIRED_MESSAGE, expiredExtra);
    if (fault === 'reset') {
      // Cut the connection once part of the body has arrived: the client sees a reset mid-upload.
      const cut = () => req.socket.destroy();
      req.once('data', cut);
      req.once('end', cut);
      return;
    }
    if (fault === 'stall') {
      req.resume(); // take the body, never answer
      return;
    }

    const part = upload?.beginPart(partNumber!);
    const md5 = part ? undefined : createHash('md5');
    const sha = part ? undefined : createHash('sha256');
    const chunks: Buffer[] = [];
    let size = 0;
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (part) part.write(chunk);
      else {
        md5!.update(chunk);
        sha!.update(chunk);
        if (keepBytes) chunks.push(chunk);
      }
    });
    req.on('error', () => part?.discard());
    req.on('aborted', () => part?.discard());
    req.on('end', () => {
      const answer = () => {
        if (closed || res.destroyed) return part?.discard();
        if (fault === '500') {
          part?.discard();
          return sendS3Error(res, 500, 'InternalError', 'We encountered an internal error. Please try again.', requestId);
        }
        let etag: string;
        if (part) {
          // The upload may have been completed or aborted while this part was arriving.
          if (uploads.get(uploadId!) !== upload) {
            part.discard();
            return sendS3Error(res, 404, 'NoSuchUpload', 'The specified upload does not exist.', requestId);
          }
          const record = part.commit();
          etag = `"${record.md5}"`;
          const id = `${uploadId}:${partNumber}`;
          // Bounded: past MAX_COUNTED_PARTS distinct parts, new ones are no longer counted.
          if (id in stats.partPuts || partPutKeys++ < MAX_COUNTED_PARTS) stats.partPuts[id] = (stats.partPuts[id] ?? 0) + 1;
        } else {
          etag = `"${md5!.digest('hex')}"`;
          const object: StoredObject = { key, size, sha256: sha!.digest('hex'), etag };
          if (keepBytes) {
            const bytes = Buffer.concat(chunks);
            object.bytes = new Uint8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength);
          }
          storeObject(object);
        }
        res.writeHead(200, { etag, 'content-length': 0 });
        res.end();
      };
      if (latencyMs > 0) setTimeout(answer, latencyMs);
      else answer();
    });
  };

  const server = createServer((req, res) => {
    const requestId = randomBytes(8).toString('hex').toUpperCase();
    for (const [k, v] of Object.entries(CORS_HEADERS)) res.setHeader(k, v);
    res.setHeader('x-amz-request-id', requestId);
    const u = new URL(req.url ?? '/', 'http://127.0.0.1');
    if (req.method === 'OPTIONS') {
      res.writeHead(200, { 'content-length': 0 });
      return res.end();
    }
    if (req.method === 'PUT') return handlePut(req, res, requestId, u);
    req.resume();
    req.on('end', () => sendS3Error(res, 405, 'MethodNotAllowed', 'The specified method is not allowed against this resource.', requestId));
  });
  server.keepAliveTimeout = 5_000;
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
  });
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  return {
    url,
    presignPut: (key, opts) => presign({ key }, opts?.expiresInSeconds),
    createMultipartUpload(key) {
      const uploadId = randomBytes(24).toString('base64url');
      uploads.set(uploadId, new MultipartUpload(key, uploadId, keepBytes));
      if (uploads.size > MAX_OPEN_UPLOADS) {
        const oldest = uploads.keys().next().value!;
        uploads.get(oldest)!.dispose();
        uploads.delete(oldest);
      }
      stats.openUploads = uploads.size;
      return uploadId;
    },
    presignPart(key, uploadId, partNumber, opts) {
      if (!(Number.isInteger(partNumber) && partNumber >= 1 && partNumber <= MAX_PART_NUMBER)) {
        throw new RangeError(`partNumber must be an integer between 1 and ${MAX_PART_NUMBER}, got ${partNumber}`);
      }
      findUpload(key, uploadId);
      return presign({ key, uploadId, partNumber }, opts?.expiresInSeconds);
    },
    completeMultipartUpload(key, uploadId, parts) {
      const upload = findUpload(key, uploadId);
      const object = upload.complete(parts, minPartSize);
      uploads.delete(uploadId);
      stats.openUploads = uploads.size;
      storeObject(object);
      return object;
    },
    abortMultipartUpload(key, uploadId) {
      const upload = findUpload(key, uploadId);
      upload.dispose();
      uploads.delete(uploadId);
      stats.openUploads = uploads.size;
    },
    listParts(key, uploadId) {
      const upload = findUpload(key, uploadId);
      return [...upload.parts.values()]
        .sort((a, b) => a.partNumber - b.partNumber)
        .map((p) => ({ partNumber: p.partNumber, etag: `"${p.md5}"`, size: p.size }));
    },
    getObject: (key) => objects.get(key),
    expireAll() {
      validFromSerial = serial;
    },
    stats: () => ({ ...stats, faults: { ...stats.faults }, partPuts: { ...stats.partPuts } }),
    close: () =>
      new Promise<void>((resolve) => {
        closed = true;
        for (const upload of uploads.values()) upload.dispose();
        server.close(() => resolve());
        // Stalled and keep-alive sockets would otherwise hold close() open.
        server.closeAllConnections();
      }),
  };
}
