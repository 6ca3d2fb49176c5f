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
import { addWeeks, weekKeyOf, type WeekKey } from '../domain/week';
import { ConflictError } from '../store/errors';
import { getManyReadAhead, type ReadAhead } from '../store/read-ahead';
import type { Page, PageRequest, RecordKey, Store, StoredRecord } from '../store/store';

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
 *
 * @remarks
 * A completed reflection is not told: the sender checks the week's reflection right before it
 * sends and then plans the next week, so re-planning on every save would only cost round trips.
 */
export interface PracticeObserver {
  /** A person's settings were saved. */
  settingsSaved(scope: Scope): Promise<void>;
}

/**
 * Where the settings of someone who has not saved their own come from: their organization's
 * defaults (`OrgDefaultsService`). Without one, Spotter's own defaults apply.
 */
export interface SettingsDefaults {
  /** The settings of a person who has not saved any, in their time zone. */
  defaultSettings(scope: Scope, timeZone: string | undefined): Promise<UserSettings>;
}

/** How often a read-modify-write is retried when another writer got there first. */
const WRITE_ATTEMPTS = 8;
/** Upper bound of the random pause before a retry, growing with each attempt (milliseconds). */
const RETRY_JITTER_MS = 15;
/** Most weeks read to compute a streak (about two years). */
const STREAK_WEEKS = 100;

/** What {@link PracticeService.readWeek} read in one round trip. */
export interface WeekRead {
  /** The person's settings (or the defaults). */
  readonly settings: Versioned<UserSettings>;
  /** The week asked for (empty when nothing is stored for it). */
  readonly week: Versioned<PracticeWeek>;
  /** The week before it, when stored. */
  readonly previous?: StoredRecord<PracticeWeek>;
}

/** A week and the week before it: what {@link PracticeService.readWeek} reads besides settings. */
function weekKeysOf(week: WeekKey): RecordKey[] {
  return [
    { kind: PRACTICE_WEEK_KIND, id: week },
    { kind: PRACTICE_WEEK_KIND, id: addWeeks(week, -1) },
  ];
}

/** Most runs of practised weeks {@link PracticeService} remembers, one per person and week. */
const RUNS_REMEMBERED = 50_000;

function runKeyOf(scope: Scope, week: WeekKey): string {
  return `${scope.tenantId}\n${scope.userId}\n${week}`;
}

/** The weekly practice of one person at a time. */
export class PracticeService {
  /**
   * Per person and this week: the run of practised weeks ending last week, and the etag of last
   * week's record it was counted with (see {@link streakWith}).
   */
  private readonly runsBefore = new Map<string, { etag: string; run: number }>();

  constructor(
    private readonly store: Store,
    private readonly now: () => Date = () => new Date(),
    private readonly observer?: PracticeObserver,
    private readonly defaults?: SettingsDefaults,
  ) {}

  /**
   * The person's settings, or the defaults (their organization's, time zone from their profile)
   * when none are saved.
   */
  async settings(scope: Scope): Promise<Versioned<UserSettings>> {
    return (await this.settingsWith(scope, [])).settings;
  }

  /**
   * The person's settings, one week and the week before it, read together in one round trip: a
   * change names its week before the settings say which week is the person's current one.
   */
  async readWeek(scope: Scope, week: WeekKey, ahead?: ReadAhead): Promise<WeekRead> {
    const { settings, records } = await this.settingsWith(scope, weekKeysOf(week), ahead);
    const [stored, previous] = records as Array<StoredRecord<PracticeWeek> | undefined>;
    return {
      settings,
      week: stored
        ? { value: stored.data, etag: stored.etag }
        : { value: emptyWeek(week, settings.value.timeZone) },
      ...(previous ? { previous } : {}),
    };
  }

