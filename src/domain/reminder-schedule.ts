/**
 * Weekly reminders: when a person's next reminder is due, which week it belongs to, and what a
 * sent reminder, a snooze or a skip changes.
 *
 * @remarks
 * Every instant is computed from the person's wall clock for one particular week through
 * {@link instantOf} (never by adding 7 × 24 h), so daylight-saving changes cannot shift a reminder.
 * Quiet hours push a reminder to the end of the quiet hours. A reminder belongs to the week it is
 * delivered in, which is the week its Start button opens: a Sunday-night reminder that quiet hours
 * push past midnight belongs to the new week, and each week still gets at most one weekly
 * reminder plus one snoozed follow-up.
 */
import { isQuietTime, minutesOf, type UserSettings } from './settings';
import {
  addDays,
  addWeeks,
  instantOf,
  localDateTimeOf,
  mondayOf,
  weekKeyOf,
  type WeekKey,
} from './week';

/** The settings a reminder depends on. */
export type ReminderSettings = Pick<
  UserSettings,
  'reminderDay' | 'reminderTime' | 'timeZone' | 'paused' | 'quietHours'
>;

/** Record kind and id of a person's reminder log (in their own partition). */
export const REMINDER_RECORD = { kind: 'reminder', id: 'me' } as const;

/** How long a snooze lasts. */
export const SNOOZE_MINUTES = 60;

const MINUTE_MS = 60_000;

/** A reminder that is planned for a person. */
export interface PlannedReminder {
  /** When it is due (ISO 8601, UTC). */
  readonly at: string;
  /** The week it belongs to: the person's week at `at`. */
  readonly week: WeekKey;
  /** True for the follow-up of a snooze, false for the weekly reminder. */
  readonly followUp: boolean;
}

/** What happened in the week of the latest weekly reminder. */
export interface ReminderWeek {
  /** The week. */
  readonly week: WeekKey;
  /** When the weekly reminder went out (ISO 8601). */
  readonly sentAt: string;
  /**
   * True when a crash left it open whether the reminder reached the person.
   * @remarks Such a reminder is never sent again: one lost reminder is kinder than two.
   */
  readonly uncertain?: boolean;
  /** When the person snoozed it; a week has one snooze. */
  readonly snoozedAt?: string;
  /** When the snoozed follow-up went out. */
  readonly followUpSentAt?: string;
  /** When the person skipped the week. */
  readonly skippedAt?: string;
}

/** A reminder a sender is delivering right now (written before the send, cleared after). */
export interface SendingMarker {
  /** Idempotency key of the delivery: only its own sender may record its outcome. */
  readonly key: string;
  /** The scheduler instance that sends it. */
  readonly owner: string;
  /** The reminder being sent. */
  readonly reminder: PlannedReminder;
  /** When the send began (ISO 8601). */
  readonly since: string;
}

/** Why reminders stopped for a person until they install Spotter again. */
export type ReminderStop = 'uninstalled' | 'unreachable';

/** A person's reminder log: what is planned, what went out, and whether reminders stopped. */
export interface ReminderLog {
  /** The next reminder; the scheduler's time-slot index holds an entry for it. */
  readonly next?: PlannedReminder;
  /** The latest week a weekly reminder went out for. */
  readonly latest?: ReminderWeek;
  /** A delivery in progress. */
  readonly sending?: SendingMarker;
  /** Set when reminders stopped (uninstall, or Teams says the chat is gone). */
  readonly stopped?: ReminderStop;
}

/** Everything the schedule depends on, read from the person's records. */
export interface ReminderFacts {
  /** Their settings. */
  readonly settings: ReminderSettings;
  /** Their reminder log. */
  readonly log: ReminderLog;
  /** Weeks whose reflection is completed (at least this week and the next). */
  readonly completedWeeks: ReadonlySet<WeekKey>;
}

/** Whether a due reminder goes out now, and if not, why not. */
export type ReminderVerdict =
  | 'send'
  | 'stopped'
  | 'paused'
  | 'not-yet'
  | 'week-over'
  | 'reflected'
  | 'skipped'
  | 'already-sent'
  | 'not-snoozed'
  | 'rescheduled';

/** Why a snooze or skip from a reminder card was refused. */
export type ReminderActionRefusal =
  'no-reminder' | 'other-week' | 'week-over' | 'too-late' | 'skipped' | 'already-snoozed';

/** Most remembered answers of {@link reminderWeekOf}. */
const WEEK_MEMO_SIZE = 4096;
const weekMemo = new Map<string, WeekKey>();

/**
 * The person's week at an instant, which is the week a reminder delivered then belongs to.
 *
 * @remarks
 * {@link weekKeyOf}, remembered per zone and minute (a week turns on the wall clock's minute):
 * the sender asks it several times for everyone it reminds, and `Intl` is slow to answer.
 */
