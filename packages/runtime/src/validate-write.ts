// Checks for what a write sends (metadata, file names, file sizes), run before
// anything goes on the wire: input a provider would refuse, silently change or
// silently drop is refused here with an InvalidRequestError naming the field,
// the key and the rule. Its own entry point (`@assetkit/runtime/validate`), so
// read-only bundles do not carry it. Messages never contain a value, only a
// short escaped preview of a key or name, so no secret or megabyte ends up in a log.
import { InvalidRequestError, UnsupportedError } from './errors.js';

export type WriteProvider = 'twelvelabs' | 'rendernet' | 'tenovos';

/**
 * How the metadata is written.
 * - TwelveLabs: `create` (POST /assets `user_metadata`, multipart session create), `merge` (PATCH: null
 *   removes a key), `replace` (PUT: null is ignored, so the key ends up absent).
 * - Tenovos: `create` (POST /asset: a document or null), `merge` (PATCH /asset/{id}: a document).
 */
export type MetadataMode = 'create' | 'merge' | 'replace';

export interface CheckOptions {
  /** The request field named in messages (default: the provider's own name for it). */
  field?: string;
}
export interface MetadataCheckOptions extends CheckOptions {
  /** Default `merge`. */
  mode?: MetadataMode;
}
export interface FileSizeCheckOptions extends CheckOptions {
  /** TwelveLabs: `direct` (one form upload, the default) or `multipart` (a session). Tenovos: `single` (one PUT) or `multipart` (parts). */
  method?: 'direct' | 'multipart' | 'single';
  /** TwelveLabs: the kind of file, whose limits differ. Default `video`. */
  type?: 'video' | 'audio' | 'image' | 'document';
}

const NAMES: Record<WriteProvider, string> = { twelvelabs: 'TwelveLabs', rendernet: 'RenderNet', tenovos: 'Tenovos' };

const MiB = 1024 * 1024;
const GiB = 1024 * MiB;
const MB = 1000 * 1000;

/**
 * Byte limits. TwelveLabs (research/twelvelabs.md, specs/twelvelabs.yaml): local files up to 200 MB
 * (images 32 MB), multipart sessions up to 10 GB (images 32 MB); the stricter reading of each
 * MB/GB is used, so nothing accepted here is over the documented limit. Tenovos (TV-C35): one PUT
 * up to 5 GB; in parts of a fixed 100 MB at most 10,000 parts (S3's limit; inferred).
 */
export const FILE_SIZE_LIMITS = {
  twelvelabs: {
    direct: { video: 200 * MB, audio: 200 * MB, document: 200 * MB, image: 32 * MB },
    multipart: { video: 10 * GiB, audio: 10 * GiB, image: 32 * MB },
  },
  tenovos: { single: 5 * GiB, multipart: 10_000 * 100 * MB },
} as const;

/** TwelveLabs `filename`: 1–255 characters (TL-C24), counted as UTF-16 units, the stricter count. */
const TL_MAX_NAME = 255;
/**
 * Tenovos keeps the file at `masters/<fileId>/<filename>` (the s3Key of its complete answer); an S3
 * key is at most 1024 UTF-8 bytes, so the name is at most 1024 - 45 bytes (inferred).
 */
const TV_MAX_NAME_BYTES = 1024 - 'masters/'.length - 36 - 1;

const LONE_SURROGATE = /\p{Cs}/u;
const CONTROL = /\p{Cc}/u;

