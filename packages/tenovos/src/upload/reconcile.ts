// Finding the asset of a POST /asset whose answer was lost. Tenovos has no idempotency key and the
// helper cannot put a marker in metadata (definition ids depend on the customer's template), so it
// searches by file name for assets created since the request went out that have no file yet.
// Exactly one such asset is reported; none or several is reported as not found (search may lag).
import type { TenovosClient } from '../generated/client.js';

/** Allowance for the service's clock being behind ours. */
const CLOCK_SKEW_MS = 60_000;

export async function findLostAsset(client: TenovosClient, filename: string, sentAt: number): Promise<string | undefined> {
  const { data } = await client.POST('/search/keyword', {
    body: {
      searchTerm: [filename],
      keywordSearchField: 'filename',
      sortBy: [{ metadataDefinitionSearchField: 'createdEpoch', order: 'desc' }],
      limit: 20,
    },
  });
  const candidates = data.result.filter(
    (a) => a.filename === filename && typeof a.createdEpoch === 'number' && a.createdEpoch >= sentAt - CLOCK_SKEW_MS && a.technicalMetadata === undefined && a.objectId,
  );
  return candidates.length === 1 ? candidates[0]!.objectId : undefined;
}
