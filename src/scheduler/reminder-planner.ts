/**
 * Keeps each person's next reminder, and its entry in the time-slot index, current.
 *
 * @remarks
 * A person's reminder log (record `reminder`/`me` in their partition) is the truth; the index
 * entry only says where to look. Every change goes one way: read the person's records, apply the
 * change to the log, compute the next reminder, write the new index entry, write the log with the
 * etag it was read with (retrying on a conflict), then remove the old entry. A crash between
 * those steps leaves at worst an extra entry, which the sender finds stale and drops; never a
 * planned reminder without an entry.
 *
 * Called when settings are saved (through the practice service's observer), when a reflection
 * is completed, on install and uninstall, on snooze and skip, and by the sender itself.
 */
import type { Scope } from '../auth/scope';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../domain/practice-week';
import { PROFILE_RECORD, type UserProfile } from '../domain/profile';
import {
  nextReminder,
  REMINDER_RECORD,
  reminderWeekOf,
  skipWeek,
  snoozeReminder,
  type PlannedReminder,
  type ReminderActionRefusal,
  type ReminderFacts,
  type ReminderLog,
} from '../domain/reminder-schedule';
import { SETTINGS_RECORD, type UserSettings } from '../domain/settings';
import type { WeekKey } from '../domain/week';
import type { Logger } from '../logging/logger';
import type { PracticeObserver, PracticeService } from '../services/practice-service';
import { ConflictError } from '../store/errors';
import type { Store, StoredRecord } from '../store/store';
import { SlotIndex, type DueEntry } from './slot-index';

/** A person's reminder facts as read, with what writing them back needs. */
export interface LoadedReminder {
  /** The facts the schedule depends on. */
  readonly facts: ReminderFacts;
  /** Etag of the reminder log; absent when there is none yet. */
  readonly etag?: string;
  /** Their profile, with the conversation reference to reach them; absent before install. */
  readonly profile?: UserProfile;
  /** The language to write to them in: the one they chose, else their client's. */
  readonly locale: string;
}

/** A change to a person's reminder log, or why it was refused. */
export type ReminderChange = (
  facts: ReminderFacts,
  now: Date,
) => ReminderLog | ReminderActionRefusal;

/** What a snooze from a reminder card did. */
export type SnoozeOutcome =
  | {
      /** Snoozed. */
      readonly kind: 'snoozed';
      /** When the follow-up comes. */
      readonly at: Date;
      /** The person's time zone, to show that time. */
      readonly timeZone: string;
    }
  | {
      /** Not snoozed. */
      readonly kind: 'refused';
      /** Why. */
      readonly reason: ReminderActionRefusal;
    };

/** What a skip from a reminder card did. */
export type SkipOutcome =
  | {
      /** The week is skipped. */
      readonly kind: 'skipped';
    }
  | {
      /** Not skipped. */
      readonly kind: 'refused';
      /** Why. */
      readonly reason: ReminderActionRefusal;
    };

/** What the planner reads the practice through (the settings of someone who saved none). */
export type PracticeReader = Pick<PracticeService, 'settingsFrom'>;

/** Options of {@link ReminderPlanner}. */
export interface ReminderPlannerOptions {
  /** Where records live. */
  readonly store: Store;
  /** Settings and weeks of practice. */
  readonly practice: PracticeReader;
  /** The clock. */
  readonly now: () => Date;
  /** Logger (tenant ids only, never content). */
  readonly logger: Logger;
}

/** How often a change is retried when another writer got to the log first. */
const WRITE_ATTEMPTS = 5;
/** Most people {@link ReminderPlanner.ensurePlanned} remembers as planned. */
const PLANNED_CACHE_SIZE = 50_000;

/**
 * Every ISO week some time zone is in at `now`: zones run from UTC−12 to UTC+14, whose dates lie
 * at most two days apart, so one week or two.
 */
function weeksAnywhereAt(now: Date): WeekKey[] {
  return [...new Set([reminderWeekOf(now, 'Etc/GMT+12'), reminderWeekOf(now, 'Etc/GMT-14')])];
}

function samePlan(a: PlannedReminder | undefined, b: PlannedReminder | undefined): boolean {
  return a?.at === b?.at && a?.week === b?.week && a?.followUp === b?.followUp;
}

function plannedKeyOf(scope: Scope): string {
  return `${scope.tenantId}\n${scope.userId}`;
}

