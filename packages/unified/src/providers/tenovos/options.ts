import { InvalidRequestError } from '@assetkit/runtime/errors';

/**
 * Tenovos options of the unified client: set once under `tenovos` in the client
 * config, overridable per call (`updateMetadata(ref, { set, tenovos: { ... } })`).
 */
export interface TenovosOptions {
  /** The metadata template new assets get (upload). */
  metadataTemplateId?: string;
  /** Security templates: new assets get them (upload); updateMetadata replaces the asset's with them when given. */
  securityTemplateIds?: string[];
  /**
   * Attribute name -> metadata definition id. Tenovos edits metadata by definition id while
   * get() shows it by name; with this map `set: { Product: 'X' }` works. A key that is not in
   * the map is sent as a definition id.
   */
  metadataDefinitions?: Record<string, string>;
}

export const TENOVOS_OPTIONS = ['metadataTemplateId', 'securityTemplateIds', 'metadataDefinitions'] as const;

/** Checks the options' types before anything is sent. */
export function checkTenovosOptions(o: Record<string, unknown>): TenovosOptions {
  const fail = (what: string) => new InvalidRequestError(`Tenovos option ${what}`, { provider: 'tenovos' });
  if (o.metadataTemplateId !== undefined && (typeof o.metadataTemplateId !== 'string' || o.metadataTemplateId === '')) throw fail('metadataTemplateId must be a non-empty string');
  const ids = o.securityTemplateIds;
  if (ids !== undefined && !(Array.isArray(ids) && ids.length > 0 && ids.every((i) => typeof i === 'string' && i !== ''))) {
    throw fail('securityTemplateIds must be a non-empty list of ids');
  }
  const defs = o.metadataDefinitions;
  if (defs !== undefined && !(defs !== null && typeof defs === 'object' && Object.values(defs).every((v) => typeof v === 'string' && v !== ''))) {
    throw fail('metadataDefinitions must map attribute names to definition ids');
  }
  return o as TenovosOptions;
}
