/**
 * A person's data rights: everything Spotter keeps about them, as a file (JSON or CSV), and
 * deleting all of it in one step.
 *
 * @remarks
 * The bundle is built from `store.exportUser(scope)`, so it holds every record of the person's
 * partition, whichever feature wrote it, without this module knowing each kind. The one thing
 * left out is the bot's turn state: conversation bookkeeping that carries nothing the person
 * wrote and changes on every message. The bot's `export` command and the tab's download both
 * call this module, so chat and tab hand out the same file.
 */
import type { Scope } from '../auth/scope';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../domain/practice-week';
import type { Person } from '../domain/reflection';
import { SETTINGS_RECORD } from '../domain/settings';
import { TURN_STATE_KIND, type Store } from '../store/store';

/** Record kinds that are internal bookkeeping and never part of an export. */
export const INTERNAL_KINDS: ReadonlySet<string> = new Set([TURN_STATE_KIND]);

/** The format marker and version of an export bundle, so a later reader can tell them apart. */
export const EXPORT_FORMAT = { name: 'spotter-export', version: 1 } as const;

/** One record of the person's, as exported. */
export interface ExportedRecord {
  /** What the record is (`week`, `settings`, `profile` …). */
  readonly kind: string;
  /** The record's id within its kind (a week key for `week`). */
  readonly id: string;
  /** When it was last written (ISO 8601, UTC). */
  readonly updatedAt: string;
  /** The content, exactly as stored. */
  readonly data: unknown;
}

/** Everything Spotter keeps about one person. */
export interface ExportBundle {
  /** Always {@link EXPORT_FORMAT}`.name`. */
  readonly format: typeof EXPORT_FORMAT.name;
  /** Always {@link EXPORT_FORMAT}`.version`. */
  readonly version: typeof EXPORT_FORMAT.version;
  /** When the export was made (ISO 8601, UTC). */
  readonly exportedAt: string;
  /** The person's tenant. */
  readonly tenantId: string;
  /** The person's user id. */
  readonly userId: string;
  /** The records, by kind, then newest first within a kind. */
  readonly records: readonly ExportedRecord[];
}

/** Collects everything stored for the person, except internal bookkeeping. */
export async function exportAll(
  store: Store,
  scope: Scope,
  now: Date = new Date(),
): Promise<ExportBundle> {
  const stored = await store.exportUser(scope);
  return {
    format: EXPORT_FORMAT.name,
    version: EXPORT_FORMAT.version,
    exportedAt: now.toISOString(),
    tenantId: scope.tenantId,
    userId: scope.userId,
    records: stored
      .filter((record) => !INTERNAL_KINDS.has(record.kind))
      .map((record) => ({
        kind: record.kind,
        id: record.id,
        updatedAt: record.updatedAt,
        data: record.data,
      })),
  };
}

/** The bundle as pretty-printed JSON (UTF-8, a trailing newline). */
export function toJson(bundle: ExportBundle): string {
  return `${JSON.stringify(bundle, null, 2)}\n`;
}

/**
 * The columns of the CSV export, in order.
 *
 * @remarks
 * One row per reflection, per rep and per setting; a column that does not apply to a row's
 * `record` type stays empty:
 *
 * | column          | `reflection`                              | `rep`                           | `setting`            |
 * | --------------- | ----------------------------------------- | ------------------------------- | -------------------- |
 * | `record`        | `reflection`                              | `rep`                           | `setting`            |
 * | `week`          | ISO week (`2026-W48`)                     | ISO week                        |                      |
 * | `at`            | when it was finished (empty for a draft)  | when it was logged              | when it was saved    |
 * | `helped_by`     | names, separated by `; `                  |                                 |                      |
 * | `yes_count`     | times I said yes (empty if unanswered)    |                                 |                      |
 * | `holding_alone` | the text                                  |                                 |                      |
 * | `connected`     | names, separated by `; `                  |                                 |                      |
 * | `rep_kind`      |                                           | `asked`, `accepted`, `thanked`  |                      |
 * | `rep_note`      |                                           | the note                        |                      |
 * | `rep_source`    |                                           | `logged` or `help-request`      |                      |
 * | `setting`       |                                           |                                 | the setting's name   |
 * | `value`         |                                           |                                 | its value (JSON for quiet hours) |
 *
 * Rows come week by week, newest week first (its reflection, then its reps oldest first), then
 * the settings. Other records (profile, help requests …) are in the JSON export only.
 */