  /**
   * The person's settings and current week (see {@link readWeek}): one round trip unless the
   * week read first — `guess` (e.g. the week a card names), else the week by UTC — is not the
   * person's current week (around midnight between weeks). `ahead` may hold that first read
   * already (see {@link currentWeekKeys}).
   */
  async readCurrentWeek(scope: Scope, guess?: WeekKey, ahead?: ReadAhead): Promise<WeekRead> {
    const first = await this.readWeek(scope, guess ?? this.currentWeekKey('UTC'), ahead);
    const week = this.currentWeekKey(first.settings.value.timeZone);
    return first.week.value.week === week ? first : this.readWeek(scope, week);
  }

  /**
   * The settings from records the caller read itself: the stored ones, else the defaults (their
   * organization's, in the profile's time zone), which cost no read of the person's partition.
   */
  async settingsFrom(
    scope: Scope,
    stored: StoredRecord<UserSettings> | undefined,
    profile: UserProfile | undefined,
  ): Promise<Versioned<UserSettings>> {
    if (stored) return { value: stored.data, etag: stored.etag };
    const value = this.defaults
      ? await this.defaults.defaultSettings(scope, profile?.timeZone)
      : defaultSettings(profile?.timeZone);
    return { value };
  }

  /** The keys {@link readCurrentWeek} reads first, for a caller that can read them ahead. */
  currentWeekKeys(guess?: WeekKey): RecordKey[] {
    return [SETTINGS_RECORD, PROFILE_RECORD, ...weekKeysOf(guess ?? this.currentWeekKey('UTC'))];
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
   * it lasts. With `ifMatch`, writes only over the version the caller read. `current` is the
   * week as the caller just read it (see {@link settingsAndWeek}), saving a second read; when it
   * turns out stale the save reads again.
   */
  async saveReflection(
    scope: Scope,
    timeZone: string,
    week: WeekKey,
    answers: ReflectionAnswers,
    options: { complete?: boolean; ifMatch?: string; current?: Versioned<PracticeWeek> } = {},
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
      const current = options.current ?? (await this.week(scope, week, timeZone));
      if (current.etag !== options.ifMatch) throw new ConflictError('stale');
      return this.write(scope, save(current.value), options.ifMatch);
    }
    return this.update(scope, week, timeZone, save, options.current);
  }

  /**
   * Logs a rep in the current week. `current` is the week as the caller just read it (see
   * {@link readCurrentWeek}), saving a second read; when it turns out stale the save reads again.
   */
  async logRep(
    scope: Scope,
    timeZone: string,
    kind: RepKind,
    options: { note?: string; source?: Rep['source']; current?: Versioned<PracticeWeek> } = {},
  ): Promise<{ week: Versioned<PracticeWeek>; rep: Rep }> {
    const note = options.note?.trim().slice(0, REP_LIMITS.note);
    const rep: Rep = {
      id: randomUUID(),
      kind,
      ...(note ? { note } : {}),
      at: this.now().toISOString(),
      source: options.source ?? 'logged',
    };
    const week = await this.update(
      scope,
      this.currentWeekKey(timeZone),
      timeZone,
      (current) => {
        const next = addRep(current, rep);
        if (typeof next === 'string') throw new PracticeError(next);
        return next;
      },
      options.current,
    );
    return { week, rep };
  }

  /** Removes the most recent hand-logged rep of the current week; `current` as in {@link logRep}. */
  async undoLastRep(
    scope: Scope,
    timeZone: string,
    options: { current?: Versioned<PracticeWeek> } = {},
  ): Promise<{ week: Versioned<PracticeWeek>; undone: Rep }> {
    let undone: Rep | undefined;
    const week = await this.update(
      scope,
      this.currentWeekKey(timeZone),
      timeZone,
      (current) => {
        const result = undoLastRep(current);
        if (typeof result === 'string') throw new PracticeError(result);
        undone = result.undone;
        return result.week;
      },
      options.current,
    );
    if (!undone) throw new PracticeError('nothing-to-undo');
    return { week, undone };
  }

