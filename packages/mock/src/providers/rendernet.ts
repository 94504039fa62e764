import type { MockRequest, MockResponse, ProviderMock } from '../types.js';
import { RenderNetState, UploadLimitError, type RenderNetStateOptions } from './rendernet-state.js';
import { header, intParam, matchSegment } from './route.js';

function error(status: number, code: string, message: string): MockResponse {
  return { status, body: { data: null, err: { code, message } } };
}

const TYPES = new Set(['image', 'video', 'audio'] as const);
/** Archive requests name at most this many ids (keeps one request's work bounded). */
const MAX_ARCHIVE_IDS = 1000;
/** List defaults when a parameter is absent (inferred: RN-C10; 10 is the sibling endpoints' example value). */
const DEFAULT_PAGE_SIZE = 10;

type Body = { ok: true; value: Record<string, unknown> } | { ok: false; response: MockResponse };

function jsonBody(req: MockRequest, optional: boolean): Body {
  if (req.body.trim() === '') {
    return optional ? { ok: true, value: {} } : { ok: false, response: error(400, 'INVALID_BODY', 'A JSON body is required') };
  }
  let value: unknown;
  try {
    value = JSON.parse(req.body);
  } catch {
    return { ok: false, response: error(400, 'INVALID_BODY', 'The body is not valid JSON') };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return { ok: false, response: error(400, 'INVALID_BODY', 'The body must be a JSON object') };
  return { ok: true, value: value as Record<string, unknown> };
}

const isDimension = (v: unknown) => Number.isInteger(v) && (v as number) >= 0;

/** `size` of an upload body: absent, or `{height, width}` as non-negative integers. */
function parseSize(body: Record<string, unknown>): { width: number; height: number } | undefined | null {
  if (body.size === undefined) return undefined;
  const size = body.size as Record<string, unknown> | null;
  if (typeof size !== 'object' || size === null || !isDimension(size.width) || !isDimension(size.height)) return null;
  return { width: size.width as number, height: size.height as number };
}

export interface RenderNetMockOptions extends RenderNetStateOptions {
  apiKey: string;
}

/**
 * RenderNet, stateful: get, list, upload (v2 and v1) and archive in the
 * `{data, err}` envelope, authenticated by `X-API-KEY`. What an upload creates
 * is then returned by get and list, `pending` until its bytes are PUT to the
 * object store, then `processing`, then `active` (or `censored` for the
 * configured share). Archived assets show `archive` in every later read.
 */
export function createRenderNetMock(options: RenderNetMockOptions): ProviderMock {
  const state = new RenderNetState(options);

  function list(query: URLSearchParams): MockResponse {
    const page = intParam(query, 'page', 1, Number.MAX_SAFE_INTEGER);
    if (page === null) return error(400, 'INVALID_PAGE', 'page must be an integer of at least 1');
    const pageSize = intParam(query, 'page_size', 1, 50);
    if (pageSize === null) return error(400, 'INVALID_PAGE_SIZE', 'page_size must be an integer between 1 and 50');
    const p = page ?? 1;
    const size = pageSize ?? DEFAULT_PAGE_SIZE;
    return { status: 200, body: { data: state.page(p, size), err: {}, pagination: { page: p, page_size: size, total: state.assets.length } } };
  }

  function upload(req: MockRequest, version: 1 | 2): MockResponse {
    let type: 'image' | 'video' | 'audio' = 'image';
    if (version === 2) {
      const raw = req.query.get('type');
      if (raw !== null) {
        if (!TYPES.has(raw as never)) return error(400, 'INVALID_TYPE', 'type must be one of image, video, audio');
        type = raw as typeof type;
      }
    }
    const body = jsonBody(req, true);
    if (!body.ok) return body.response;
    const size = parseSize(body.value);
    if (size === null) return error(400, 'INVALID_SIZE', 'size must be an object with integer height and width');
    let created;
    try {
      created = state.create(type, size);
    } catch (cause) {
      if (cause instanceof UploadLimitError) return error(400, 'ASSET_LIMIT_REACHED', cause.message);
      throw cause;
    }
    const { asset, uploadUrl } = created;
    const data =
      version === 2
        ? { id: asset.id, type: asset.type, url: asset.url, ...(asset.size && { size: { ...asset.size } }), upload_url: uploadUrl }
        : { asset: state.v1(asset), upload_url: uploadUrl };
    return { status: 201, body: { data, err: {} } };
  }

  function archive(req: MockRequest): MockResponse {
    const body = jsonBody(req, false);
    if (!body.ok) return body.response;
    const ids = body.value.ids;
    if (!Array.isArray(ids) || ids.length === 0 || !ids.every((id) => typeof id === 'string' && id !== '')) {
      return error(400, 'INVALID_IDS', 'ids must be a non-empty list of asset ids');
    }
    if (ids.length > MAX_ARCHIVE_IDS) return error(400, 'INVALID_IDS', `at most ${MAX_ARCHIVE_IDS} ids per request`);
    const { archived, unknown } = state.archive(ids as string[]);
    if (archived.length === 0) return error(404, 'ASSET_NOT_FOUND', `Asset not found: ${unknown.join(', ')}`);
    // A partial failure names the missing ids beside the archived ones, as the vendor's example shows both (RN-C16).
    const err = unknown.length === 0 ? {} : { code: 'ASSET_NOT_FOUND', message: `Asset not found: ${unknown.join(', ')}` };
    return { status: 200, body: { data: archived.map((a) => state.v1(a)), err } };
  }

  return {
    assets: state.assets,
    handle(req) {
      const key = header(req.headers, 'x-api-key');
      if (key !== options.apiKey) return error(401, 'UNAUTHORIZED', key === undefined ? 'Missing X-API-KEY header' : 'Invalid API key');
      const route = `${req.method} ${req.path}`;
      if (route === 'GET /pub/v2/assets') return list(req.query);
      if (route === 'POST /pub/v2/assets/upload') return upload(req, 2);
      if (route === 'POST /pub/v1/assets/upload') return upload(req, 1);
      if (route === 'POST /pub/v1/assets/archive') return archive(req);
      const one = req.method === 'GET' ? matchSegment(req.path, '/pub/v2/assets/') : null;
      if (!one) return error(404, 'NOT_FOUND', `Cannot ${req.method} ${req.path}`);
      if ('badEncoding' in one) return error(400, 'INVALID_ASSET_ID', 'Invalid asset id');
      const asset = state.get(one.id);
      return asset ? { status: 200, body: { data: asset, err: {} } } : error(404, 'ASSET_NOT_FOUND', 'Asset not found');
    },
    faultBody: (status) =>
      status === 429
        ? { data: null, err: { code: 'RATE_LIMITED', message: 'Too many requests, please slow down' } }
        : { data: null, err: { code: 'INTERNAL_SERVER_ERROR', message: 'Something went wrong' } },
    isAuthOperation: () => false,
    expireTokens: () => {},
    // RenderNet has no upload sessions: one PUT per asset.
    inspect: () => ({ created: state.inspect(), openSessions: 0 }),
  };
}
