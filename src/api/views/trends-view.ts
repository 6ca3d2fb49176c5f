/**
 * Trends: reps per week and streaks, from a person's weeks on record.
 */
import { isPractised, type PracticeWeek } from '../../domain/practice-week';
import { hasAnyAnswer } from '../../domain/reflection';
import { addWeeks, type WeekKey } from '../../domain/week';
import type { TrendsResponse, TrendWeek } from '../contracts';
import { repCounts, weekSpan } from './week-view';

/** Consecutive practised weeks ending with `week`. */
function runEndingAt(practised: ReadonlySet<WeekKey>, week: WeekKey): number {
  let run = 0;
  for (let at = week; practised.has(at); at = addWeeks(at, -1)) run += 1;
  return run;
}

/** The longest run of consecutive weeks in a set. */
function longestRun(practised: ReadonlySet<WeekKey>): number {
  let longest = 0;
  for (const week of practised) {
    // Only a run's first week starts a count, so every week is walked once overall.
    if (practised.has(addWeeks(week, -1))) continue;
    let run = 0;
    for (let at = week; practised.has(at); at = addWeeks(at, 1)) run += 1;
    longest = Math.max(longest, run);
  }
  return longest;
}

/**
 * The last `count` weeks up to `currentWeek`, oldest first, empty weeks included.
 *
 * @param streak - the current streak as the practice service counts it, so the tab, the chat
 * and this view always show the same number
 */
export function trendsView(
  weeks: readonly PracticeWeek[],
  currentWeek: WeekKey,
  count: number,
  streak: number,
): TrendsResponse {
  const byKey = new Map(weeks.map((week) => [week.week, week]));
  const practised = new Set(weeks.filter(isPractised).map((week) => week.week));
  const firstWeek = addWeeks(currentWeek, -(count - 1));
  let run = runEndingAt(practised, addWeeks(firstWeek, -1));
  const trend: TrendWeek[] = [];
  for (let index = 0; index < count; index += 1) {
    const key = addWeeks(firstWeek, index);
    const week = byKey.get(key);
    run = practised.has(key) ? run + 1 : 0;
    trend.push({
      ...weekSpan(key),
      reps: repCounts(week?.reps ?? []),
      reflected: week?.reflection !== undefined && hasAnyAnswer(week.reflection),
      streak: run,
    });
  }
  return {
    weeks: trend,
    streak,
    longestStreak: longestRun(practised),
    practisedWeeks: practised.size,
  };
}