export const CSV_COLUMNS = [
  'record',
  'week',
  'at',
  'helped_by',
  'yes_count',
  'holding_alone',
  'connected',
  'rep_kind',
  'rep_note',
  'rep_source',
  'setting',
  'value',
] as const;

type CsvColumn = (typeof CSV_COLUMNS)[number];
type CsvRow = Partial<Record<CsvColumn, string | number | null | undefined>>;

/** The practice part of the bundle as CSV (RFC 4180: CRLF line ends, a header row). */
export function toCsv(bundle: ExportBundle): string {
  const rows: CsvRow[] = [];
  for (const record of bundle.records) {
    if (record.kind !== PRACTICE_WEEK_KIND) continue;
    const week = record.data as PracticeWeek;
    const reflection = week.reflection;
    if (reflection) {
      rows.push({
        record: 'reflection',
        week: week.week,
        at: reflection.completedAt,
        helped_by: names(reflection.helpedBy),
        yes_count: reflection.yesCount,
        holding_alone: reflection.holdingAlone,
        connected: names(reflection.connected),
      });
    }
    for (const rep of week.reps ?? []) {
      rows.push({
        record: 'rep',
        week: week.week,
        at: rep.at,
        rep_kind: rep.kind,
        rep_note: rep.note,
        rep_source: rep.source,
      });
    }
  }
  for (const record of bundle.records) {
    if (record.kind !== SETTINGS_RECORD.kind || record.id !== SETTINGS_RECORD.id) continue;
    for (const [setting, value] of Object.entries(record.data as Record<string, unknown>)) {
      rows.push({
        record: 'setting',
        at: record.updatedAt,
        setting,
        value: typeof value === 'string' ? value : JSON.stringify(value),
      });
    }
  }
  const lines = [
    CSV_COLUMNS.join(','),
    ...rows.map((row) => CSV_COLUMNS.map((column) => csvCell(row[column])).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

/**
 * One CSV cell: quoted when it holds a comma, quote or line break, and defused when a
 * spreadsheet would read it as a formula.
 *
 * @remarks
 * A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return is run as a formula by
 * Excel and its kin (CSV injection), so it gets a leading apostrophe, which they show as text.
 * Every such cell here is free text a person typed; none of our own values start that way.
 */
export function csvCell(value: string | number | null | undefined): string {
  if (value === null || value === undefined) return '';
  let text = String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function names(people: readonly Person[] | undefined): string {
  return (people ?? []).map((person) => person.name).join('; ');
}

/** A feature that keeps traces of a person outside their own partition. */
export interface PersonForgetter {
  /** Removes the person's traces from other partitions (e.g. a colleague's help inbox). */
  forgetUser(scope: Scope): Promise<unknown>;
}

/**
 * Deletes everything stored for the person; returns how many records of their partition went.
 *
 * @param forgetters - features with traces of the person in other partitions (help requests:
 * the inbox entries in helpers' partitions); each runs first, so nothing is left pointing at
 * records that are gone. Chat and tab pass the same ones, so deleting is one step everywhere.
 */
export async function deleteAll(
  store: Store,
  scope: Scope,
  forgetters: readonly PersonForgetter[] = [],
): Promise<number> {
  for (const forgetter of forgetters) await forgetter.forgetUser(scope);
  return store.deleteUser(scope);
}
