import type { AssetKind } from './asset.js';

/** Kind from a MIME type: the top-level type, plus the document types people upload. */
export function kindFromMime(mime: string | undefined): AssetKind {
  if (!mime) return 'other';
  const [top, sub = ''] = mime.toLowerCase().split(';')[0]!.trim().split('/');
  if (top === 'image' || top === 'video' || top === 'audio') return top;
  if (top === 'text' || /pdf|msword|officedocument|opendocument|rtf|presentation|spreadsheet|epub/.test(sub)) return 'document';
  return 'other';
}

const BY_EXTENSION: Record<string, string> = {
  jpg: 'image/jpeg', jpeg: 'image/jpeg', png: 'image/png', gif: 'image/gif', webp: 'image/webp', svg: 'image/svg+xml',
  tif: 'image/tiff', tiff: 'image/tiff', heic: 'image/heic', psd: 'image/vnd.adobe.photoshop',
  mp4: 'video/mp4', mov: 'video/quicktime', webm: 'video/webm', mkv: 'video/x-matroska', avi: 'video/x-msvideo',
  mp3: 'audio/mpeg', wav: 'audio/wav', aac: 'audio/aac', flac: 'audio/flac', ogg: 'audio/ogg', m4a: 'audio/mp4',
  pdf: 'application/pdf', doc: 'application/msword', txt: 'text/plain',
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pptx: 'application/vnd.openxmlformats-officedocument.presentationml.presentation',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
};

/** MIME type guessed from a file name's extension, for providers that send no MIME type. */
export function mimeFromFilename(name: string | undefined): string | undefined {
  const dot = name?.lastIndexOf('.') ?? -1;
  return dot < 0 ? undefined : BY_EXTENSION[name!.slice(dot + 1).toLowerCase()];
}
