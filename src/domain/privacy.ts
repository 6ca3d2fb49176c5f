/**
 * Privacy rules for what an organization's admins may see: counts only, and only of groups of
 * at least five people.
 *
 * @remarks
 * A figure drawn from fewer than five people could point at someone ("one person asked for help
 * this week" in a team of three), so it is replaced by "fewer than 5". Figures carry numbers only:
 * the facts fed in here have no names and no content to begin with.
 */
import { addDays, mondayOf, type WeekKey } from './week';

/** The smallest group whose figures may be shown. */
export const MIN_GROUP_SIZE = 5;

/** A figure as admins see it: a count, or the fact that too few people are behind it. */
export type PrivateFigure = number | 'fewer-than-5';

/** The figure for `value`, drawn from `people` distinct people. */
export function privateFigure(value: number, people: number): PrivateFigure {
  return people < MIN_GROUP_SIZE ? 'fewer-than-5' : value;
}

/** One person's week, reduced to what aggregates need. */
export interface WeekFact {
  /** Whose week it is (only counted, never shown). */
  readonly userId: string;
  /** True when the week has an answered reflection or a rep. */
  readonly practised: boolean;
  /** True when the week's reflection was completed. */
  readonly reflectionCompleted: boolean;
}

/** One help request, reduced to what aggregates need. */
export interface RequestFact {
  /** Who asked (only counted, never shown). */
  readonly askerId: string;
  /** Who was asked (only counted, never shown). */
  readonly helperId: string;
  /** True when the helper said yes (accepted or done). */
  readonly accepted: boolean;
  /** True when the asker said thanks. */
  readonly thanked: boolean;
}

/** An organization's week in anonymous figures. */
export interface WeeklyAggregates {
  /** People who practised (reflected or logged a rep) or asked for help. */
  readonly activePeople: PrivateFigure;
  /** Reflections completed. */
  readonly reflectionsCompleted: PrivateFigure;
  /** Help requests sent. */
  readonly requestsSent: PrivateFigure;
  /** Help requests a helper said yes to. */
  readonly requestsAccepted: PrivateFigure;
  /** Thank-yous sent. */
  readonly thanks: PrivateFigure;
}

/**
 * The week's figures. Each is hidden unless at least five distinct people stand behind it: for
 * requests, five askers and five helpers, since either side could be recognised.
 */
export function weeklyAggregates(
  weeks: readonly WeekFact[],
  requests: readonly RequestFact[],
): WeeklyAggregates {
  const active = new Set([
    ...weeks.filter((week) => week.practised).map((week) => week.userId),
    ...requests.map((request) => request.askerId),
  ]);
  const completed = weeks.filter((week) => week.reflectionCompleted);
  const accepted = requests.filter((request) => request.accepted);
  const thanked = requests.filter((request) => request.thanked);
  return {
    activePeople: privateFigure(active.size, active.size),
    reflectionsCompleted: privateFigure(
      completed.length,
      new Set(completed.map((week) => week.userId)).size,
    ),
    requestsSent: privateFigure(requests.length, partiesOf(requests)),
    requestsAccepted: privateFigure(accepted.length, partiesOf(accepted)),
    thanks: privateFigure(thanked.length, partiesOf(thanked)),
  };
}

/** The smaller of the numbers of distinct askers and distinct helpers of some requests. */
function partiesOf(requests: readonly RequestFact[]): number {
  return Math.min(
    new Set(requests.map((request) => request.askerId)).size,
    new Set(requests.map((request) => request.helperId)).size,
  );
}

/** Bounds of an organization's retention period, in months. */
export const RETENTION_MONTHS = { min: 1, max: 120 } as const;

/**
 * True when a whole week lies more than `months` calendar months before `now` (UTC), so its
 * reflection is past the organization's retention period.
 *
 * @remarks
 * A week counts by its last day, so a reflection is never removed while any of its week is
 * still inside the period.
 */
export function isPastRetention(week: WeekKey, months: number, now: Date): boolean {
  const sunday = addDays(mondayOf(week), 6);
  const cutoff = new Date(
    Date.UTC(now.getUTCFullYear(), now.getUTCMonth() - months, now.getUTCDate()),
  );
  return Date.UTC(sunday.year, sunday.month - 1, sunday.day) < cutoff.getTime();
}