export function reminderWeekOf(instant: Date, timeZone: string): WeekKey {
  const key = `${timeZone}|${Math.floor(instant.getTime() / 60_000)}`;
  const known = weekMemo.get(key);
  if (known) return known;
  if (weekMemo.size >= WEEK_MEMO_SIZE) weekMemo.clear();
  const week = weekKeyOf(instant, timeZone);
  weekMemo.set(key, week);
  return week;
}

function hhmmOf(hour: number, minute: number): string {
  return `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`;
}

/**
 * The instant itself, or the end of the quiet hours it falls in (the same or the next day).
 *
 * @remarks
 * The end is taken on the wall clock of that day, so it is right on daylight-saving days too.
 */
export function afterQuietHours(instant: Date, settings: ReminderSettings): Date {
  const quiet = settings.quietHours;
  if (!quiet) return instant;
  const local = localDateTimeOf(instant, settings.timeZone);
  if (!isQuietTime(quiet, hhmmOf(local.hour, local.minute))) return instant;
  const end = minutesOf(quiet.end);
  const date = end > local.hour * 60 + local.minute ? local : addDays(local, 1);
  return instantOf(
    {
      year: date.year,
      month: date.month,
      day: date.day,
      hour: Math.floor(end / 60),
      minute: end % 60,
    },
    settings.timeZone,
  );
}

/** Most remembered results of {@link scheduledReminder}. */
const SCHEDULE_MEMO_SIZE = 4096;
const scheduleMemo = new Map<string, PlannedReminder>();

/**
 * The weekly reminder that the chosen day and time of week `week` produce, after quiet hours,
 * and the week it belongs to (`week`, or the next one when quiet hours push it past Sunday).
 *
 * @remarks
 * Remembered per settings and week: time zone arithmetic through `Intl` is the sender's largest
 * cost, and the people of a tenant mostly share their settings.
 */
export function scheduledReminder(settings: ReminderSettings, week: WeekKey): PlannedReminder {
  const { timeZone, reminderDay, reminderTime, quietHours } = settings;
  const key = [timeZone, reminderDay, reminderTime, quietHours?.start, quietHours?.end, week].join(
    '|',
  );
  const known = scheduleMemo.get(key);
  if (known) return known;
  if (scheduleMemo.size >= SCHEDULE_MEMO_SIZE) scheduleMemo.clear();
  const planned = computeScheduledReminder(settings, week);
  scheduleMemo.set(key, planned);
  return planned;
}

function computeScheduledReminder(settings: ReminderSettings, week: WeekKey): PlannedReminder {
  const date = addDays(mondayOf(week), settings.reminderDay - 1);
  const minutes = minutesOf(settings.reminderTime);
  const nominal = instantOf(
    { ...date, hour: Math.floor(minutes / 60), minute: minutes % 60 },
    settings.timeZone,
  );
  const at = afterQuietHours(nominal, settings);
  return { at: at.toISOString(), week: reminderWeekOf(at, settings.timeZone), followUp: false };
}

/** True when the weekly reminder planned for `planned.week` still matches the settings. */
function isScheduled(settings: ReminderSettings, planned: PlannedReminder): boolean {
  return [0, -1].some((offset) => {
    const candidate = scheduledReminder(settings, addWeeks(planned.week, offset));
    return candidate.at === planned.at && candidate.week === planned.week;
  });
}

/** The follow-up a snooze asked for, if one is still owed. */
function followUpOf(facts: ReminderFacts): PlannedReminder | undefined {
  const latest = facts.log.latest;
  if (!latest?.snoozedAt || latest.followUpSentAt || latest.skippedAt) return undefined;
  const at = afterQuietHours(
    new Date(Date.parse(latest.snoozedAt) + SNOOZE_MINUTES * MINUTE_MS),
    facts.settings,
  );
  if (reminderWeekOf(at, facts.settings.timeZone) !== latest.week) return undefined;
  return { at: at.toISOString(), week: latest.week, followUp: true };
}

/** True when a week needs no weekly reminder any more. */
function isSettled(facts: ReminderFacts, week: WeekKey): boolean {
  const latest = facts.log.latest;
  return facts.completedWeeks.has(week) || latest?.week === week;
}

/**
 * Whether a planned reminder goes out at `now`.
 *
 * @remarks
 * Checked by the sender right before it sends, against freshly read records, so a pause, a
 * completed reflection, a skip or new settings stop a reminder even when the index still had it.
 */
