/**
 * The planner keeps each person's next reminder and their time-slot index entry in step with
 * their settings, their reflection and their install state, also when changes race.
 */
import type { Scope } from '../../../src/auth/scope';
import { shardOf, slotStartOf } from '../../../src/scheduler/slot-index';
import { PracticeService } from '../../../src/services/practice-service';
import { SchedulerFixture } from './scheduler-fixture';

const TENANT = 'a2000000-0000-4000-8000-000000000001';
const MONDAY = new Date('2026-11-23T08:00:00Z');

let fixture: SchedulerFixture;

beforeEach(async () => {
  fixture = await SchedulerFixture.start(MONDAY);
});

afterEach(async () => {
  await fixture.stop();
});

/** The index entries of a person in the slots of the given instants. */
async function entriesOf(scope: Scope, ...instants: string[]): Promise<string[]> {
  const found: string[] = [];
  for (const instant of instants) {
    const page = await fixture.planner.index.page(
      slotStartOf(new Date(instant)),
      shardOf(scope.tenantId),
    );
    for (const record of page.items) {
      if (record.data.userId === scope.userId) found.push(record.data.dueAt);
    }
  }
  return found;
}

const FRIDAY_16 = '2026-11-27T15:00:00.000Z';
const THURSDAY_9 = '2026-11-26T08:00:00.000Z';
const NEXT_FRIDAY_16 = '2026-12-04T15:00:00.000Z';

it('moves the entry when the person picks another day and time', async () => {
  const { scope } = await fixture.person(TENANT, 'mover', { timeZone: 'Europe/Berlin' });
  expect(await entriesOf(scope, FRIDAY_16, THURSDAY_9)).toEqual([FRIDAY_16]);
  await fixture.practice.saveSettings(scope, {
    ...(await fixture.practice.settings(scope)).value,
    reminderDay: 4,
    reminderTime: '09:00',
  });
  expect(await entriesOf(scope, FRIDAY_16, THURSDAY_9)).toEqual([THURSDAY_9]);
  expect((await fixture.log(scope))?.next?.at).toBe(THURSDAY_9);
});

it('drops the entry while paused and brings it back on resume', async () => {
  const { scope } = await fixture.person(TENANT, 'pauser', { timeZone: 'Europe/Berlin' });
  const settings = (await fixture.practice.settings(scope)).value;
  await fixture.practice.saveSettings(scope, { ...settings, paused: true });
  expect(await entriesOf(scope, FRIDAY_16)).toEqual([]);
  expect((await fixture.log(scope))?.next).toBeUndefined();
  await fixture.practice.saveSettings(scope, { ...settings, paused: false });
  expect(await entriesOf(scope, FRIDAY_16)).toEqual([FRIDAY_16]);
});

it('sends nothing for a week whose reflection is done, and plans next week instead', async () => {
  const { scope, conversationId } = await fixture.person(TENANT, 'reflector', {
    timeZone: 'Europe/Berlin',
  });
  await fixture.practice.saveReflection(
    scope,
    'Europe/Berlin',
    '2026-W48',
    { helpedBy: [], yesCount: 1, holdingAlone: '', connected: [] },
    { complete: true },
  );
  // Saving does not re-plan: the sender checks the reflection when the reminder falls due.
  fixture.clock = new Date('2026-11-27T15:01:00Z');
  const summary = await fixture.instance({ instanceId: 'one' }).runOnce(fixture.clock);
  expect(summary.sent).toBe(0);
  expect(fixture.standIn.deliveredTo(conversationId)).toEqual([]);
  expect((await fixture.log(scope))?.next?.at).toBe(NEXT_FRIDAY_16);
  expect(await entriesOf(scope, FRIDAY_16, NEXT_FRIDAY_16)).toEqual([NEXT_FRIDAY_16]);
});

