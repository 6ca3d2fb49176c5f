/**
 * The caller's own calendar: their time zone (from their settings) and the week it is for them.
 */
import type { WeekKey } from '../domain/week';
import type { WeekRead } from '../services/practice-service';
import type { ApiContext } from './api-route';

/** Where the caller stands in time. */
export interface PersonalWeek {
  /** The caller's IANA time zone. */
  readonly timeZone: string;
  /** The current ISO week in that zone. */
  readonly currentWeek: WeekKey;
}

/** The caller's time zone and current week. */
export async function personalWeek(context: ApiContext): Promise<PersonalWeek> {
  const { practice } = context.services;
  const { timeZone } = (await practice.settings(context.scope)).value;
  return { timeZone, currentWeek: practice.currentWeekKey(timeZone) };
}

/**
 * The caller's time zone and current week, with the records of the week a change names and the
 * week before it (for the streak), in one round trip.
 */
export async function personalWeekWith(
  context: ApiContext,
  week: WeekKey,
): Promise<PersonalWeek & { readonly read: WeekRead }> {
  const { practice } = context.services;
  const read = await practice.readWeek(context.scope, week);
  const { timeZone } = read.settings.value;
  return { timeZone, currentWeek: practice.currentWeekKey(timeZone), read };
}