export function reminderVerdict(
  facts: ReminderFacts,
  planned: PlannedReminder,
  now: Date,
): ReminderVerdict {
  const { settings, log } = facts;
  if (log.stopped) return 'stopped';
  if (settings.paused) return 'paused';
  if (now.getTime() < Date.parse(planned.at)) return 'not-yet';
  if (reminderWeekOf(now, settings.timeZone) !== planned.week) return 'week-over';
  if (facts.completedWeeks.has(planned.week)) return 'reflected';
  const latest = log.latest?.week === planned.week ? log.latest : undefined;
  if (latest?.skippedAt) return 'skipped';
  if (planned.followUp) {
    if (latest?.followUpSentAt) return 'already-sent';
    const owed = followUpOf(facts);
    return owed?.at === planned.at ? 'send' : 'not-snoozed';
  }
  if (latest) return 'already-sent';
  return isScheduled(settings, planned) ? 'send' : 'rescheduled';
}

/**
 * The person's next reminder at or after `now`, or undefined when none is owed (paused,
 * stopped).
 *
 * @remarks
 * A planned reminder that is already due and still valid stays planned (a sender may simply not
 * have reached it yet); otherwise the earliest of the owed snooze follow-up and the next weekly
 * reminder of a week that has none yet and whose reflection is not completed.
 */
export function nextReminder(facts: ReminderFacts, now: Date): PlannedReminder | undefined {
  const { settings, log } = facts;
  if (log.stopped || settings.paused) return undefined;
  const planned = log.next;
  if (planned && Date.parse(planned.at) <= now.getTime()) {
    if (reminderVerdict(facts, planned, now) === 'send') return planned;
  }
  const followUp = followUpOf(facts);
  if (followUp) {
    const at = new Date(Math.max(now.getTime(), Date.parse(followUp.at)));
    if (reminderVerdict(facts, followUp, at) === 'send') return followUp;
  }
  const thisWeek = reminderWeekOf(now, settings.timeZone);
  for (let offset = -1; offset <= 3; offset += 1) {
    const weekly = scheduledReminder(settings, addWeeks(thisWeek, offset));
    if (Date.parse(weekly.at) >= now.getTime() && !isSettled(facts, weekly.week)) return weekly;
  }
  return undefined;
}

/** The log with a delivery marked as in progress. */
export function withSending(log: ReminderLog, marker: SendingMarker): ReminderLog {
  return { ...log, sending: marker };
}

/** The log without a delivery marker (the send failed before reaching Teams). */
export function withoutSending(log: ReminderLog): ReminderLog {
  return { ...log, sending: undefined };
}

/**
 * The log after a reminder went out at `now`; `uncertain` when a crash left it open whether it
 * did.
 */
export function withSent(
  log: ReminderLog,
  reminder: PlannedReminder,
  now: Date,
  uncertain = false,
): ReminderLog {
  const rest = withoutSending(log);
  const flag = uncertain ? { uncertain: true } : {};
  if (reminder.followUp) {
    if (rest.latest?.week !== reminder.week) return rest;
    return { ...rest, latest: { ...rest.latest, followUpSentAt: now.toISOString(), ...flag } };
  }
  return { ...rest, latest: { week: reminder.week, sentAt: now.toISOString(), ...flag } };
}

/** Checks that a card action names the latest reminder's week, which must still be running. */
function actionableWeek(
  facts: ReminderFacts,
  cardWeek: WeekKey,
  now: Date,
): ReminderWeek | ReminderActionRefusal {
  const latest = facts.log.latest;
  if (!latest) return 'no-reminder';
  if (latest.week !== cardWeek) return 'other-week';
  if (reminderWeekOf(now, facts.settings.timeZone) !== latest.week) return 'week-over';
  return latest;
}

/**
 * Snoozes the reminder of `cardWeek` by {@link SNOOZE_MINUTES} (quiet hours respected): the log
 * and the follow-up it now owes, or why not (once a week, and never past the week's end:
 * `too-late`).
 */
export function snoozeReminder(
  facts: ReminderFacts,
  cardWeek: WeekKey,
  now: Date,
): { log: ReminderLog; followUp: PlannedReminder } | ReminderActionRefusal {
  const latest = actionableWeek(facts, cardWeek, now);
  if (typeof latest === 'string') return latest;
  if (latest.skippedAt) return 'skipped';
  if (latest.snoozedAt) return 'already-snoozed';
  const log = { ...facts.log, latest: { ...latest, snoozedAt: now.toISOString() } };
  const followUp = followUpOf({ ...facts, log });
  if (!followUp) return 'too-late';
  return { log, followUp };
}

/** Skips the week of `cardWeek`'s reminder (no follow-up either); repeating it changes nothing. */
export function skipWeek(
  facts: ReminderFacts,
  cardWeek: WeekKey,
  now: Date,
): ReminderLog | ReminderActionRefusal {
  const latest = actionableWeek(facts, cardWeek, now);
  if (typeof latest === 'string') return latest;
  if (latest.skippedAt) return facts.log;
  return { ...facts.log, latest: { ...latest, skippedAt: now.toISOString() } };
}
