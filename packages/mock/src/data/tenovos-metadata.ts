import { createHash } from 'node:crypto';
import { SYSTEM_PREFIX, type TenovosMetadataCell, type TenovosMetadataEntry, type TenovosMetadataScalar } from './tenovos-assets.js';

/**
 * The two metadata encodings of Tenovos 1.5: the newer retrieve keys
 * attributes by display name (`{name, value}`), the older search, create and
 * update operations by metadata definition id (`{metadataDefinitionId,
 * metadataDefinitionValue | metadataDefinitionTableValue}`). The mock stores
 * the named form and converts at the edges.
 */

/** Every attribute (and table column) the mock's metadata templates define. */
export const ATTRIBUTE_NAMES: readonly string[] = [
  'Release Date',
  'Product',
  'Description',
  'Keywords',
  'Region',
  'Usage Table',
  'Usage Category',
  'Usage Length',
  `${SYSTEM_PREFIX}File Extension`,
  `${SYSTEM_PREFIX}Created By`,
  `${SYSTEM_PREFIX}Checksum`,
];

/** A stable, uuid-shaped definition id per attribute name (same on every run). */
export function definitionIdOf(name: string): string {
  const h = createHash('sha1').update(`tenovos-definition:${name}`).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}

const NAME_BY_ID = new Map(ATTRIBUTE_NAMES.map((name) => [definitionIdOf(name), name]));

export interface DefinitionCell {
  metadataDefinitionId: string;
  metadataDefinitionValue?: unknown;
}
export interface DefinitionItem extends DefinitionCell {
  metadataDefinitionTableValue?: DefinitionCell[][];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isTable = (value: unknown): value is TenovosMetadataCell[][] => Array.isArray(value) && value.length > 0 && value.every(Array.isArray);

/** Named entries -> the definition-keyed document search results carry. */
export function toDefinitionDocument(entries: readonly TenovosMetadataEntry[]): DefinitionItem[] {
  return entries.map((entry) => {
    const id = definitionIdOf(entry.name);
    if (isTable(entry.value)) {
      return {
        metadataDefinitionId: id,
        metadataDefinitionTableValue: entry.value.map((row) =>
          row.map((cell) => ({ metadataDefinitionId: definitionIdOf(cell.name), ...('value' in cell ? { metadataDefinitionValue: cell.value } : {}) })),
        ),
      };
    }
    return 'value' in entry ? { metadataDefinitionId: id, metadataDefinitionValue: entry.value } : { metadataDefinitionId: id };
  });
}

/** The flat name -> value map of `metadataDenormalized`. */
export function denormalized(entries: readonly TenovosMetadataEntry[]): Record<string, unknown> {
  return Object.fromEntries(entries.filter((e) => 'value' in e).map((e) => [e.name, e.value]));
}

/** A vocabulary reference is stored as its value id (the named format has no objects). */
function plainValue(value: unknown): TenovosMetadataScalar | TenovosMetadataScalar[] | undefined {
  if (value === null || ['string', 'number', 'boolean'].includes(typeof value)) return value as TenovosMetadataScalar;
  if (isObject(value) && typeof value.valueId === 'string') return value.valueId;
  if (Array.isArray(value)) {
    const items = value.map((v) => plainValue(v));
    return items.every((v) => v !== undefined && !Array.isArray(v)) ? (items as TenovosMetadataScalar[]) : undefined;
  }
  return undefined;
}

/**
 * A definition-keyed document from a request -> named entries, or the name of
 * the first problem (an unknown definition id or a value of no known shape).
 */
export function fromDefinitionDocument(items: unknown): { entries: TenovosMetadataEntry[] } | { error: string } {
  if (!Array.isArray(items)) return { error: 'metadata is not an array' };
  const entries: TenovosMetadataEntry[] = [];
  const cellOf = (cell: unknown): TenovosMetadataCell | undefined => {
    if (!isObject(cell) || typeof cell.metadataDefinitionId !== 'string') return undefined;
    const name = NAME_BY_ID.get(cell.metadataDefinitionId);
    if (name === undefined) return undefined;
    if (!('metadataDefinitionValue' in cell)) return { name };
    const value = plainValue(cell.metadataDefinitionValue);
    return value === undefined ? undefined : { name, value };
  };
  for (const item of items) {
    if (!isObject(item) || typeof item.metadataDefinitionId !== 'string' || !NAME_BY_ID.has(item.metadataDefinitionId)) {
      return { error: `unknown metadata definition ${JSON.stringify(isObject(item) ? item.metadataDefinitionId : item)}` };
    }
    const name = NAME_BY_ID.get(item.metadataDefinitionId)!;
    if (item.metadataDefinitionTableValue !== undefined) {
      const table = item.metadataDefinitionTableValue;
      if (!Array.isArray(table) || !table.every(Array.isArray)) return { error: `${name}: a table is a list of rows` };
      const rows: TenovosMetadataCell[][] = [];
      for (const row of table as unknown[][]) {
        const cells = row.map(cellOf);
        if (cells.some((c) => c === undefined)) return { error: `${name}: a cell has an unknown definition or value` };
        rows.push(cells as TenovosMetadataCell[]);
      }
      entries.push({ name, value: rows });
    } else if ('metadataDefinitionValue' in item) {
      const value = plainValue(item.metadataDefinitionValue);
      if (value === undefined) return { error: `${name}: unsupported value` };
      entries.push({ name, value });
    } else {
      entries.push({ name });
    }
  }
  return { entries };
}

/** Entries with `changes` applied: attributes given replace, the rest keep their values. */
export function mergeEntries(current: readonly TenovosMetadataEntry[], changes: readonly TenovosMetadataEntry[]): TenovosMetadataEntry[] {
  const byName = new Map(changes.map((c) => [c.name, c]));
  const merged = current.map((e) => byName.get(e.name) ?? e);
  for (const change of changes) if (!current.some((e) => e.name === change.name)) merged.push(change);
  return merged;
}

/** Every text in a value, for keyword matching. */
export function textsOf(value: unknown): string[] {
  if (value === null || value === undefined) return [];
  if (Array.isArray(value)) return value.flatMap(textsOf);
  if (isObject(value)) return textsOf(value.value);
  return [String(value)];
}