  /** Weeks of practice, newest first, one page at a time. */
  async weeks(scope: Scope, page: PageRequest = {}): Promise<Page<StoredRecord<PracticeWeek>>> {
    return this.store.list<PracticeWeek>(scope, PRACTICE_WEEK_KIND, page);
  }

  /** Consecutive practised weeks up to this week (see {@link currentStreak}). */
  async streak(scope: Scope, timeZone: string): Promise<number> {
    const thisWeek = this.currentWeekKey(timeZone);
    const page = await this.store.list<PracticeWeek>(scope, PRACTICE_WEEK_KIND, {
      limit: STREAK_WEEKS,
    });
    const practised = new Set(
      page.items.filter((record) => isPractised(record.data)).map((r) => r.data.week),
    );
    const previous = page.items.find((record) => record.data.week === addWeeks(thisWeek, -1));
    if (previous && practised.has(previous.data.week)) {
      this.rememberRunBefore(scope, thisWeek, previous.etag, currentStreak(practised, previous.id));
    }
    return currentStreak(practised, thisWeek);
  }

  /**
   * The streak once `week` (this week, as just read with {@link readWeek} or saved after it) is
   * counted, without listing the weeks again when it can be helped.
   *
   * @remarks
   * Past weeks cannot change, so the run of practised weeks before this one is remembered for the
   * week, checked against the etag of the week before as `read` found it: a person whose data
   * was deleted has no week before any more, and counts from zero. Retention, which removes
   * reflections months old, may leave a remembered run too long until the week ends.
   */
  async streakWith(
    scope: Scope,
    timeZone: string,
    read: WeekRead,
    week: PracticeWeek,
  ): Promise<number> {
    const thisWeek = this.currentWeekKey(timeZone);
    if (week.week !== thisWeek || read.week.value.week !== thisWeek) {
      return this.streak(scope, timeZone);
    }
    const own = isPractised(week) ? 1 : 0;
    const previous = read.previous;
    if (!previous || !isPractised(previous.data)) return own;
    const known = this.runsBefore.get(runKeyOf(scope, thisWeek));
    if (known?.etag === previous.etag) return known.run + own;
    // Listed after the write, so the list holds this week as saved.
    return this.streak(scope, timeZone);
  }

  private rememberRunBefore(scope: Scope, week: WeekKey, etag: string, run: number): void {
    // Bounded memory: forgetting everyone only costs each person one more listing.
    if (this.runsBefore.size >= RUNS_REMEMBERED) this.runsBefore.clear();
    this.runsBefore.set(runKeyOf(scope, week), { etag, run });
  }

  /**
   * Read-modify-write of a week with retries; `first` is a read the caller already made, used
   * only when it is of `week`.
   */
  private async update(
    scope: Scope,
    week: WeekKey,
    timeZone: string,
    change: (current: PracticeWeek) => PracticeWeek,
    first?: Versioned<PracticeWeek>,
  ): Promise<Versioned<PracticeWeek>> {
    for (let attempt = 1; ; attempt += 1) {
      const current =
        attempt === 1 && first?.value.week === week
          ? first
          : await this.week(scope, week, timeZone);
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

  /**
   * The settings (or the defaults) and, in the same round trip, the records at `extra`.
   *
   * @remarks
   * The profile is read along even when settings are saved: one round trip either way, and the
   * defaults need its time zone.
   */
  private async settingsWith(
    scope: Scope,
    extra: readonly RecordKey[],
    ahead?: ReadAhead,
  ): Promise<{
    settings: Versioned<UserSettings>;
    records: Array<StoredRecord<unknown> | undefined>;
  }> {
    const [stored, profile, ...records] = await getManyReadAhead(
      this.store,
      scope,
      [SETTINGS_RECORD, PROFILE_RECORD, ...extra],
      ahead,
    );
    const settings = await this.settingsFrom(
      scope,
      stored as StoredRecord<UserSettings> | undefined,
      profile?.data as UserProfile | undefined,
    );
    return { settings, records };
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