function entryOf(scope: Scope, reminder: PlannedReminder): DueEntry {
  return { tenantId: scope.tenantId, userId: scope.userId, dueAt: reminder.at };
}

/** Plans reminders and keeps the index in step. */
export class ReminderPlanner implements PracticeObserver {
  /** The index this planner writes. */
  readonly index: SlotIndex;
  /** People of this process known to have a reminder log (see {@link ensurePlanned}). */
  private readonly planned = new Set<string>();

  constructor(private readonly options: ReminderPlannerOptions) {
    this.index = new SlotIndex(options.store);
  }

  /**
   * Reads everything a person's schedule depends on, in one round trip to the store.
   *
   * @remarks
   * Which week's reflection counts depends on the time zone in the settings being read, so the
   * weeks of every zone at this moment (one or two) are read along. Someone without saved
   * settings gets the defaults, in the time zone of the profile read along.
   */
  async read(scope: Scope): Promise<LoadedReminder> {
    const { store, practice } = this.options;
    const now = this.options.now();
    const weeks = weeksAnywhereAt(now);
    const [settingsRecord, logRecord, profileRecord, ...weekRecords] = await store.getMany(scope, [
      SETTINGS_RECORD,
      REMINDER_RECORD,
      PROFILE_RECORD,
      ...weeks.map((id) => ({ kind: PRACTICE_WEEK_KIND, id })),
    ]);
    const profile = profileRecord?.data as UserProfile | undefined;
    const { value: settings } = await practice.settingsFrom(
      scope,
      settingsRecord as StoredRecord<UserSettings> | undefined,
      profile,
    );
    const log = logRecord as StoredRecord<ReminderLog> | undefined;
    const week: WeekKey = reminderWeekOf(now, settings.timeZone);
    const known = weeks.indexOf(week);
    const weekRecord =
      known >= 0 ? weekRecords[known] : await store.get(scope, PRACTICE_WEEK_KIND, week);
    const practiceWeek = weekRecord?.data as PracticeWeek | undefined;
    const completedWeeks = new Set(practiceWeek?.reflection?.completedAt ? [week] : []);
    return {
      facts: { settings, log: log?.data ?? {}, completedWeeks },
      locale: settings.language ?? profile?.locale ?? 'en-US',
      ...(log ? { etag: log.etag } : {}),
      ...(profile ? { profile } : {}),
    };
  }

  /**
   * Writes a new log over the one `loaded` was read with, planning its next reminder and moving
   * the index entry; a stale {@link ConflictError} when the log changed meanwhile. Answers the
   * person's records as they now are.
   *
   * @remarks
   * With `keepPlan` the log's planned reminder is kept as it is and the index is left alone: a
   * sender marking a delivery in progress changes nothing about what is planned. `listed` is the
   * previous plan's index entry as the sender listed it: it is removed with the etag it was
   * listed with (a concurrent rewrite wins and stays) instead of being read again.
   */
  async commit(
    scope: Scope,
    loaded: LoadedReminder,
    changed: ReminderLog,
    options: { keepPlan?: boolean; listed?: StoredRecord<DueEntry> } = {},
  ): Promise<LoadedReminder> {
    const { store, now } = this.options;
    const reachable = loaded.profile?.conversationReference !== undefined;
    const next = options.keepPlan
      ? changed.next
      : reachable
        ? nextReminder({ ...loaded.facts, log: changed }, now())
        : undefined;
    const log: ReminderLog = { ...changed, next };
    const previous = loaded.facts.log.next;
    // Always (re)written: a lost entry heals with the person's next change.
    if (next && !options.keepPlan) await this.index.add(entryOf(scope, next));
    let etag = loaded.etag;
    if (etag === undefined) {
      etag = (await store.create(scope, REMINDER_RECORD.kind, REMINDER_RECORD.id, log)).etag;
    } else if (JSON.stringify(log) !== JSON.stringify(loaded.facts.log)) {
      const guard = { ifMatch: etag };
      etag = (await store.put(scope, REMINDER_RECORD.kind, REMINDER_RECORD.id, log, guard)).etag;
    }
    if (previous && !samePlan(previous, next)) {
      if (!next || !SlotIndex.sameSlot(previous.at, next.at)) {
        const { listed } = options;
        if (listed && SlotIndex.sameSlot(listed.data.dueAt, previous.at)) {
          await this.index.removeRecord(listed);
        } else {
          await this.index.remove(entryOf(scope, previous));
        }
      }
    }
    return { ...loaded, facts: { ...loaded.facts, log }, etag };
  }

