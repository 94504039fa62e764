import { cellsOf, lineOf, widthsOf, type Column } from './format-table.js';

export interface TableStream<Row> {
  /** Adds a row; resolves once it is written (or buffered, in the first window). */
  add(row: Row): Promise<void>;
  /** Writes what is still buffered (the header and the first window when the listing was short). */
  end(): Promise<void>;
  readonly rows: number;
}

/**
 * A table for listings of any length. Column widths come from the first
 * `window` rows (held until then, so a short listing looks exactly like a
 * table rendered at once); after that each row is written as it comes. A later
 * cell wider than its column widens the column from that row on. Memory is
 * bounded by the window, never by the number of rows.
 */
export function createTableStream<Row>(columns: readonly Column<Row>[], write: (text: string) => Promise<void>, window = 200): TableStream<Row> {
  let buffered: string[][] | undefined = [];
  let widths: number[] = [];
  let rows = 0;
  const flush = async () => {
    if (!buffered) return;
    const head = buffered;
    buffered = undefined;
    widths = widthsOf(columns, head);
    await write([columns.map((c) => c.header), ...head].map((cells) => lineOf(columns, widths, cells)).join(''));
  };
  return {
    get rows() {
      return rows;
    },
    async add(row) {
      rows++;
      const cells = cellsOf(columns, row);
      if (buffered) {
        buffered.push(cells);
        if (buffered.length >= window) await flush();
        return;
      }
      widths = widthsOf(columns, [cells], widths);
      await write(lineOf(columns, widths, cells));
    },
    async end() {
      if (rows > 0) await flush();
    },
  };
}