/** A short, escaped, single-line preview of a key or name for a message: controls, format characters and lone surrogates as \u{...}. */
export function preview(text: string, max = 40): string {
  const points = Array.from(text);
  const shown = points
    .slice(0, max)
    .map((c) => (/[\p{Cc}\p{Cf}\p{Zl}\p{Zp}\p{Cs}"\\]/u.test(c) ? `\\u{${c.codePointAt(0)!.toString(16)}}` : c))
    .join('');
  return points.length > max ? `"${shown}…" (${points.length} characters)` : `"${shown}"`;
}

function fail(provider: WriteProvider, code: string, message: string): never {
  throw new InvalidRequestError(`${NAMES[provider]}: ${message}`, { provider, code });
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : Number.isFinite(value) ? 'a number out of range' : String(value);
  if (typeof value === 'object') return 'an object';
  return typeof value === 'string' ? (value === '' ? 'an empty string' : 'a string') : typeof value;
}

/** A plain object: its JSON is exactly its own enumerable string keys (a Map, Date or class instance is not). */
function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/** Numbers JSON carries exactly into every reader: finite, and integers only within ±(2^53 − 1). */
function isExactNumber(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && Math.abs(value) <= Number.MAX_SAFE_INTEGER;
}

function checkText(provider: WriteProvider, what: string, text: string): void {
  // JSON would carry a lone surrogate, but FormData replaces it with U+FFFD and UTF-8 storage cannot hold it.
  if (LONE_SURROGATE.test(text)) fail(provider, 'invalid_unicode', `${what} contains a lone surrogate (not well-formed Unicode)`);
}

function checkScalar(provider: WriteProvider, where: string, value: unknown, allowNull: boolean, allowEmpty: boolean): void {
  if (value === null && allowNull) return;
  if (typeof value === 'boolean') return;
  if (typeof value === 'string') {
    if (value === '' && !allowEmpty) fail(provider, 'metadata_empty_string', `${where}: an empty string is ignored by ${NAMES[provider]}, so it would not be stored; leave the key out, or use null to remove it (merge)`);
    checkText(provider, `${where}: the value`, value);
    return;
  }
  if (typeof value === 'number') {
    if (isExactNumber(value)) return;
    // NaN and ±Infinity become null in JSON: in a merge that would delete the key.
    fail(provider, 'metadata_value_range', `${where}: ${describe(value)} cannot be sent; numbers must be finite and within ±(2^53 − 1) (send larger ones as strings)`);
  }
  const allowed = `a string, a finite number${allowNull ? ', a boolean or null' : ' or a boolean'}`;
  fail(provider, 'metadata_value_type', `${where}: the value must be ${allowed}, not ${describe(value)}${value === undefined && allowNull ? ' (use null to remove a key, or leave the key out)' : ''}`);
}

function checkTwelveLabsMetadata(metadata: unknown, mode: MetadataMode, field: string): void {
  const p = 'twelvelabs';
  if (!isPlainObject(metadata)) fail(p, 'metadata_not_object', `${field} must be a plain object of key -> value, not ${describe(metadata)}`);
  for (const key of Object.keys(metadata)) {
    if (key === '') fail(p, 'metadata_key_empty', `${field} has an empty key`);
    checkText(p, `${field} key ${preview(key)}`, key);
    // create: values are stored as given (null is not a value); merge: null removes; replace: null is ignored (TL-C29).
    checkScalar(p, `${field} key ${preview(key)}`, metadata[key], mode !== 'create', false);
  }
}

const TV_ITEM_KEYS = new Set(['metadataDefinitionId', 'metadataDefinitionValue', 'metadataDefinitionTableValue']);
const TV_CELL_KEYS = new Set(['metadataDefinitionId', 'metadataDefinitionValue']);

function checkTenovosValue(where: string, value: unknown): void {
  const p = 'tenovos';
  const one = (v: unknown, at: string) => {
    if (isPlainObject(v) && 'valueId' in v) {
      // A controlled-vocabulary value, by id (TV-C21).
      if (Object.keys(v).length !== 1 || typeof v.valueId !== 'string' || v.valueId === '') fail(p, 'metadata_value_type', `${at}: a vocabulary value is {valueId: "<non-empty string>"} and nothing else`);
      checkText(p, `${at}: the valueId`, v.valueId);
      return;
    }
    checkScalar(p, at, v, true, true);
  };
  if (Array.isArray(value)) value.forEach((v, i) => one(v, `${where}[${i}]`));
  else one(value, where);
}

function checkTenovosCell(cell: unknown, at: string, keys: ReadonlySet<string>): Record<string, unknown> {
  const p = 'tenovos';
  if (!isPlainObject(cell)) fail(p, 'metadata_item', `${at} must be an object {metadataDefinitionId, metadataDefinitionValue?}, not ${describe(cell)}`);
  const id = cell.metadataDefinitionId;
  if (typeof id !== 'string' || id.trim() === '') fail(p, 'metadata_definition_id', `${at}.metadataDefinitionId must be a non-empty string`);
  checkText(p, `${at}.metadataDefinitionId`, id);
  // A misspelt property would be dropped by the service without a word.
  for (const k of Object.keys(cell)) if (!keys.has(k)) fail(p, 'metadata_unknown_property', `${at} has an unknown property ${preview(k)} (expected ${[...keys].join(', ')})`);
  if ('metadataDefinitionValue' in cell) checkTenovosValue(`${at}.metadataDefinitionValue`, cell.metadataDefinitionValue);
  return cell;
}

function checkTenovosMetadata(document: unknown, mode: MetadataMode, field: string): void {
  const p = 'tenovos';
  if (mode === 'replace') throw new UnsupportedError('Tenovos: metadata cannot be replaced as a whole; PATCH /asset/{id} merges by definition id', { provider: p });
  if (document === null && mode === 'create') return; // TV-C24: "required and nullable"
  if (!Array.isArray(document)) fail(p, 'metadata_not_array', `${field} must be an array of {metadataDefinitionId, ...} items${mode === 'create' ? ' or null' : ''}, not ${describe(document)}`);
  const seen = new Map<string, number>();
  document.forEach((item, i) => {
    const at = `${field}[${i}]`;
    const cell = checkTenovosCell(item, at, TV_ITEM_KEYS);
    // Two values for one attribute in one write: which one wins is not documented.
    const first = seen.get(cell.metadataDefinitionId as string);
    if (first !== undefined) fail(p, 'metadata_duplicate', `${at} repeats the metadataDefinitionId of ${field}[${first}]; give each attribute once`);
    seen.set(cell.metadataDefinitionId as string, i);
    if (!('metadataDefinitionTableValue' in cell)) return;
    if ('metadataDefinitionValue' in cell) fail(p, 'metadata_item', `${at} has both metadataDefinitionValue and metadataDefinitionTableValue`);
    const table = cell.metadataDefinitionTableValue;
    if (!Array.isArray(table) || !table.every(Array.isArray)) fail(p, 'metadata_table', `${at}.metadataDefinitionTableValue must be an array of rows, each an array of cells`);
    (table as unknown[][]).forEach((row, r) => row.forEach((c, j) => checkTenovosCell(c, `${at}.metadataDefinitionTableValue[${r}][${j}]`, TV_CELL_KEYS)));
  });
}

/**
 * Checks metadata before a write. TwelveLabs: a plain object whose keys are non-empty and whose
 * values are strings (not empty: the API ignores ""), finite numbers within ±(2^53 − 1), booleans,
 * or null where the mode gives null a meaning. Tenovos: a metadata document (array of
 * `{metadataDefinitionId, metadataDefinitionValue | metadataDefinitionTableValue}`), or null on create.
 * Keys such as `__proto__` are ordinary keys. Throws InvalidRequestError (code = the rule).
 */
export function checkMetadata(provider: 'twelvelabs' | 'tenovos', metadata: unknown, options: MetadataCheckOptions = {}): void {
  const mode = options.mode ?? 'merge';
  if (provider === 'twelvelabs') return checkTwelveLabsMetadata(metadata, mode, options.field ?? 'user_metadata');
  if (provider === 'tenovos') return checkTenovosMetadata(metadata, mode, options.field ?? 'metadata');
  throw new UnsupportedError(`${NAMES[provider as WriteProvider] ?? String(provider)} does not store metadata`, { provider: String(provider) });
}

/**
 * Checks a file name before a create. Refused: not a string, empty or blank, `.`/`..`, a path
 * (`/` or `\`), control characters (U+0000–U+001F, U+007F–U+009F: a form field turns line breaks
 * into CRLF), lone surrogates, and names over the provider's limit (TwelveLabs 255 UTF-16 units,
 * Tenovos 979 UTF-8 bytes). Everything else (any script, RTL marks, emoji, quotes) is sent as is.
 */
export function checkFileName(provider: 'twelvelabs' | 'tenovos', name: unknown, options: CheckOptions = {}): void {
  if (provider !== 'twelvelabs' && provider !== 'tenovos') throw new UnsupportedError(`${NAMES[provider as WriteProvider] ?? String(provider)} does not take a file name`, { provider: String(provider) });
  const field = options.field ?? 'filename';
  if (typeof name !== 'string') fail(provider, 'filename_type', `${field} must be a string, not ${describe(name)}`);
  if (name.trim() === '') fail(provider, 'filename_empty', `${field} must not be empty or only whitespace`);
  if (name === '.' || name === '..') fail(provider, 'filename_dots', `${field} must not be "." or ".."`);
  if (/[/\\]/.test(name)) fail(provider, 'filename_path', `${field} ${preview(name)} is a path; pass the file's name only (no / or \\)`);
  if (CONTROL.test(name)) fail(provider, 'filename_control', `${field} ${preview(name)} contains a control character`);
  checkText(provider, `${field} ${preview(name)}`, name);
  if (provider === 'twelvelabs' && name.length > TL_MAX_NAME) fail(provider, 'filename_too_long', `${field} ${preview(name)} is ${name.length} UTF-16 code units long; at most ${TL_MAX_NAME}`);
  if (provider === 'tenovos') {
    const bytes = new TextEncoder().encode(name).length;
    if (bytes > TV_MAX_NAME_BYTES) fail(provider, 'filename_too_long', `${field} ${preview(name)} is ${bytes} UTF-8 bytes; at most ${TV_MAX_NAME_BYTES} fit an S3 key`);
  }
}

/**
 * Checks a file size in bytes before an upload is announced: a safe integer (so not NaN, not a
 * fraction, not 2^53 or more), not negative, and within the provider's limit for the method and
 * type (`FILE_SIZE_LIMITS`). TwelveLabs needs at least 1 byte; RenderNet documents no limit.
 */
export function checkFileSize(provider: WriteProvider, size: unknown, options: FileSizeCheckOptions = {}): void {
  const field = options.field ?? (provider === 'twelvelabs' ? 'total_size' : provider === 'tenovos' ? 'filesize' : 'size');
  if (typeof size !== 'number' || !Number.isSafeInteger(size)) {
    fail(provider, 'size_not_integer', `${field} must be a whole number of bytes below 2^53, not ${typeof size === 'number' ? (Number.isInteger(size) ? 'an integer of 2^53 or more' : Number.isNaN(size) ? 'NaN' : Number.isFinite(size) ? 'a fraction' : String(size)) : describe(size)}`);
  }
  const min = provider === 'twelvelabs' ? 1 : 0;
  if (size < min) fail(provider, 'size_too_small', `${field} must be at least ${min}, not ${size}`);
  let max: number | undefined;
  if (provider === 'twelvelabs') {
    const method = options.method === 'multipart' ? 'multipart' : 'direct';
    const type = options.type ?? 'video';
    const limits: Partial<Record<string, number>> = FILE_SIZE_LIMITS.twelvelabs[method];
    max = limits[type];
    if (max === undefined) fail(provider, 'size_type', `a ${type} cannot be uploaded by ${method} upload`);
  } else if (provider === 'tenovos') {
    max = FILE_SIZE_LIMITS.tenovos[options.method === 'single' ? 'single' : 'multipart'];
  }
  if (max !== undefined && size > max) fail(provider, 'size_too_large', `${field} ${size} is over the limit of ${max} bytes${provider === 'twelvelabs' ? ` for a ${options.type ?? 'video'} by ${options.method === 'multipart' ? 'multipart' : 'direct'} upload` : ''}`);
}
