import type { Asset } from '@assetkit/unified';
import { formatDate, formatDuration, formatSize, formatTimestamp, sanitize, truncate } from './format-values.js';

export type Align = 'left' | 'right';

export interface Column<Row> {
  header: string;
  align?: Align;
  /** Longest cell before it is cut with an ellipsis. */
  max?: number;
  value(row: Row): string | undefined;
}

const EMPTY = '-';
const GAP = '  ';

const width = (s: string): number => [...s].length;
const pad = (s: string, w: number, align: Align): string => {
  const fill = ' '.repeat(Math.max(0, w - width(s)));
  return align === 'right' ? fill + s : s + fill;
};

/** A row's cells as shown: sanitized, cut to the column's max, "-" when empty. */
export function cellsOf<Row>(columns: readonly Column<Row>[], row: Row): string[] {
  return columns.map((c) => {
    const v = c.value(row);
    if (v === undefined || v === '') return EMPTY;
    const clean = sanitize(v);
    return c.max ? truncate(clean, c.max) : clean;
  });
}

/** Column widths: the header's, widened to fit `rows` (a loop, not Math.max(...rows): that overflows the stack past ~120k rows). */
export function widthsOf<Row>(columns: readonly Column<Row>[], rows: Iterable<readonly string[]>, start?: readonly number[]): number[] {
  const widths = start ? [...start] : columns.map((c) => width(c.header));
  for (const cells of rows) {
    for (let i = 0; i < widths.length; i++) widths[i] = Math.max(widths[i]!, width(cells[i]!));
  }
  return widths;
}

/** One line of the table, ending with "\n". */
export function lineOf<Row>(columns: readonly Column<Row>[], widths: readonly number[], values: readonly string[]): string {
  const text = values
    .map((v, i) => {
      const last = i === values.length - 1;
      const align = columns[i]!.align ?? 'left';
      // No trailing spaces after a left-aligned last column.
      return last && align === 'left' ? v : pad(v, widths[i]!, align);
    })
    .join(GAP);
  return `${text}\n`;
}

/** Renders rows held in memory as an aligned text table: a header line, then one line per row. For a stream, see table-stream.ts. */
export function renderTable<Row>(columns: readonly Column<Row>[], rows: readonly Row[]): string {
  const cells = rows.map((row) => cellsOf(columns, row));
  const widths = widthsOf(columns, cells);
  return [columns.map((c) => c.header), ...cells].map((values) => lineOf(columns, widths, values)).join('');
}

/** The asset table's columns; `raw` and other bulky fields never appear. */
export const ASSET_COLUMNS: readonly Column<Asset>[] = [
  { header: 'REF', value: (a) => a.ref, max: 60 },
  { header: 'KIND', value: (a) => a.kind },
  { header: 'STATE', value: (a) => a.state },
  { header: 'NAME', value: (a) => a.name, max: 40 },
  { header: 'SIZE', align: 'right', value: (a) => formatSize(a.sizeBytes) },
  { header: 'DURATION', align: 'right', value: (a) => formatDuration(a.durationSeconds) },
  { header: 'CREATED', value: (a) => formatDate(a.createdAt) },
];

export const renderAssetTable = (assets: readonly Asset[]): string => renderTable(ASSET_COLUMNS, assets);

/** Key/value view of one asset (for `get`): the unified fields, URLs and metadata; never `raw`. */
export function renderAssetDetails(asset: Asset): string {
  const rows: [string, string | undefined][] = [
    ['ref', asset.ref],
    ['provider', asset.provider],
    ['id', asset.id],
    ['name', asset.name],
    ['kind', asset.kind],
    ['mime type', asset.mimeType],
    ['state', asset.state],
    ['state reason', asset.stateReason],
    ['size', asset.sizeBytes === undefined ? undefined : `${formatSize(asset.sizeBytes)} (${asset.sizeBytes} bytes)`],
    ['duration', formatDuration(asset.durationSeconds)],
    ['dimensions', asset.width !== undefined && asset.height !== undefined ? `${asset.width}x${asset.height}` : undefined],
    ['frames', asset.frames?.toString()],
    ['created', formatTimestamp(asset.createdAt)],
    ['updated', formatTimestamp(asset.updatedAt)],
  ];
  for (const [key, value] of Object.entries(asset.technical ?? {})) rows.push([`technical.${key}`, String(value)]);
  for (const [key, url] of Object.entries(asset.urls)) rows.push([`url.${key}`, url]);
  for (const [key, value] of Object.entries(asset.metadata)) {
    rows.push([`metadata.${key}`, typeof value === 'string' ? value : JSON.stringify(value)]);
  }
  const present = rows.filter((r): r is [string, string] => r[1] !== undefined && r[1] !== '');
  const keyWidth = Math.max(...present.map(([k]) => width(sanitize(k))));
  return present.map(([k, v]) => `${pad(`${sanitize(k)}:`, keyWidth + 1, 'left')} ${sanitize(v)}\n`).join('');
}
