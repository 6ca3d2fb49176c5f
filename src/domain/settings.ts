/**
 * A person's settings: when to be reminded, in which time zone, quiet hours, pause, language.
 */
import { z } from 'zod';
import { isValidTimeZone } from './profile';

/** Record kind and id of the settings. */
export const SETTINGS_RECORD = { kind: 'settings', id: 'me' } as const;

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 16:00');

/** Quiet hours: no reminder starts between `start` and `end` (may span midnight). */
export interface QuietHours {
  /** Start, `HH:MM` local time. */
  readonly start: string;
  /** End, `HH:MM` local time. */
  readonly end: string;
}

/** Schema of settings as clients send them. */
export const settingsSchema = z.object({
  reminderDay: z.number().int().min(1, 'a day from Monday (1)').max(7, 'to Sunday (7)'),
  reminderTime: time,
  timeZone: z.string().refine(isValidTimeZone, 'an IANA time zone such as Europe/Berlin'),
  paused: z.boolean(),
  quietHours: z.object({ start: time, end: time }).nullable(),
  language: z.enum(['en', 'de']).nullable(),
});

/** A person's settings. */
export type UserSettings = z.infer<typeof settingsSchema>;

/** Friday (5) at 16:00, reminders on, no quiet hours, the host's language. */
export function defaultSettings(timeZone: string | undefined): UserSettings {
  return {
    reminderDay: 5,
    reminderTime: '16:00',
    timeZone: timeZone && isValidTimeZone(timeZone) ? timeZone : 'UTC',
    paused: false,
    quietHours: null,
    language: null,
  };
}

/** Minutes since midnight of an `HH:MM` time. */
export function minutesOf(hhmm: string): number {
  const [hours, minutes] = hhmm.split(':').map(Number);
  return (hours ?? 0) * 60 + (minutes ?? 0);
}

/** True when a local time of day (`HH:MM`) falls within quiet hours. */
export function isQuietTime(quietHours: QuietHours | null, hhmm: string): boolean {
  if (!quietHours) return false;
  const at = minutesOf(hhmm);
  const start = minutesOf(quietHours.start);
  const end = minutesOf(quietHours.end);
  if (start === end) return false;
  return start < end ? at >= start && at < end : at >= start || at < end;
}
