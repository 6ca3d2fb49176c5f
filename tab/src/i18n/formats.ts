/**
 * Dates and times in the reader's language: week spans, days and moments, always through
 * `Intl`, so German readers see German month names and day order.
 */
import type { Language } from './messages';

const formatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A date formatter, made once per language and options: building one costs far more than
 * using it, and lists such as the history format hundreds of dates per render.
 */
function formatter(language: Language, options: Intl.DateTimeFormatOptions): Intl.DateTimeFormat {
  const key = `${language}/${JSON.stringify(options)}`;
  let cached = formatters.get(key);
  if (!cached) {
    cached = new Intl.DateTimeFormat(language, options);
    formatters.set(key, cached);
  }
  return cached;
}

/** A calendar date (`YYYY-MM-DD`) as a UTC midnight, so formatting never shifts the day. */
function dateOf(isoDate: string): Date {
  return new Date(`${isoDate}T00:00:00Z`);
}

const weekSpans = new Map<string, string>();

/**
 * "23–29 Nov 2026" for a week's Monday and Sunday; remembered, because `formatRange` is slow
 * and a week's span never changes.
 */
export function formatWeekSpan(language: Language, startsOn: string, endsOn: string): string {
  const key = `${language}/${startsOn}/${endsOn}`;
  let span = weekSpans.get(key);
  if (span === undefined) {
    span = formatter(language, {
      day: 'numeric',
      month: 'short',
      year: 'numeric',
      timeZone: 'UTC',
    }).formatRange(dateOf(startsOn), dateOf(endsOn));
    weekSpans.set(key, span);
  }
  return span;
}

/** "23 Nov" for a short chart label. */
export function formatShortDate(language: Language, isoDate: string): string {
  return formatter(language, { day: 'numeric', month: 'short', timeZone: 'UTC' }).format(
    dateOf(isoDate),
  );
}

/** "23 November 2026" for a calendar date. */
export function formatLongDate(language: Language, isoDate: string): string {
  return formatter(language, { dateStyle: 'long', timeZone: 'UTC' }).format(dateOf(isoDate));
}

/** "Tue, 24 Nov, 09:00" for a moment, in the reader's own time zone. */
export function formatMoment(language: Language, iso: string): string {
  return formatter(language, {
    weekday: 'short',
    day: 'numeric',
    month: 'short',
    hour: '2-digit',
    minute: '2-digit',
  }).format(new Date(iso));
}

/** The weekday name of ISO day `day` (Monday 1 … Sunday 7). */
export function weekdayName(language: Language, day: number): string {
  // 2024-01-01 was a Monday.
  return formatter(language, { weekday: 'long', timeZone: 'UTC' }).format(
    new Date(Date.UTC(2024, 0, day)),
  );
}

/** The ISO week number of a week key (`2026-W48` → 48). */
export function weekNumber(week: string): number {
  return Number(week.slice(week.indexOf('W') + 1));
}
