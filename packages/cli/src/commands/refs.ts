import type { AssetRef } from '@assetkit/unified';
import type { Io } from '../io.js';

/**
 * Parses every ref and checks its provider is configured, before anything is
 * sent: a typo in the third ref stops the command before the first is touched.
 */
export async function clientForRefs(raw: readonly string[], io: Io, baseUrls: Parameters<typeof import('../client.js').clientFromEnv>[1]) {
  const { clientFromEnv, requireConfigured, unified } = await import('../client.js');
  const refs: AssetRef[] = raw.map((r) => unified.parseRef(r));
  const client = clientFromEnv(io.env, baseUrls);
  for (const provider of new Set(refs.map((r) => r.provider))) requireConfigured(client, provider);
  return { client, refs, formatRef: unified.formatRef };
}
