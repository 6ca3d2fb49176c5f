/**
 * Reads the tables of a Markdown report section, for the summary to quote benchmarks that
 * report only in Markdown (the tab's and the reminder fan-out's).
 */

/** One table row, by column heading. */
export type TableRow = Readonly<Record<string, string>>;

function cellsOf(line: string): string[] {
  return line
    .trim()
    .replace(/^\||\|$/g, '')
    .split('|')
    .map((cell) => cell.trim());
}

/** Every table in `markdown`, as rows keyed by their column headings. */
export function tablesIn(markdown: string): TableRow[][] {
  const tables: TableRow[][] = [];
  const lines = markdown.split('\n');
  for (let i = 0; i + 1 < lines.length; i += 1) {
    const header = lines[i] as string;
    if (!header.trim().startsWith('|') || !/^\s*\|[\s:|-]+\|\s*$/.test(lines[i + 1] as string)) {
      continue;
    }
    const headings = cellsOf(header);
    const rows: TableRow[] = [];
    let j = i + 2;
    for (; j < lines.length && (lines[j] as string).trim().startsWith('|'); j += 1) {
      const cells = cellsOf(lines[j] as string);
      rows.push(Object.fromEntries(headings.map((heading, n) => [heading, cells[n] ?? ''])));
    }
    tables.push(rows);
    i = j - 1;
  }
  return tables;
}

/** The text between `<!-- name:start -->` and `<!-- name:end -->`, if both are there. */
export function sectionIn(text: string, name: string): string | undefined {
  const start = text.indexOf(`<!-- ${name}:start -->`);
  const end = text.indexOf(`<!-- ${name}:end -->`);
  return start >= 0 && end > start ? text.slice(start, end) : undefined;
}
