// A plain-text table: header, rule, rows; columns padded to their widest cell.

/** @param {string[]} headers @param {string[][]} rows */
export function printTable(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ').trimEnd();
  console.log(line(headers));
  console.log(widths.map((w) => '-'.repeat(w)).join('-|-'));
  for (const row of rows) console.log(line(row));
}

export const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
