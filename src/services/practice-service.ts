/**
 * The weekly practice as use cases over the store: settings, this week's reflection, reps,
 * history and streak. The bot and the tab API both go through here, so a reflection written in
 * one is the same record in the other.
 */
import { randomUUID } from 'node:crypto';
import type { Scope } from '../auth/scope';
import {
  addRep,
  emptyWeek,
  isPractised,
  PRACTICE_WEEK_KIND,
  undoLastRep,
  withReflection,
  type PracticeWeek,
} from '../domain/practice-week';
import { PROFILE_RECORD, type UserProfile } from '../domain/profile';
import type { Reflection, ReflectionAnswers } from '../domain/reflection';
import { REP_LIMITS, type Rep, type RepKind } from '../domain/reps';
import { defaultSettings, SETTINGS_RECORD, type UserSettings } from '../domain/settings';
import { currentStreak } from '../domain/streak';
import { weekKeyOf, type WeekKey } from '../domain/week';
import { ConflictError } from '../store/errors';
import type { Page, PageRequest, Store, StoredRecord } from '../store/store';

/** A value with the etag of the record it was read from (absent when not stored yet). */
export interface Versioned<T> {
  /** The value. */
  readonly value: T;
  /** The record's etag, for `If-Match`. */
  readonly etag?: string;
}

/** Why a practice change was refused; each maps to a friendly message or a 4xx. */
export class PracticeError extends Error {
  constructor(
    /** What went wrong. */
    readonly reason: 'week-closed' | 'too-many-reps' | 'nothing-to-undo',
  ) {
    super(reason);
    this.name = 'PracticeError';
  }
}

/**
 * Told when practice records change that another feature derives data from: the reminder
 * scheduler re-plans a person's next reminder.
 */
export interface PracticeObserver {
  /** A person's settings were saved. */
  settingsSaved(scope: Scope): Promise<void>;
  /** A person completed this week's reflection. */
  reflectionCompleted(scope: Scope): Promise<void>;
}

/** How often a read-modify-write is retried when another writer got there first. */
const WRITE_ATTEMPTS = 8;
/** Upper bound of the random pause before a retry, growing with each attempt (milliseconds). */
const RETRY_JITTER_MS = 15;
/** Most weeks read to compute a streak (about two years). */
const STREAK_WEEKS = 100;

