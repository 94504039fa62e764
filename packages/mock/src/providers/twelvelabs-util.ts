import type { MockResponse } from '../types.js';
import { intParam } from './route.js';

export const DOCS_URL = 'https://docs.twelvelabs.io/v1.3/api-reference/error-codes';

/** A TwelveLabs error answer: `{code, message, docs_url}`. */
export function tlError(status: number, code: string, message: string): MockResponse {
  return { status, body: { code, message, docs_url: DOCS_URL } };
}

export interface PageParams {
  page: number;
  limit: number;
}

/** Reads `page` and `page_limit` (1..50); an error answer names the bad one. */
export function pageParams(query: URLSearchParams): PageParams | MockResponse {
  const page = intParam(query, 'page', 1, Number.MAX_SAFE_INTEGER);
  if (page === null) return tlError(400, 'parameter_invalid', 'The page parameter is invalid: it must be an integer of at least 1.');
  const limit = intParam(query, 'page_limit', 1, 50);
  if (limit === null) return tlError(400, 'parameter_invalid', 'The page_limit parameter is invalid: it must be an integer between 1 and 50.');
  return { page: page ?? 1, limit: limit ?? 10 };
}

/** One page of `items` as `{data, page_info}`. */
export function pageOf<T>(items: readonly T[], { page, limit }: PageParams, map: (item: T) => unknown = (x) => x): MockResponse {
  return {
    status: 200,
    body: {
      data: items.slice((page - 1) * limit, page * limit).map(map),
      page_info: { limit_per_page: limit, page, total_page: Math.ceil(items.length / limit), total_results: items.length },
    },
  };
}
