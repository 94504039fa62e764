import { InvalidRequestError } from '@assetkit/runtime/errors';

/** What TwelveLabs calls an asset's kind; it decides the size limits and whether multipart is allowed. */
export type AssetKind = 'video' | 'audio' | 'image' | 'document';

// Decimal units on purpose: the vendor writes "200 MB", "10 GB" without saying which; the decimal reading
// is the smaller one, so a file we let through is within the limit under either reading.
const MB = 1000 * 1000;
const GB = 1000 * MB;

/** The vendor's limits per kind (research §5, OAS 2026-07-30 and twelvelabs-js 1.3.4). */
export const LIMITS: Record<AssetKind, { direct: number; url: number; multipart: number | undefined }> = {
  video: { direct: 200 * MB, url: 4 * GB, multipart: 10 * GB },
  audio: { direct: 200 * MB, url: 4 * GB, multipart: 10 * GB },
  image: { direct: 32 * MB, url: 32 * MB, multipart: 32 * MB },
  // Documents cannot go through a multipart session (the M1 `type` enum has no `document`).
  document: { direct: 200 * MB, url: 512 * MB, multipart: undefined },
};

const BY_EXTENSION: Record<string, AssetKind> = {};
for (const [kind, exts] of [
  ['video', 'mp4 m4v mov qt webm mkv avi wmv flv mpeg mpg 3gp ts mts m2ts ogv'],
  ['audio', 'mp3 wav m4a aac flac ogg oga opus wma aiff aif'],
  ['image', 'jpg jpeg png webp gif bmp tif tiff heic heif'],
  ['document', 'pdf txt md markdown'],
] as const) {
  for (const ext of exts.split(' ')) BY_EXTENSION[ext] = kind;
}

const EXTENSION_BY_MIME: Record<string, string> = {
  'video/mp4': 'mp4', 'video/quicktime': 'mov', 'video/webm': 'webm', 'video/x-matroska': 'mkv',
  'audio/mpeg': 'mp3', 'audio/wav': 'wav', 'audio/x-wav': 'wav', 'audio/mp4': 'm4a', 'audio/flac': 'flac', 'audio/ogg': 'ogg',
  'image/jpeg': 'jpg', 'image/png': 'png', 'image/webp': 'webp', 'image/gif': 'gif',
  'application/pdf': 'pdf', 'text/plain': 'txt', 'text/markdown': 'md',
};

function kindOfMime(mime: string | undefined): AssetKind | undefined {
  if (!mime) return undefined;
  if (mime === 'application/pdf' || mime === 'text/plain' || mime === 'text/markdown') return 'document';
  const top = mime.split('/')[0];
  return top === 'video' || top === 'audio' || top === 'image' ? top : undefined;
}

/**
 * The kind of a file from what the caller said, else its name's extension
 * (case-insensitive, as the platform matches them), else its MIME type. An
 * unknown or unsupported type is refused here, before anything is sent.
 */
export function resolveKind(given: { kind?: AssetKind | undefined; filename: string | undefined; mime: string | undefined }): AssetKind {
  if (given.kind !== undefined) {
    if (!(given.kind in LIMITS)) throw new InvalidRequestError(`kind must be one of video, audio, image, document; got ${String(given.kind)}`, { provider: 'twelvelabs' });
    return given.kind;
  }
  const ext = /\.([a-z0-9]+)$/i.exec(given.filename ?? '')?.[1]?.toLowerCase();
  const byExt = ext === undefined ? undefined : BY_EXTENSION[ext];
  if (byExt) return byExt;
  const byMime = kindOfMime(given.mime);
  if (byMime && ext === undefined) return byMime;
  const what = ext !== undefined ? `.${ext} files` : given.mime ? `${given.mime} content` : 'a file without an extension or MIME type';
  throw new InvalidRequestError(
    `TwelveLabs does not take ${what}: it accepts video, audio, images, PDF, text and Markdown. Name the file with its extension (name: 'clip.mp4') or pass kind.`,
    { provider: 'twelvelabs' },
  );
}

/** A file name with an extension for content that has none (bytes or a stream), from its MIME type or kind. */
export function defaultFilename(mime: string | undefined, kind: AssetKind | undefined): string {
  const ext = (mime && EXTENSION_BY_MIME[mime]) ?? (kind === 'video' ? 'mp4' : kind === 'audio' ? 'mp3' : kind === 'image' ? 'jpg' : kind === 'document' ? 'pdf' : undefined);
  return ext ? `upload.${ext}` : 'upload';
}

export function formatBytes(n: number): string {
  if (n >= GB) return `${+(n / GB).toFixed(2)} GB`;
  if (n >= MB) return `${+(n / MB).toFixed(2)} MB`;
  return `${n} bytes`;
}

/** Refuses a file over the vendor's limit for its kind and route, naming the limit. */
export function checkSize(kind: AssetKind, size: number, route: 'direct' | 'multipart'): void {
  const limits = LIMITS[kind];
  const limit = route === 'multipart' ? limits.multipart : limits.direct;
  if (limit === undefined || (limits.multipart === undefined && size > limits.direct)) {
    throw new InvalidRequestError(
      `a ${kind} of ${formatBytes(size)} is over TwelveLabs' direct-upload limit of ${formatBytes(limits.direct)} and ${kind}s cannot use multipart uploads; upload it by URL (up to ${formatBytes(limits.url)})`,
      { provider: 'twelvelabs' },
    );
  }
  if (size > limit) {
    throw new InvalidRequestError(
      `the ${kind} is ${formatBytes(size)} (${size} bytes); TwelveLabs takes ${kind}s of at most ${formatBytes(limit)}${route === 'multipart' ? ' (multipart upload)' : ''}`,
      { provider: 'twelvelabs' },
    );
  }
}