it('counts the reflection of the person’s own week while UTC is still in the last one', async () => {
  // Sunday noon UTC is already Monday 02:00 of the next week in Kiritimati (UTC+14).
  fixture.clock = new Date('2026-11-29T12:00:00Z');
  const { scope, conversationId } = await fixture.person(TENANT, 'early', {
    timeZone: 'Pacific/Kiritimati',
  });
  expect((await fixture.log(scope))?.next?.week).toBe('2026-W49');
  await fixture.practice.saveReflection(
    scope,
    'Pacific/Kiritimati',
    '2026-W49',
    { helpedBy: [], yesCount: 1, holdingAlone: '', connected: [] },
    { complete: true },
  );
  // Friday 16:00 in Kiritimati is 02:00 UTC, when UTC's week is the same one.
  fixture.clock = new Date('2026-12-04T02:01:00Z');
  const summary = await fixture.instance({ instanceId: 'one' }).runOnce(fixture.clock);
  expect(summary.sent).toBe(0);
  expect(fixture.standIn.deliveredTo(conversationId)).toEqual([]);
  expect((await fixture.log(scope))?.next?.week).toBe('2026-W50');
});

it('leaves log and index agreeing when two changes race from two connections', async () => {
  const { scope } = await fixture.person(TENANT, 'racer', { timeZone: 'Europe/Berlin' });
  const base = (await fixture.practice.settings(scope)).value;
  const otherConnection = fixture.connect();
  const otherPractice = new PracticeService(
    otherConnection,
    () => fixture.clock,
    fixture.plannerOn(otherConnection),
  );
  await Promise.all([
    fixture.practice.saveSettings(scope, { ...base, reminderDay: 4, reminderTime: '09:00' }),
    otherPractice.saveSettings(scope, { ...base, reminderDay: 5, reminderTime: '16:00' }),
  ]);
  const log = await fixture.log(scope);
  const entries = await entriesOf(scope, FRIDAY_16, THURSDAY_9);
  // Whichever settings won, there is exactly the entry the log points at (or, at worst, one
  // more that the sender will find stale) — never a plan without its entry.
  expect(entries).toContain(log?.next?.at);
});

it('lets the sender drop a stray entry the log does not point at, without sending', async () => {
  const { scope, conversationId } = await fixture.person(TENANT, 'stray', {
    timeZone: 'Europe/Berlin',
  });
  // A crash left an entry for Thursday 09:00; the log says Friday 16:00.
  await fixture.planner.index.add({ tenantId: TENANT, userId: 'stray', dueAt: THURSDAY_9 });
  fixture.clock = new Date('2026-11-26T08:05:00Z');
  const summary = await fixture.instance({ instanceId: 'one' }).runOnce(fixture.clock);
  expect(summary).toMatchObject({ stale: 1, sent: 0 });
  expect(await entriesOf(scope, THURSDAY_9, FRIDAY_16)).toEqual([FRIDAY_16]);
  expect(fixture.standIn.deliveredTo(conversationId)).toEqual([]);
});

it('reads a person’s log once per process on turns, and again after their data was deleted', async () => {
  const { scope } = await fixture.person(TENANT, 'known', { timeZone: 'Europe/Berlin' });
  await fixture.planner.ensurePlanned(scope);
  // Known to have a log: a later turn does not read it (so does not notice it gone).
  await fixture.store.delete(scope, 'reminder', 'me');
  await fixture.planner.ensurePlanned(scope);
  expect(await fixture.log(scope)).toBeUndefined();
  // Deleting the person's data forgets that, so their next turn plans them again.
  await fixture.planner.forgetUser(scope);
  await fixture.planner.ensurePlanned(scope);
  expect((await fixture.log(scope))?.next?.at).toBe(FRIDAY_16);
});

it('plans someone who installed before reminders existed on their next turn', async () => {
  const { scope } = await fixture.person(TENANT, 'early', { timeZone: 'Europe/Berlin' });
  await fixture.store.delete(scope, 'reminder', 'me');
  await fixture.planner.ensurePlanned(scope);
  expect((await fixture.log(scope))?.next?.at).toBe(FRIDAY_16);
});
