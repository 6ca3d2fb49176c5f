/**
 * One week of practice: the reflection and the reps of a week, kept together.
 *
 * @remarks
 * Keeping a week in one record makes "save my reflection", "log a rep" and "show my history" one
 * read and at most one write each, on either database.
 */
import { hasAnyAnswer, type Reflection } from './reflection';
import { REP_LIMITS, type Rep } from './reps';
import type { WeekKey } from './week';

/** Record kind of a practice week; its id and sort key are the week key. */
export const PRACTICE_WEEK_KIND = 'week';

/** A week of practice. */
export interface PracticeWeek {
  /** The ISO week. */
  readonly week: WeekKey;
  /** The time zone the week was reckoned in when it was first written. */
  readonly timeZone: string;
  /** The week's reflection, once started. */
  readonly reflection?: Reflection;
  /** Reps logged this week, oldest first. */
  readonly reps: readonly Rep[];
}

/** Why a change to a week was refused. */
export type PracticeWeekError = 'too-many-reps' | 'nothing-to-undo';

/** An empty week. */
export function emptyWeek(week: WeekKey, timeZone: string): PracticeWeek {
  return { week, timeZone, reps: [] };
}

/** The week with one more rep, or an error when the week is full. */
export function addRep(week: PracticeWeek, rep: Rep): PracticeWeek | PracticeWeekError {
  if (week.reps.length >= REP_LIMITS.perWeek) return 'too-many-reps';
  return { ...week, reps: [...week.reps, rep] };
}

/** The week without its most recent hand-logged rep, and that rep. */
export function undoLastRep(
  week: PracticeWeek,
): { week: PracticeWeek; undone: Rep } | PracticeWeekError {
  const index = week.reps.findLastIndex((rep) => rep.source === 'logged');
  const undone = week.reps[index];
  if (index < 0 || !undone) return 'nothing-to-undo';
  return { week: { ...week, reps: week.reps.filter((_, i) => i !== index) }, undone };
}

/** The week with its reflection replaced. */
export function withReflection(week: PracticeWeek, reflection: Reflection): PracticeWeek {
  return { ...week, reflection };
}

/** True when the week counts towards the streak: a reflection with an answer, or a rep. */
export function isPractised(week: PracticeWeek): boolean {
  const reflected = week.reflection !== undefined && hasAnyAnswer(week.reflection);
  return reflected || week.reps.length > 0;
}