/** The weekly practice of one person at a time. */
export class PracticeService {
  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
    private readonly observer?: PracticeObserver,
  ) {}

  /** The person's settings, or the defaults (time zone from their profile) when none are saved. */
  async settings(scope: Scope): Promise<Versioned<UserSettings>> {
    const stored = await this.store.get<UserSettings>(
      scope,
      SETTINGS_RECORD.kind,
      SETTINGS_RECORD.id,
    );
    if (stored) return { value: stored.data, etag: stored.etag };
    const profile = await this.store.get<UserProfile>(
      scope,
      PROFILE_RECORD.kind,
      PROFILE_RECORD.id,
    );
    return { value: defaultSettings(profile?.data.timeZone) };
  }

  /** Saves settings; with `ifMatch`, only over the version the caller read. */
  async saveSettings(
    scope: Scope,
    settings: UserSettings,
    ifMatch?: string,
  ): Promise<Versioned<UserSettings>> {
    const record = await this.store.put(scope, SETTINGS_RECORD.kind, SETTINGS_RECORD.id, settings, {
      ...(ifMatch ? { ifMatch } : {}),
    });
    await this.observer?.settingsSaved(scope);
    return { value: record.data, etag: record.etag };
  }

  /** The current week key in a time zone. */
  currentWeekKey(timeZone: string): WeekKey {
    return weekKeyOf(this.now(), timeZone);
  }

  /** A week of practice (empty when nothing is stored for it). */
  async week(scope: Scope, week: WeekKey, timeZone: string): Promise<Versioned<PracticeWeek>> {
    const stored = await this.store.get<PracticeWeek>(scope, PRACTICE_WEEK_KIND, week);
    return stored
      ? { value: stored.data, etag: stored.etag }
      : { value: emptyWeek(week, timeZone) };
  }

  /**
   * Saves this week's reflection answers. `complete` marks it finished (keeping the first
   * completion time); a past or future week is refused, since a week can be edited only while
   * it lasts. With `ifMatch`, writes only over the version the caller read.
   */
  async saveReflection(
    scope: Scope,
    timeZone: string,
    week: WeekKey,
    answers: ReflectionAnswers,
    options: { complete?: boolean; ifMatch?: string } = {},
  ): Promise<Versioned<PracticeWeek>> {
    if (week !== this.currentWeekKey(timeZone)) throw new PracticeError('week-closed');
    const save = (current: PracticeWeek): PracticeWeek => {
      const completedAt =
        current.reflection?.completedAt ??
        (options.complete ? this.now().toISOString() : undefined);
      const reflection: Reflection = { ...answers, ...(completedAt ? { completedAt } : {}) };
      return withReflection(current, reflection);
    };
    if (options.ifMatch) {
      const current = await this.week(scope, week, timeZone);
      if (current.etag !== options.ifMatch) throw new ConflictError('stale');
      return this.completed(
        scope,
        options,
        await this.write(scope, save(current.value), options.ifMatch),
      );
    }
    return this.completed(scope, options, await this.update(scope, week, timeZone, save));
  }

  /** Logs a rep in the current week. */
  async logRep(
    scope: Scope,
    timeZone: string,
    kind: RepKind,
    options: { note?: string; source?: Rep['source'] } = {},
  ): Promise<{ week: Versioned<PracticeWeek>; rep: Rep }> {
    const note = options.note?.trim().slice(0, REP_LIMITS.note);
    const rep: Rep = {
      id: randomUUID(),
      kind,
      ...(note ? { note } : {}),
      at: this.now().toISOString(),
      source: options.source ?? 'logged',
    };
    const week = await this.update(scope, this.currentWeekKey(timeZone), timeZone, (current) => {
      const next = addRep(current, rep);
      if (typeof next === 'string') throw new PracticeError(next);
      return next;
    });
    return { week, rep };
  }

  /** Removes the most recent hand-logged rep of the current week. */
  async undoLastRep(
    scope: Scope,
    timeZone: string,
  ): Promise<{ week: Versioned<PracticeWeek>; undone: Rep }> {
    let undone: Rep | undefined;
    const week = await this.update(scope, this.currentWeekKey(timeZone), timeZone, (current) => {
      const result = undoLastRep(current);
      if (typeof result === 'string') throw new PracticeError(result);
      undone = result.undone;
      return result.week;
    });
    if (!undone) throw new PracticeError('nothing-to-undo');
    return { week, undone };
  }

  /** Weeks of practice, newest first, one page at a time. */
  async weeks(scope: Scope, page: PageRequest = {}): Promise<Page<StoredRecord<PracticeWeek>>> {
    return this.store.list<PracticeWeek>(scope, PRACTICE_WEEK_KIND, page);
  }

  /** Consecutive practised weeks up to this week (see {@link currentStreak}). */
  async streak(scope: Scope, timeZone: string): Promise<number> {
    const page = await this.store.list<PracticeWeek>(scope, PRACTICE_WEEK_KIND, {
      limit: STREAK_WEEKS,
    });
    const practised = page.items
      .filter((record) => isPractised(record.data))
      .map((r) => r.data.week);
    return currentStreak(practised, this.currentWeekKey(timeZone));
  }

  /** Tells the observer about a completed reflection, then hands the saved week back. */
  private async completed(
    scope: Scope,
    options: { complete?: boolean },
    saved: Versioned<PracticeWeek>,
  ): Promise<Versioned<PracticeWeek>> {
    if (options.complete) await this.observer?.reflectionCompleted(scope);
    return saved;
  }

  private async update(
    scope: Scope,
    week: WeekKey,
    timeZone: string,
    change: (current: PracticeWeek) => PracticeWeek,
  ): Promise<Versioned<PracticeWeek>> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.week(scope, week, timeZone);
      try {
        return await this.write(scope, change(current.value), current.etag);
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= WRITE_ATTEMPTS) throw error;
        // Writers that collided would collide again in lockstep; a random pause spreads them.
        await new Promise((resolve) =>
          setTimeout(resolve, Math.random() * RETRY_JITTER_MS * attempt),
        );
      }
    }
  }

  private async write(
    scope: Scope,
    week: PracticeWeek,
    ifMatch: string | undefined,
  ): Promise<Versioned<PracticeWeek>> {
    const record = ifMatch
      ? await this.store.put(scope, PRACTICE_WEEK_KIND, week.week, week, {
          ifMatch,
          sortKey: week.week,
        })
      : await this.store.create(scope, PRACTICE_WEEK_KIND, week.week, week, { sortKey: week.week });
    return { value: record.data, etag: record.etag };
  }
}
