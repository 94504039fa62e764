import type { Readable } from 'node:stream';
import { generateTwelveLabsAssets, kindOf, type TwelveLabsAsset } from '../data/twelvelabs-assets.js';
import type { ObjectStore } from '../object-store/index.js';
import type { MockRequest, MockResponse, ProcessingOptions, ProviderMock, UploadOptions } from '../types.js';
import { header } from './route.js';
import { parseUploadForm } from './twelvelabs-form.js';
import { TwelveLabsMultipart } from './twelvelabs-multipart.js';
import { mimeOf, TwelveLabsAssetState } from './twelvelabs-state.js';
import { DOCS_URL, pageOf, pageParams, tlError as error } from './twelvelabs-util.js';

const ASSET_TYPES = new Set(['image', 'video', 'audio', 'document']);
const SEGMENTATIONS = new Set(['words', 'sentences', 'utterances']);
const MB = 1000 * 1000;

type Metadata = Record<string, string | number | boolean>;
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScalar = (v: unknown): v is string | number | boolean => typeof v === 'string' || typeof v === 'boolean' || (typeof v === 'number' && Number.isFinite(v));

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Splits `/assets/...` into decoded segments after `assets`; null when not under /assets, 'bad' for a bad escape. */
function route(path: string): string[] | null | 'bad' {
  if (path !== '/assets' && !path.startsWith('/assets/')) return null;
  const raw = path.slice('/assets'.length).split('/').slice(1);
  if (raw.some((s) => s === '')) return null;
  try {
    return raw.map((s) => decodeURIComponent(s));
  } catch {
    return 'bad';
  }
}

function notAllowed(req: MockRequest, allow: string): MockResponse {
  return { ...error(405, 'method_not_allowed', `${req.method} is not supported on ${req.path}.`), headers: { allow: `${allow}, OPTIONS` } };
}

/** Seeded assets with indexed assets (so that delete needs force): a fixed share of the ready ones, chosen by id. */
function isIndexed(asset: TwelveLabsAsset | undefined): boolean {
  return asset !== undefined && asset.status === 'ready' && parseInt(asset._id.slice(-2), 16) % 8 === 0;
}

function listAssets(assets: readonly TwelveLabsAsset[], query: URLSearchParams): MockResponse {
  const page = pageParams(query);
  if ('status' in page) return page;
  const types = query.getAll('asset_types');
  const badType = types.find((t) => !ASSET_TYPES.has(t));
  if (badType !== undefined) {
    return error(400, 'parameter_invalid', `The asset_types parameter is invalid: "${badType}" is not one of image, video, audio, document.`);
  }
  const ids = query.getAll('asset_ids');
  const filename = query.get('filename')?.toLowerCase();
  // AND across filters, OR within one.
  const idSet = ids.length > 0 ? new Set(ids) : undefined;
  const typeSet = types.length > 0 ? new Set(types) : undefined;
  const matching =
    idSet || typeSet || filename
      ? assets.filter(
          (a) => (!idSet || idSet.has(a._id)) && (!typeSet || typeSet.has(kindOf(a))) && (!filename || (a.filename ?? '').toLowerCase().includes(filename)),
        )
      : assets;
  return pageOf(matching, page);
}

/** Deterministic words for a transcription, from the asset id. */
function transcriptText(id: string): string[] {
  const words = ['welcome', 'to', 'the', 'launch', 'of', 'our', 'new', 'campaign', 'thank', 'you', 'all', 'for', 'coming'];
  return Array.from({ length: 6 + (parseInt(id.slice(-1), 16) % 6) }, (_, i) => words[(i + parseInt(id.slice(-3, -1), 16)) % words.length]!);
}

function transcription(asset: TwelveLabsAsset, query: URLSearchParams): MockResponse {
  const asked = query.getAll('include').flatMap((v) => v.split(','));
  const bad = asked.find((v) => !SEGMENTATIONS.has(v));
  if (bad !== undefined) return error(400, 'parameter_invalid', `The include parameter is invalid: "${bad}" is not one of words, sentences, utterances.`);
  const include = new Set(asked.length > 0 ? asked : ['words']);
  if (asset.status === 'processing') return { status: 200, body: { status: 'processing' } };
  if (asset.status === 'failed') return { status: 200, body: { status: 'failed', error: { message: 'The asset could not be processed, so it has no transcription.' } } };
  const text = transcriptText(asset._id);
  const words = text.map((value, i) => ({ start: i * 0.5, end: i * 0.5 + 0.4, value }));
  const sentence = { start: 0, end: words.at(-1)!.end, value: `${text.join(' ')}.` };
  const body: Record<string, unknown> = { status: 'ready' };
  if (include.has('words')) body.words = words;
  if (include.has('sentences')) body.sentences = [sentence];
  if (include.has('utterances')) body.utterances = [{ ...sentence, speaker: 'speaker_0' }];
  return { status: 200, body };
}

