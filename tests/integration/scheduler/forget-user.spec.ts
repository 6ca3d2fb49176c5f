/**
 * Deleting a person's data takes them out of the reminder index too (it holds their ids), and
 * nobody else's reminder is affected.
 */
import { shardOf, slotStartOf } from '../../../src/scheduler/slot-index';
import { deleteAll } from '../../../src/services/data-rights-service';
import { SchedulerFixture } from './scheduler-fixture';

jest.setTimeout(60_000);

const SEED_AT = new Date('2026-11-23T08:00:00Z'); // Monday of 2026-W48
const RUN_AT = new Date('2026-11-28T12:00:00Z'); // Saturday: Friday 16:00 has passed everywhere
const TENANT = 'd2000000-0000-4000-8000-000000000001';

let fixture: SchedulerFixture;

beforeAll(async () => {
  fixture = await SchedulerFixture.start(SEED_AT);
});

afterAll(async () => {
  await fixture?.stop();
});

it('sends no reminder to a person who deleted everything, and still reminds the others', async () => {
  const leaving = await fixture.person(TENANT, 'u-leaving', { timeZone: 'Europe/Berlin' });
  const staying = await fixture.person(TENANT, 'u-staying', { timeZone: 'Europe/Berlin' });
  const planned = (await fixture.log(leaving.scope))?.next;
  if (!planned) throw new Error('the leaving person had no reminder planned');
  const usersInSlot = async () =>
    (
      await fixture.planner.index.page(slotStartOf(new Date(planned.at)), shardOf(TENANT))
    ).items.map((record) => record.data.userId);
  expect(await usersInSlot()).toContain('u-leaving');

  await deleteAll(fixture.store, leaving.scope, [fixture.planner]);
  expect(await fixture.store.exportUser(leaving.scope)).toEqual([]);
  expect(await usersInSlot()).toEqual(['u-staying']);

  fixture.clock = RUN_AT;
  const summary = await fixture.instance({ instanceId: 'a' }).runOnce(RUN_AT);
  expect(summary.sent).toBe(1);
  const reminded = fixture.standIn.delivered.map((entry) => entry.conversationId);
  expect(reminded).toEqual([staying.conversationId]);
});
