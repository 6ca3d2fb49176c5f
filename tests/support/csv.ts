/**
 * A small RFC 4180 CSV reader for tests: quoted cells, doubled quotes, CRLF or LF line ends.
 *
 * @remarks
 * Written for checking Spotter's own exports, so it is strict: an unclosed quote or text after a
 * closing quote throws instead of guessing.
 */

/** Parses CSV text into rows of cells (a trailing line end does not make an empty row). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let index = 0;
  let quoted = false;
  while (index < text.length) {
    const char = text[index] as string;
    if (quoted) {
      if (char === '"' && text[index + 1] === '"') {
        cell += '"';
        index += 2;
        continue;
      }
      if (char === '"') {
        quoted = false;
        index += 1;
        const next = text[index];
        if (next !== undefined && next !== ',' && next !== '\r' && next !== '\n') {
          throw new Error(`text after a closing quote at ${index}`);
        }
        continue;
      }
      cell += char;
      index += 1;
      continue;
    }
    if (char === '"' && cell.length === 0) {
      quoted = true;
      index += 1;
    } else if (char === ',') {
      row.push(cell);
      cell = '';
      index += 1;
    } else if (char === '\r' || char === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      index += char === '\r' && text[index + 1] === '\n' ? 2 : 1;
    } else {
      cell += char;
      index += 1;
    }
  }
  if (quoted) throw new Error('unclosed quote');
  if (cell.length > 0 || row.length > 0) {
    row.push(cell);
    rows.push(row);
  }
  return rows;
}

/** Parses CSV with a header row into one object per data row, keyed by the header. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text);
  if (!header) return [];
  return rows.map((row) => {
    if (row.length !== header.length) {
      throw new Error(`row has ${row.length} cells, header ${header.length}`);
    }
    return Object.fromEntries(header.map((name, i) => [name, row[i] as string]));
  });
}
