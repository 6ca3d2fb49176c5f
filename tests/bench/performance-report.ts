/**
 * Writes one benchmark's section of `docs/PERFORMANCE.md`, between its own markers.
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

/** The report every benchmark writes into. */
export const PERFORMANCE_REPORT = path.resolve(__dirname, '../../docs/PERFORMANCE.md');

/** Where a section goes when the report does not have it yet. */
export type NewSectionPlace = 'end' | 'top';

/**
 * Replaces the text between `<!-- name:start -->` and `<!-- name:end -->` of `report` with
 * `body` (adding the section at the end, or under the title with `place: 'top'`, when it is not
 * there yet); other sections stay as they are.
 *
 * @remarks
 * The section is formatted as Prettier would, since the repository's lint checks every Markdown
 * file, so a benchmark run leaves the tree lint-clean.
 */
export async function writeReportSection(
  name: string,
  body: string,
  report = PERFORMANCE_REPORT,
  place: NewSectionPlace = 'end',
): Promise<void> {
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(report)) ?? {};
  const section = (
    await prettier.format(`${start}\n${body}\n${end}`, { ...options, parser: 'markdown' })
  ).trimEnd();
  if (!existsSync(report)) {
    const title = report === PERFORMANCE_REPORT ? '# Performance\n\n' : '';
    writeFileSync(report, `${title}${section}\n`);
    return;
  }
  const current = readFileSync(report, 'utf8');
  const from = current.indexOf(start);
  const to = current.indexOf(end);
  const title = current.startsWith('# ') ? current.indexOf('\n') : -1;
  let next: string;
  if (from >= 0 && to > from) {
    next = `${current.slice(0, from)}${section}${current.slice(to + end.length)}`;
  } else if (place === 'top' && title >= 0) {
    next = `${current.slice(0, title)}\n\n${section}\n\n${current.slice(title).trimStart()}`;
  } else {
    next = `${current.trimEnd()}\n\n${section}\n`;
  }
  writeFileSync(report, next);
}

/** The machine a benchmark ran on: CPUs and Node version. */
export function machineLine(): string {
  const cpu = os.cpus();
  return `${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, Node ${process.version}`;
}