/** The metadata after a PATCH (merge) or PUT (replace); a string when the body is invalid. */
function editMetadata(current: Metadata | undefined, body: unknown, mode: 'merge' | 'replace'): Metadata | undefined | string {
  if (!isRecord(body) || !isRecord(body.user_metadata)) return 'The user_metadata parameter is invalid: an object is required.';
  // A Map, not an object: a key such as "__proto__" must be stored as a key, not hit Object.prototype's setter.
  const next = new Map(mode === 'merge' && current ? Object.entries(current) : []);
  for (const [key, value] of Object.entries(body.user_metadata)) {
    if (value !== null && !isScalar(value)) return `The user_metadata parameter is invalid: the value of "${key.slice(0, 100)}" must be a string, number, boolean or null.`;
    if (value === '') continue; // ignored in both modes
    if (value === null) {
      if (mode === 'merge') next.delete(key); // merge: null removes; replace: null is ignored
      continue;
    }
    next.set(key, value);
  }
  // Object.fromEntries defines own properties, "__proto__" included.
  return next.size === 0 ? undefined : Object.fromEntries(next);
}

export interface TwelveLabsMockOptions {
  apiKey: string;
  assets: number;
  seed: number;
  objectStore: ObjectStore;
  processing?: ProcessingOptions;
  uploads?: UploadOptions;
}

/**
 * TwelveLabs v1.3 asset surface, authenticated by `x-api-key`: the seeded data
 * set plus stateful uploads (direct, URL, multipart), deletes and metadata
 * edits, with processing simulated from timestamps.
 */
