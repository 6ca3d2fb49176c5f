/**
 * Stopping a sender mid-pass (what SIGTERM does through the server's `stop()`) releases its
 * leases: another instance takes the work over at once, without waiting for the lease to lapse,
 * and finishes it with nobody reminded twice.
 */
import type { ReminderDelivery } from '../../../src/scheduler/reminder-delivery';
import { SHARD_COUNT, shardOf } from '../../../src/scheduler/slot-index';
import { SchedulerFixture } from './scheduler-fixture';

jest.setTimeout(60_000);

const SEED_AT = new Date('2026-11-23T08:00:00Z'); // Monday of 2026-W48
const RUN_AT = new Date('2026-11-28T12:00:00Z'); // Saturday: Friday 16:00 has passed everywhere
const TENANT = 'd1000000-0000-4000-8000-000000000001';
const PEOPLE = 24;

let fixture: SchedulerFixture;

beforeAll(async () => {
  fixture = await SchedulerFixture.start(SEED_AT);
  for (let u = 0; u < PEOPLE; u += 1) {
    await fixture.person(TENANT, `u-${String(u).padStart(3, '0')}`, { timeZone: 'Europe/Berlin' });
  }
});

afterAll(async () => {
  await fixture?.stop();
});

it('releases the lease on stop so another instance resumes at once, with no duplicates', async () => {
  fixture.clock = RUN_AT;
  let deliveredByA = 0;
  let stopRequested: (() => void) | undefined;
  const firstDelivered = new Promise<void>((resolve) => (stopRequested = resolve));
  const slow: ReminderDelivery = {
    async deliver(message) {
      await new Promise((resolve) => setTimeout(resolve, 40));
      await fixture.delivery.deliver(message);
      deliveredByA += 1;
      if (deliveredByA === 3) stopRequested?.();
    },
  };
  const a = fixture.instance({
    instanceId: 'a',
    delivery: slow,
    random: () => (shardOf(TENANT) + 0.5) / SHARD_COUNT,
  });
  // B starts at the shard A was working on (with two instances alive each takes half).
  const shardStart = (shardOf(TENANT) + 0.5) / SHARD_COUNT;
  const b = fixture.instance({ instanceId: 'b', random: () => shardStart });

  const passA = a.runOnce(RUN_AT).catch(() => undefined);
  await firstDelivered;
  await a.stop();
  await passA;
  expect(deliveredByA).toBeGreaterThan(0);
  expect(deliveredByA).toBeLessThan(PEOPLE);

  // The clock has not moved: a lease that was not released would still block instance B.
  const passB = await b.runOnce(RUN_AT);
  expect(passB.sent).toBe(PEOPLE - deliveredByA);

  const reminded = fixture.standIn.delivered.map((entry) => entry.conversationId);
  expect(reminded).toHaveLength(PEOPLE);
  expect(new Set(reminded).size).toBe(PEOPLE);
});
