/**
 * Streaks: consecutive weeks practised.
 *
 * @remarks
 * A streak counts, never punishes: the current week still in progress does not break it, and a
 * missed week only means the next practised week starts a new count.
 */
import { addWeeks, type WeekKey } from './week';

/**
 * The number of consecutive practised weeks ending this week, or last week when this week has
 * no practice yet.
 */
export function currentStreak(practisedWeeks: Iterable<WeekKey>, thisWeek: WeekKey): number {
  const practised = new Set(practisedWeeks);
  let week = practised.has(thisWeek) ? thisWeek : addWeeks(thisWeek, -1);
  let streak = 0;
  while (practised.has(week)) {
    streak += 1;
    week = addWeeks(week, -1);
  }
  return streak;
}