  /** Applies a change, retrying when another writer got there first. */
  async update(
    scope: Scope,
    change: ReminderChange,
  ): Promise<{ log: ReminderLog; facts: ReminderFacts } | ReminderActionRefusal> {
    for (let attempt = 1; ; attempt += 1) {
      const loaded = await this.read(scope);
      const changed = change(loaded.facts, this.options.now());
      if (typeof changed === 'string') return changed;
      try {
        const { facts } = await this.commit(scope, loaded, changed);
        return { log: facts.log, facts };
      } catch (error) {
        const lostRace = error instanceof ConflictError;
        if (!lostRace || attempt >= WRITE_ATTEMPTS) throw error;
      }
    }
  }

  /** Re-plans after the person saved settings (paused, moved the time, changed zone …). */
  settingsSaved(scope: Scope): Promise<void> {
    return this.replanQuietly(scope, 'settings saved');
  }

  /** Starts (or restarts) reminders for a person who installed Spotter. */
  async installed(scope: Scope): Promise<void> {
    await this.update(scope, (facts) => ({ ...facts.log, stopped: undefined }));
  }

  /** Stops a person's reminders (Spotter was uninstalled); their other records stay. */
  async uninstalled(scope: Scope): Promise<void> {
    await this.update(scope, (facts) => ({ ...facts.log, stopped: 'uninstalled' }));
  }

  /**
   * Forgets a person whose data is being deleted: removes their entry from the time-slot index
   * (their reminder log goes with the rest of their partition).
   */
  async forgetUser(scope: Scope): Promise<void> {
    const { store } = this.options;
    this.planned.delete(plannedKeyOf(scope));
    const log = await store.get<ReminderLog>(scope, REMINDER_RECORD.kind, REMINDER_RECORD.id);
    if (log?.data.next) await this.index.remove(entryOf(scope, log.data.next));
  }

  /**
   * Plans reminders for a person who has no reminder log yet (installed before reminders).
   *
   * @remarks
   * Called after every turn, so people known to have a log are not read again: a log, once
   * written, only goes with the person's data ({@link forgetUser} forgets them here too), and
   * stopping or restarting reminders rewrites it rather than removing it.
   */
  async ensurePlanned(scope: Scope): Promise<void> {
    const key = plannedKeyOf(scope);
    if (this.planned.has(key)) return;
    const log = await this.options.store.get(scope, REMINDER_RECORD.kind, REMINDER_RECORD.id);
    if (!log) await this.update(scope, (facts) => facts.log);
    // Bounded memory: forgetting everyone only costs each person one more read.
    if (this.planned.size >= PLANNED_CACHE_SIZE) this.planned.clear();
    this.planned.add(key);
  }

  /** Snoozes the reminder of `cardWeek` for an hour, once. */
  async snooze(scope: Scope, cardWeek: WeekKey): Promise<SnoozeOutcome> {
    let followUp: PlannedReminder | undefined;
    const result = await this.update(scope, (facts, now) => {
      const snoozed = snoozeReminder(facts, cardWeek, now);
      if (typeof snoozed === 'string') return snoozed;
      followUp = snoozed.followUp;
      return snoozed.log;
    });
    if (typeof result === 'string') return { kind: 'refused', reason: result };
    if (!followUp) throw new Error('snooze planned no follow-up');
    return { kind: 'snoozed', at: new Date(followUp.at), timeZone: result.facts.settings.timeZone };
  }

  /** Skips the week of `cardWeek`'s reminder. */
  async skip(scope: Scope, cardWeek: WeekKey): Promise<SkipOutcome> {
    const result = await this.update(scope, (facts, now) => skipWeek(facts, cardWeek, now));
    return typeof result === 'string' ? { kind: 'refused', reason: result } : { kind: 'skipped' };
  }

  /**
   * Re-plans without failing the caller: the change that triggered it is saved already, and the
   * sender re-checks everything before it sends, so a failed re-plan only delays the index.
   */
  private async replanQuietly(scope: Scope, reason: string): Promise<void> {
    try {
      await this.update(scope, (facts) => facts.log);
    } catch (error) {
      this.options.logger.warn(
        {
          tenantId: scope.tenantId,
          reason,
          err:
            error instanceof Error ? { name: error.name, message: error.message } : String(error),
        },
        'reminder re-plan failed',
      );
    }
  }
}