export function createTwelveLabsMock(options: TwelveLabsMockOptions): ProviderMock {
  const seeded = generateTwelveLabsAssets(options.assets, options.seed);
  const uploads = options.uploads ?? {};
  const maxDirectBytes = uploads.maxDirectBytes ?? 200 * MB;
  const chunkSize = uploads.chunkSize ?? 5 * 1024 * 1024;
  for (const [name, value, min] of [['uploads.maxDirectBytes', maxDirectBytes, 0], ['uploads.chunkSize', chunkSize, 1], ['uploads.maxCreatedAssets', uploads.maxCreatedAssets ?? 1, 1], ['uploads.maxSessions', uploads.maxSessions ?? 1, 1]] as const) {
    if (!Number.isSafeInteger(value) || value < min) throw new RangeError(`${name} must be an integer >= ${min}, got ${value}`);
  }
  const state = new TwelveLabsAssetState(seeded, options.processing, options.seed, uploads.maxCreatedAssets ?? 1000);
  const multipart = new TwelveLabsMultipart(options.objectStore, state, chunkSize, uploads.maxSessions ?? 200);
  // Which seeded assets have indexed assets is fixed at start; uploads never do (the mock has no indexes).
  const indexed = new Set(seeded.filter(isIndexed).map((a) => a._id));

  const authError = (req: MockRequest): MockResponse | undefined => {
    const key = header(req.headers, 'x-api-key');
    if (key === options.apiKey) return undefined;
    return error(401, 'api_key_invalid', key === undefined ? 'No API key was provided in the x-api-key header.' : 'The API key you provided is not valid.');
  };

  async function create(req: MockRequest, body: Readable): Promise<MockResponse> {
    const form = await parseUploadForm(req.headers, body, { maxFileBytes: maxDirectBytes, keepBytes: uploads.keepBytes ?? false });
    if (form.problem) return error(400, 'parameter_invalid', form.problem);
    const { method, url, filename, enable_hls, enable_thumbnail, user_metadata } = form.fields;
    if (method === undefined) return error(400, 'parameter_not_provided', 'The method parameter is required.');
    if (method !== 'direct' && method !== 'url') return error(400, 'parameter_invalid', 'The method parameter is invalid: it must be direct or url.');
    for (const [name, flag] of [['enable_hls', enable_hls], ['enable_thumbnail', enable_thumbnail]] as const) {
      if (flag !== undefined && flag !== 'true' && flag !== 'false') return error(400, 'parameter_invalid', `The ${name} parameter is invalid: it must be true or false.`);
    }
    if (filename !== undefined && (filename.length < 1 || filename.length > 255)) return error(400, 'parameter_invalid', 'The filename parameter is invalid: 1 to 255 characters.');
    let metadata: Metadata | undefined;
    if (user_metadata !== undefined) {
      const parsed = parseJson(user_metadata);
      if (!isRecord(parsed) || !Object.values(parsed).every(isScalar)) {
        return error(400, 'parameter_invalid', 'The user_metadata parameter is invalid: a JSON-encoded object of string, number or boolean values is required.');
      }
      if (Object.keys(parsed).length > 0) metadata = parsed as Metadata;
    }
    let name: string;
    let fileType: string | undefined;
    let size: number;
    let upload;
    if (method === 'direct') {
      if (!form.file) return error(400, 'parameter_not_provided', 'The file parameter is required when method is direct.');
      if (form.fileTooLarge) return error(400, 'parameter_invalid', `The file is too large: local files are limited to ${maxDirectBytes} bytes.`);
      name = filename ?? form.file.filename ?? 'upload';
      fileType = mimeOf(form.file.filename ?? name, form.file.mimeType) ?? mimeOf(name);
      size = form.file.size;
      upload = { size: form.file.size, sha256: form.file.sha256, ...(form.file.bytes && { bytes: form.file.bytes }) };
    } else {
      if (form.file) return error(400, 'parameter_invalid', 'The file parameter must not be sent when method is url.');
      let parsed: URL;
      try {
        parsed = new URL(url ?? '');
      } catch {
        return error(400, url === undefined ? 'parameter_not_provided' : 'parameter_invalid', 'The url parameter is required when method is url and must be an absolute http(s) URL.');
      }
      if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return error(400, 'parameter_invalid', 'The url parameter must be an http(s) URL.');
      name = filename ?? (decodeURIComponent(parsed.pathname.split('/').at(-1) ?? '') || 'upload');
      fileType = mimeOf(parsed.pathname) ?? 'video/mp4'; // the platform would sniff the content
      // What the fetch "finds": a stable size derived from the URL.
      size = 1_000_000 + ([...parsed.href].reduce((h, c) => (h * 31 + c.charCodeAt(0)) >>> 0, 7) % 90_000_000);
    }
    if (fileType === undefined) return error(400, 'parameter_invalid', `The file format of "${name}" is not supported.`);
    const made = state.add({
      _id: state.newId(),
      method,
      filename: name,
      file_type: fileType,
      enableHls: enable_hls === 'true',
      enableThumbnail: enable_thumbnail === 'true',
      ...(metadata && { user_metadata: metadata }),
      size,
      ...(upload && { upload }),
    });
    return { status: 201, body: state.basic(made) };
  }

  function assetRoutes(req: MockRequest, id: string, rest: string[]): MockResponse {
    const sub = rest[0];
    if (rest.length > 1) return error(404, 'resource_not_exist', `There is no endpoint ${req.method} ${req.path}.`);
    const asset = state.get(id);
    if (sub === undefined) {
      if (req.method === 'GET') return asset ? { status: 200, body: asset } : error(404, 'resource_not_exist', 'The asset you requested does not exist.');
      if (req.method !== 'DELETE') return notAllowed(req, 'GET, DELETE');
      const force = req.query.get('force');
      if (force !== null && force !== 'true' && force !== 'false') return error(400, 'parameter_invalid', 'The force parameter is invalid: it must be true or false.');
      if (!asset) return error(404, 'resource_not_exist', 'The asset you requested does not exist.');
      if (indexed.has(id) && force !== 'true') return error(409, 'asset_in_use', 'Indexed assets reference this asset. Delete them first or set force=true.');
      state.delete(id);
      indexed.delete(id);
      return { status: 204 };
    }
    if (sub === 'user-metadata') {
      if (!['PATCH', 'PUT', 'DELETE'].includes(req.method)) return notAllowed(req, 'PATCH, PUT, DELETE');
      if (!asset) return error(404, 'resource_not_exist', 'The asset you requested does not exist.');
      if (req.method === 'DELETE') {
        state.setMetadata(id, undefined);
        return { status: 204 };
      }
      const next = editMetadata(state.metadata(id), parseJson(req.body), req.method === 'PATCH' ? 'merge' : 'replace');
      if (typeof next === 'string') return error(400, 'parameter_invalid', next);
      state.setMetadata(id, next);
      return { status: 204 };
    }
    if (sub !== 'transcription' && sub !== 'indexed-assets' && sub !== 'entities') return error(404, 'resource_not_exist', `There is no endpoint ${req.method} ${req.path}.`);
    if (req.method !== 'GET') return notAllowed(req, 'GET');
    if (!asset) return error(404, 'resource_not_exist', 'The asset you requested does not exist.');
    if (sub === 'transcription') {
      const kind = kindOf(asset);
      if (kind !== 'video' && kind !== 'audio') return error(404, 'resource_not_exist', 'This asset has no transcription.');
      return transcription(asset, req.query);
    }
    const page = pageParams(req.query);
    if ('status' in page) return page;
    const linked = indexed.has(id);
    if (sub === 'indexed-assets') return pageOf(linked ? [{ _id: `ix${id.slice(2)}`, index: { _id: `idx${id.slice(-6)}`, name: 'Marketing library' } }] : [], page);
    return pageOf(
      linked ? [{ _id: `en${id.slice(2)}`, entity_collection_id: `col${id.slice(-6)}`, name: 'Presenter', asset_ids: [id], status: 'ready', created_at: asset.created_at, updated_at: asset.created_at }] : [],
      page,
    );
  }

  function handle(req: MockRequest): MockResponse {
    const denied = authError(req);
    if (denied) return denied;
    const segments = route(req.path);
    if (segments === null) return error(404, 'resource_not_exist', `There is no endpoint ${req.method} ${req.path}.`);
    if (segments === 'bad') return error(400, 'parameter_invalid', 'The asset_id parameter is invalid.');
    const [first, second, third, ...more] = segments;
    if (first === undefined) {
      if (req.method === 'GET') return listAssets(state.list(), req.query);
      if (req.method === 'POST') return error(400, 'parameter_invalid', 'The request body must be multipart/form-data.');
      return notAllowed(req, 'GET, POST');
    }
    if (first === 'multipart-uploads') {
      if (more.length > 0 || (third !== undefined && third !== 'presigned-urls')) return error(404, 'resource_not_exist', `There is no endpoint ${req.method} ${req.path}.`);
      if (second === undefined) {
        if (req.method === 'POST') return multipart.create(parseJson(req.body));
        if (req.method !== 'GET') return notAllowed(req, 'GET, POST');
        const page = pageParams(req.query);
        return 'status' in page ? page : multipart.listIncomplete(page);
      }
      if (third === 'presigned-urls') return req.method === 'POST' ? multipart.presignedUrls(second, parseJson(req.body)) : notAllowed(req, 'POST');
      if (req.method === 'POST') return multipart.report(second, parseJson(req.body));
      if (req.method !== 'GET') return notAllowed(req, 'GET, POST');
      const page = pageParams(req.query);
      return 'status' in page ? page : multipart.status(second, page);
    }
    return assetRoutes(req, first, segments.slice(1));
  }

  return {
    assets: seeded,
    handle,
    async handleStream(req, body) {
      const denied = authError(req);
      if (!denied && req.method === 'POST' && req.path === '/assets') return create(req, body);
      // Anything else with an upload body: drop the body, answer as usual.
      await new Promise<void>((resolve) => {
        body.on('end', resolve);
        body.on('error', () => resolve());
        body.resume();
      });
      return denied ?? handle(req);
    },
    upload: (id) => state.upload(id),
    inspect: () => ({ created: state.inspectCreated(), openSessions: multipart.openCount() }),
    faultBody: (status, retryAfter) =>
      status === 429
        ? { code: 'too_many_requests', message: `You have exceeded the rate limit. Please try again later after ${retryAfter} seconds.`, docs_url: DOCS_URL }
        : { code: 'internal_error', message: `The server failed with status ${status}. Please try again later.` },
    isAuthOperation: () => false,
    expireTokens: () => {},
  };
}
