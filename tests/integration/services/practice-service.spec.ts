/**
 * The practice service against the real SQLite store: drafts and completion, the closed week,
 * optimistic concurrency, reps under concurrent writers, and tenant isolation.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { PROFILE_RECORD } from '../../../src/domain/profile';
import type { ReflectionAnswers } from '../../../src/domain/reflection';
import { defaultSettings } from '../../../src/domain/settings';
import { PracticeError, PracticeService } from '../../../src/services/practice-service';
import { ConflictError } from '../../../src/store/errors';
import { SqliteStore } from '../../../src/store/sqlite-store';

const ZONE = 'Europe/Berlin';
const alex = scopeFromClaims({ tid: 'tenant-a', oid: 'user-1' }) as Scope;
const sameIdOtherTenant = scopeFromClaims({ tid: 'tenant-b', oid: 'user-1' }) as Scope;

const answers: ReflectionAnswers = {
  helpedBy: [{ id: 'a0000000-0000-4000-8000-000000000012', name: 'Sam' }],
  yesCount: 2,
  holdingAlone: 'The budget',
  connected: [{ name: 'Mei' }],
};

const NOTHING: ReflectionAnswers = {
  helpedBy: [],
  yesCount: null,
  holdingAlone: '',
  connected: [],
};

let dir: string;
let store: SqliteStore;
let clock: Date;
let practice: PracticeService;

beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'spotter-practice-'));
  store = SqliteStore.open(join(dir, 'spotter.db'));
  clock = new Date('2026-11-27T15:00:00Z'); // Friday of 2026-W48 in Berlin
  practice = new PracticeService(store, () => clock);
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

describe('settings', () => {
  it('defaults to Friday 16:00 in the time zone of the Teams profile', async () => {
    await store.put(alex, PROFILE_RECORD.kind, PROFILE_RECORD.id, { timeZone: 'Asia/Tokyo' });
    expect((await practice.settings(alex)).value).toEqual(defaultSettings('Asia/Tokyo'));
  });

  it('saves, and refuses a write over a version it did not read', async () => {
    const first = await practice.saveSettings(alex, { ...defaultSettings(ZONE), reminderDay: 1 });
    expect((await practice.settings(alex)).value.reminderDay).toBe(1);
    await practice.saveSettings(alex, { ...defaultSettings(ZONE), reminderDay: 2 }, first.etag);
    await expect(
      practice.saveSettings(alex, defaultSettings(ZONE), first.etag),
    ).rejects.toBeInstanceOf(ConflictError);
  });
});

describe('reflection', () => {
  it('saves a draft, completes it once, and keeps the first completion time on edits', async () => {
    const week = practice.currentWeekKey(ZONE);
    expect(week).toBe('2026-W48');
    const draft = await practice.saveReflection(alex, ZONE, week, answers);
    expect(draft.value.reflection).toEqual(answers);

    const done = await practice.saveReflection(alex, ZONE, week, answers, { complete: true });
    const completedAt = done.value.reflection?.completedAt;
    expect(completedAt).toBe(clock.toISOString());

    clock = new Date('2026-11-28T10:00:00Z');
    const edited = await practice.saveReflection(
      alex,
      ZONE,
      week,
      { ...answers, yesCount: 5 },
      { complete: true },
    );
    expect(edited.value.reflection).toEqual({ ...answers, yesCount: 5, completedAt });
    expect((await practice.week(alex, week, ZONE)).value.reflection?.yesCount).toBe(5);
  });

  it('refuses a week that has ended or not begun, in the person’s own time zone', async () => {
    const week = practice.currentWeekKey(ZONE);
    clock = new Date('2026-11-29T23:30:00Z'); // Monday 00:30 in Berlin, still Sunday in UTC
    await expect(practice.saveReflection(alex, ZONE, week, answers)).rejects.toEqual(
      new PracticeError('week-closed'),
    );
    await expect(practice.saveReflection(alex, 'UTC', week, answers)).resolves.toBeDefined();
    await expect(practice.saveReflection(alex, ZONE, '2026-W50', answers)).rejects.toEqual(
      new PracticeError('week-closed'),
    );
  });

  it('refuses a stale version when asked to write only over what was read', async () => {
    const week = practice.currentWeekKey(ZONE);
    const first = await practice.saveReflection(alex, ZONE, week, answers);
    await practice.saveReflection(alex, ZONE, week, NOTHING, { ifMatch: first.etag });
    await expect(
      practice.saveReflection(alex, ZONE, week, answers, { ifMatch: first.etag }),
    ).rejects.toBeInstanceOf(ConflictError);
    expect((await practice.week(alex, week, ZONE)).value.reflection).toEqual(NOTHING);
  });
});

describe('reps', () => {
  it('keeps every rep when two servers log at the same moment (etag retry)', async () => {
    const second = SqliteStore.open(join(dir, 'spotter.db'));
    try {
      const other = new PracticeService(second, () => clock);
      const writes = [
        jest.spyOn(store, 'create'),
        jest.spyOn(store, 'put'),
        jest.spyOn(second, 'create'),
        jest.spyOn(second, 'put'),
      ];
      const kinds = ['asked', 'accepted', 'thanked'] as const;
      await Promise.all(
        Array.from({ length: 4 }, (_, i) =>
          (i % 2 === 0 ? practice : other).logRep(alex, ZONE, kinds[i % 3] ?? 'asked', {
            note: `rep ${i}`,
          }),
        ),
      );
      const week = await practice.week(alex, practice.currentWeekKey(ZONE), ZONE);
      expect(week.value.reps.map((rep) => rep.note).sort()).toEqual([
        'rep 0',
        'rep 1',
        'rep 2',
        'rep 3',
      ]);
      const outcomes = await Promise.allSettled(
        writes.flatMap((spy) => spy.mock.results.map((result) => result.value as Promise<unknown>)),
      );
      const conflicts = outcomes.filter(
        (outcome) => outcome.status === 'rejected' && outcome.reason instanceof ConflictError,
      );
      expect(conflicts.length).toBeGreaterThan(0);
    } finally {
      await second.close();
    }
  });

  it('undoes the last logged rep only, and says when there is nothing to undo', async () => {
    await practice.logRep(alex, ZONE, 'asked');
    await practice.logRep(alex, ZONE, 'thanked', { source: 'help-request' });
    const { undone, week } = await practice.undoLastRep(alex, ZONE);
    expect(undone.kind).toBe('asked');
    expect(week.value.reps.map((rep) => rep.source)).toEqual(['help-request']);
    await expect(practice.undoLastRep(alex, ZONE)).rejects.toEqual(
      new PracticeError('nothing-to-undo'),
    );
  });

  it('logs and undoes over the week the caller read, reading again only when that read is stale', async () => {
    await practice.saveSettings(alex, defaultSettings(ZONE));
    const reads = jest.spyOn(store, 'get');
    const read = await practice.readCurrentWeek(alex);
    await practice.logRep(alex, ZONE, 'asked', { current: read.week });
    expect(reads).not.toHaveBeenCalled();
    const stale = (await practice.readCurrentWeek(alex)).week;
    await practice.logRep(alex, ZONE, 'thanked');
    reads.mockClear();
    const { undone, week } = await practice.undoLastRep(alex, ZONE, { current: stale });
    expect(reads).toHaveBeenCalledTimes(1);
    expect(undone.kind).toBe('thanked');
    expect(week.value.reps.map((rep) => rep.kind)).toEqual(['asked']);
  });

  it('reads the person’s current week when it is not the week by UTC', async () => {
    await practice.saveSettings(alex, defaultSettings(ZONE));
    clock = new Date('2026-11-29T23:30:00Z'); // Sunday of W48 by UTC, Monday of W49 in Berlin
    const reads = jest.spyOn(store, 'getMany');
    const read = await practice.readCurrentWeek(alex);
    expect(read.week.value.week).toBe('2026-W49');
    expect(reads).toHaveBeenCalledTimes(2);
    reads.mockClear();
    clock = new Date('2026-11-30T12:00:00Z');
    expect((await practice.readCurrentWeek(alex)).week.value.week).toBe('2026-W49');
    expect(reads).toHaveBeenCalledTimes(1);
  });

  it('counts a streak of weeks practised by reflection or rep', async () => {
    clock = new Date('2026-11-13T12:00:00Z'); // W46
    await practice.logRep(alex, ZONE, 'asked');
    clock = new Date('2026-11-20T12:00:00Z'); // W47
    await practice.saveReflection(alex, ZONE, '2026-W47', answers, { complete: true });
    clock = new Date('2026-11-27T12:00:00Z'); // W48, nothing yet
    expect(await practice.streak(alex, ZONE)).toBe(2);
    await practice.logRep(alex, ZONE, 'thanked');
    expect(await practice.streak(alex, ZONE)).toBe(3);
  });

  it('counts the streak after a save from the week before, without listing again, until that week is gone', async () => {
    const lists: string[] = [];
    const listing = new Proxy(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (property !== 'list' || typeof value !== 'function') return value;
        return (...args: unknown[]) => {
          lists.push(String(args[1]));
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const counted = new PracticeService(listing, () => clock);
    for (const at of ['2026-11-13T12:00:00Z', '2026-11-20T12:00:00Z']) {
      clock = new Date(at); // W46, W47
      await counted.logRep(alex, ZONE, 'asked');
    }
    clock = new Date('2026-11-27T12:00:00Z'); // W48
    const week = counted.currentWeekKey(ZONE);
    expect(await counted.streak(alex, ZONE)).toBe(2);
    const save = async (who: Scope) => {
      const read = await counted.readWeek(who, week);
      const saved = await counted.saveReflection(who, ZONE, week, answers, {
        complete: true,
        current: read.week,
      });
      return counted.streakWith(who, ZONE, read, saved.value);
    };
    lists.length = 0;
    expect(await save(alex)).toBe(3);
    expect(lists).toEqual([]);
    // The same person id in another tenant has no history of its own.
    expect(await save(sameIdOtherTenant)).toBe(1);
    // After "delete my data" the remembered run is not used.
    await store.deleteUser(alex);
    expect(await save(alex)).toBe(1);
  });
});

describe('tenant isolation', () => {
  it('shows another tenant’s user of the same id nothing, and lets them change nothing', async () => {
    const week = practice.currentWeekKey(ZONE);
    await practice.saveSettings(alex, { ...defaultSettings(ZONE), paused: true });
    await practice.saveReflection(alex, ZONE, week, answers, { complete: true });
    await practice.logRep(alex, ZONE, 'asked');

    expect((await practice.settings(sameIdOtherTenant)).value.paused).toBe(false);
    expect((await practice.week(sameIdOtherTenant, week, ZONE)).value).toEqual({
      week,
      timeZone: ZONE,
      reps: [],
    });
    expect((await practice.weeks(sameIdOtherTenant)).items).toEqual([]);
    expect(await practice.streak(sameIdOtherTenant, ZONE)).toBe(0);
    await expect(practice.undoLastRep(sameIdOtherTenant, ZONE)).rejects.toEqual(
      new PracticeError('nothing-to-undo'),
    );

    await practice.saveReflection(sameIdOtherTenant, ZONE, week, NOTHING);
    await practice.logRep(sameIdOtherTenant, ZONE, 'thanked');
    const mine = (await practice.week(alex, week, ZONE)).value;
    expect(mine.reflection).toEqual({ ...answers, completedAt: clock.toISOString() });
    expect(mine.reps.map((rep) => rep.kind)).toEqual(['asked']);
    expect((await practice.settings(alex)).value.paused).toBe(true);
  });
});
