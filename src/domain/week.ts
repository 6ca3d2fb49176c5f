/**
 * Weeks: Spotter's unit of practice, the ISO 8601 week in the person's own time zone.
 *
 * @remarks
 * A week key such as `2026-W48` names the week that runs Monday to Sunday in the person's time
 * zone. All arithmetic goes through calendar dates (never by adding 7 × 24 h to an instant), so
 * daylight-saving changes cannot shift a week.
 */

/** An ISO week, written `YYYY-Www` (e.g. `2026-W48`). */
export type WeekKey = string;

/** A calendar date without a time zone. */
export interface LocalDate {
  /** Full year. */
  readonly year: number;
  /** Month, 1–12. */
  readonly month: number;
  /** Day of month, 1–31. */
  readonly day: number;
}

/** A calendar date and wall-clock time without a time zone. */
export interface LocalDateTime extends LocalDate {
  /** Hour, 0–23. */
  readonly hour: number;
  /** Minute, 0–59. */
  readonly minute: number;
}

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;
const DAY_MS = 86_400_000;

/** True when `value` is a well-formed week key of a week that exists. */
export function isWeekKey(value: unknown): value is WeekKey {
  if (typeof value !== 'string') return false;
  const match = WEEK_KEY.exec(value);
  if (!match) return false;
  const week = Number(match[2]);
  return week >= 1 && week <= weeksInIsoYear(Number(match[1]));
}

/** More zones than exist (about 600): the cache below only empties if fed made-up names. */
const ZONES_KEPT = 1024;
const MINUTE_MS = 60_000;
/**
 * 1972-01-01: from then on every zone's offset from UTC is a whole number of minutes (the last
 * odd one, Liberia's −0:44:30, ended that day), so every instant of one UTC minute shows the same
 * wall-clock minute everywhere.
 */
const WHOLE_MINUTE_OFFSETS_FROM = Date.UTC(1972, 0, 1);

/** One zone's formatter and the last wall-clock minute it read. */
interface ZoneClock {
  readonly formatter: Intl.DateTimeFormat;
  minute: number;
  local?: LocalDateTime;
}

const zoneClocks = new Map<string, ZoneClock>();

/**
 * The formatter that reads wall clocks in a time zone, made once per zone: building one costs
 * far more than using it, and the reminder sender asks for the same few zones thousands of times.
 */
function zoneClockOf(timeZone: string): ZoneClock {
  let clock = zoneClocks.get(timeZone);
  if (!clock) {
    const formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
    });
    clock = { formatter, minute: Number.NaN };
    if (zoneClocks.size >= ZONES_KEPT) zoneClocks.clear();
    zoneClocks.set(timeZone, clock);
  }
  return clock;
}

/**
 * The wall-clock date and time of an instant in a time zone.
 *
 * @remarks
 * Reading a wall clock (`formatToParts`) is slow next to everything else a bot turn does, and a
 * turn asks for "now" in the person's zone several times: the last minute read is kept per zone.
 */
export function localDateTimeOf(instant: Date, timeZone: string): LocalDateTime {
  const clock = zoneClockOf(timeZone);
  const time = instant.getTime();
  const minute = Math.floor(time / MINUTE_MS);
  if (clock.local && minute === clock.minute && time >= WHOLE_MINUTE_OFFSETS_FROM) {
    return clock.local;
  }
  const parts = clock.formatter.formatToParts(instant);
  const part = (type: Intl.DateTimeFormatPartTypes): number =>
    Number(parts.find((p) => p.type === type)?.value);
  const local: LocalDateTime = {
    year: part('year'),
    month: part('month'),
    day: part('day'),
    hour: part('hour'),
    minute: part('minute'),
  };
  clock.minute = minute;
  clock.local = local;
  return local;
}

/** Day of the week of a date, ISO numbering: Monday 1 … Sunday 7. */
export function isoWeekday(date: LocalDate): number {
  const weekday = new Date(Date.UTC(date.year, date.month - 1, date.day)).getUTCDay();
  return weekday === 0 ? 7 : weekday;
}

/** The date `days` days after `date` (negative for before). */
export function addDays(date: LocalDate, days: number): LocalDate {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day) + days * DAY_MS);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
  };
}

/** The ISO week a calendar date belongs to. */
export function weekKeyOfDate(date: LocalDate): WeekKey {
  // The ISO week's year is the year of its Thursday.
  const thursday = addDays(date, 4 - isoWeekday(date));
  const firstOfYear = Date.UTC(thursday.year, 0, 1);
  const dayOfYear =
    (Date.UTC(thursday.year, thursday.month - 1, thursday.day) - firstOfYear) / DAY_MS;
  const week = Math.floor(dayOfYear / 7) + 1;
  return `${thursday.year}-W${String(week).padStart(2, '0')}`;
}

/** The week an instant falls in, in a time zone. */
export function weekKeyOf(instant: Date, timeZone: string): WeekKey {
  return weekKeyOfDate(localDateTimeOf(instant, timeZone));
}

/** The Monday that starts a week. */
export function mondayOf(week: WeekKey): LocalDate {
  const match = WEEK_KEY.exec(week);
  if (!match || !isWeekKey(week)) throw new RangeError(`not a week key: ${week}`);
  const year = Number(match[1]);
  const jan4 = { year, month: 1, day: 4 };
  const firstMonday = addDays(jan4, 1 - isoWeekday(jan4));
  return addDays(firstMonday, (Number(match[2]) - 1) * 7);
}

/** The week `count` weeks after `week` (negative for before). */
export function addWeeks(week: WeekKey, count: number): WeekKey {
  return weekKeyOfDate(addDays(mondayOf(week), count * 7));
}

/** How many weeks lie from `from` to `to` (negative when `to` is earlier). */
export function weeksBetween(from: WeekKey, to: WeekKey): number {
  const a = mondayOf(from);
  const b = mondayOf(to);
  return Math.round(
    (Date.UTC(b.year, b.month - 1, b.day) - Date.UTC(a.year, a.month - 1, a.day)) / (7 * DAY_MS),
  );
}

/** 52 or 53: an ISO year has 53 weeks when December 28th falls in week 53. */
export function weeksInIsoYear(year: number): number {
  return weekKeyOfDate({ year, month: 12, day: 28 }).endsWith('53') ? 53 : 52;
}

/**
 * The instant at which a wall-clock time occurs in a time zone.
 *
 * @remarks
 * A time that does not exist (skipped by a spring-forward change) moves forward by the gap; a
 * time that occurs twice (fall-back) resolves to its first occurrence.
 */
export function instantOf(local: LocalDateTime, timeZone: string): Date {
  const asUtc = Date.UTC(local.year, local.month - 1, local.day, local.hour, local.minute);
  const offsetAt = (instant: number): number => {
    const seen = localDateTimeOf(new Date(instant), timeZone);
    return Date.UTC(seen.year, seen.month - 1, seen.day, seen.hour, seen.minute) - instant;
  };
  const candidates = [asUtc - offsetAt(asUtc - DAY_MS), asUtc - offsetAt(asUtc + DAY_MS)];
  const exact = candidates
    .filter((instant) => offsetAt(instant) + instant === asUtc)
    .sort((a, b) => a - b);
  if (exact[0] !== undefined) return new Date(exact[0]);
  // Skipped by a spring-forward change: the same wall time with the offset from before the gap.
  return new Date(Math.max(...candidates));
}
