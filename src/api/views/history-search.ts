/**
 * The reflection history: newest first, searchable by text and by person, paged with cursors.
 *
 * @remarks
 * Search is a filtered walk over the person's weeks (`PracticeService.weeks`), newest first:
 * no index, because one person writes about 52 reflections a year and both store adapters list
 * a partition in order cheaply. Each request reads at most {@link MAX_SCAN} weeks; when a rare
 * search has not filled its page by then, it answers with what it found and a cursor to go on,
 * so no request can be made to read without bound. Limits: matching is by whole substrings
 * after folding case and accents (`jose` finds `José`, but `strasse` does not find `Straße`),
 * and a week written while someone pages can shift the first page by one.
 *
 * The cursor wraps the store's own cursor of the store page being read plus how many of its
 * weeks were already looked at, so the next request resumes exactly where this one stopped. The
 * store cursor inside is checked by the store, which only ever lists the caller's partition.
 */
import { z } from 'zod';
import type { Scope } from '../../auth/scope';
import type { PracticeWeek } from '../../domain/practice-week';
import { hasAnyAnswer, type Person } from '../../domain/reflection';
import type { PracticeService } from '../../services/practice-service';
import { decodeCursor, encodeCursor } from '../../store/cursor';
import { PAGE_LIMITS } from '../../store/store';
import type { ReflectionListResponse, ReflectionSummary } from '../contracts';
import { repCounts, weekSpan } from './week-view';

/** Most weeks one request reads (ten years), however few of them match. */
export const MAX_SCAN = 520;

/** What the history is asked for. */
export interface HistoryQuery {
  /** Most items to return (1 to 100). */
  readonly limit: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string | undefined;
  /** Words that must all appear in the text, names or rep notes. */
  readonly q?: string | undefined;
  /** A name that must appear among the people. */
  readonly person?: string | undefined;
}

const positionSchema = z
  .object({
    /** The store cursor of the store page being read; absent for the first. */
    s: z
      .string()
      .max(16 * 1024)
      .optional(),
    /** Weeks of that store page already looked at. */
    k: z.number().int().min(0).max(PAGE_LIMITS.max),
    /** The store page size the walk uses (a store cursor is only good with the same size). */
    l: z.number().int().min(1).max(PAGE_LIMITS.max),
  })
  .strict();

type Position = z.infer<typeof positionSchema>;

/** Case- and accent-insensitive form of a text, for matching. */
export function foldText(text: string): string {
  return text.normalize('NFKD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');
}

function names(people: readonly Person[]): string[] {
  return people.map((person) => person.name);
}

function matcher(query: HistoryQuery): (week: PracticeWeek) => boolean {
  const words = query.q ? foldText(query.q).split(/\s+/).filter(Boolean) : [];
  const person = query.person ? foldText(query.person.trim()) : undefined;
  return (week) => {
    const reflection = week.reflection;
    if (!reflection || !hasAnyAnswer(reflection)) return false;
    const people = [...names(reflection.helpedBy), ...names(reflection.connected)].map(foldText);
    if (person !== undefined && !people.includes(person)) return false;
    if (words.length === 0) return true;
    const haystack = [
      foldText(reflection.holdingAlone),
      ...people,
      ...week.reps.map((rep) => foldText(rep.note ?? '')),
    ].join('\n');
    return words.every((word) => haystack.includes(word));
  };
}

function summary(week: PracticeWeek): ReflectionSummary {
  const reflection = week.reflection;
  return {
    ...weekSpan(week.week),
    completed: reflection?.completedAt !== undefined,
    helpedBy: names(reflection?.helpedBy ?? []),
    yesCount: reflection?.yesCount ?? null,
    holdingAlone: reflection?.holdingAlone ?? '',
    connected: names(reflection?.connected ?? []),
    reps: repCounts(week.reps),
  };
}

/** One page of the history. */
export async function searchHistory(
  practice: PracticeService,
  scope: Scope,
  query: HistoryQuery,
): Promise<ReflectionListResponse> {
  const filtered = Boolean(query.q || query.person);
  const start: Position = query.cursor
    ? decodeCursor(query.cursor, positionSchema)
    : // Unfiltered, most weeks match, so a store page of the asked size is enough.
      { k: 0, l: filtered ? PAGE_LIMITS.max : query.limit };
  const matches = matcher(query);
  const items: ReflectionSummary[] = [];
  let storeCursor = start.s;
  let skip = start.k;
  let scanned = 0;
  // Empty store pages (Cosmos DB can hand one out) count too, so the walk always ends.
  const maxReads = Math.ceil(MAX_SCAN / start.l) + 2;

  for (let reads = 1; ; reads += 1) {
    const page = await practice.weeks(scope, {
      limit: start.l,
      ...(storeCursor ? { cursor: storeCursor } : {}),
    });
    for (let index = skip; index < page.items.length; index += 1) {
      const record = page.items[index];
      if (!record) break;
      scanned += 1;
      if (matches(record.data)) items.push(summary(record.data));
      if (items.length >= query.limit || scanned >= MAX_SCAN) {
        const next: Position | undefined =
          index + 1 < page.items.length
            ? { ...(storeCursor ? { s: storeCursor } : {}), k: index + 1, l: start.l }
            : page.nextCursor
              ? { s: page.nextCursor, k: 0, l: start.l }
              : undefined;
        return next ? { items, nextCursor: encodeCursor(next) } : { items };
      }
    }
    if (!page.nextCursor) return { items };
    if (reads >= maxReads)
      return { items, nextCursor: encodeCursor({ s: page.nextCursor, k: 0, l: start.l }) };
    storeCursor = page.nextCursor;
    skip = 0;
  }
}
