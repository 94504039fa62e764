import { PROVIDERS, type Provider } from './asset.js';
import { InvalidRequestError } from '@assetkit/runtime';

export interface AssetRef {
  provider: Provider;
  id: string;
}

export const formatRef = (provider: Provider, id: string): string => `${provider}:${id}`;

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
  if (typeof id !== 'string' || id.trim() === '') {
    throw new InvalidRequestError(`Asset ref for ${provider} has an empty id`, { provider });
  }
  return { provider: provider as Provider, id };
}
