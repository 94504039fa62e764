import { PROVIDERS, type Provider } from './asset.js';
import { InvalidRequestError } from '@assetkit/runtime';

export interface AssetRef {
  provider: Provider;
  id: string;
}

export const formatRef = (provider: Provider, id: string): string => `${provider}:${id}`;

/**
 * What is wrong with an id, or undefined when it can be sent. "." and ".." are
 * rejected here, with the reason, because as a URL path segment they name the
 * current or parent path (the request would go to another resource).
 */
function idProblem(id: unknown): string | undefined {
  if (typeof id !== 'string') return `the id must be a string, got ${id === null ? 'null' : typeof id}`;
  if (id === '') return 'the id after "<provider>:" is empty';
  if (id.trim() === '') return 'the id is only whitespace';
  if (id === '.' || id === '..') return `the id ${JSON.stringify(id)} is a relative path segment, not an asset id`;
  return undefined;
}

/** Parses `"provider:id"` (the id may itself contain colons) or checks a `{provider, id}` object. */
export function parseRef(ref: string | AssetRef): AssetRef {
  let provider: unknown;
  let id: unknown;
  if (typeof ref === 'string') {
    const colon = ref.indexOf(':');
    if (colon <= 0) throw new InvalidRequestError(`Malformed asset ref ${JSON.stringify(ref)}: expected "<provider>:<id>", e.g. "twelvelabs:6298d673f1090f1100476d4c"`);
    provider = ref.slice(0, colon);
    id = ref.slice(colon + 1);
  } else if (ref !== null && typeof ref === 'object') {
    ({ provider, id } = ref);
  } else {
    throw new InvalidRequestError(`An asset ref must be "<provider>:<id>" or { provider, id }, got ${ref === null ? 'null' : typeof ref}`);
  }
  if (typeof provider !== 'string' || !PROVIDERS.includes(provider as Provider)) {
    throw new InvalidRequestError(`Unknown provider ${JSON.stringify(provider)} in asset ref; expected one of ${PROVIDERS.join(', ')}`);
  }
  const problem = idProblem(id);
  if (problem) {
    const shown = typeof ref === 'string' ? JSON.stringify(ref) : `{ provider: ${JSON.stringify(provider)}, id: ${JSON.stringify(id)} }`;
    throw new InvalidRequestError(`Malformed asset ref ${shown}: ${problem}`, { provider: provider as Provider });
  }
  return { provider: provider as Provider, id: id as string };
}
