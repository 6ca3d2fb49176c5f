/**
 * What one pass of the sender costs around the reminders themselves: a first pass walks a week of
 * empty slots with one progress write per shard (not one per slot), the next pass starts where it
 * closed, and a pass never holds more people than its read-ahead, yet finishes them all.
 */
import type { ReminderDelivery, ReminderMessage } from '../../../src/scheduler/reminder-delivery';
import { LEASE_KIND } from '../../../src/scheduler/lease';
import { DUE_ENTRY_KIND, SHARD_COUNT } from '../../../src/scheduler/slot-index';
import type { Store } from '../../../src/store/store';
import { SchedulerFixture } from './scheduler-fixture';

jest.setTimeout(120_000);

const SEED_AT = new Date('2026-11-23T08:00:00Z'); // Monday of W48
const RUN_AT = new Date('2026-11-27T16:05:00Z'); // Friday, just after 16:00 UTC
const TENANT = 'e0000000-0000-4000-8000-000000000001';

/** A store that counts the writes and listings of one kind. */
function counting(store: Store): {
  store: Store;
  writes: Map<string, number>;
  lists: Map<string, number>;
} {
  const writes = new Map<string, number>();
  const lists = new Map<string, number>();
  const bump = (counts: Map<string, number>, kind: string) =>
    counts.set(kind, (counts.get(kind) ?? 0) + 1);
  const proxy = new Proxy(store, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const kind = String(args[1]);
        if (property === 'put' || property === 'create') bump(writes, kind);
        if (property === 'list') bump(lists, kind);
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
  return { store: proxy, writes, lists };
}

let fixture: SchedulerFixture;

beforeEach(async () => {
  fixture = await SchedulerFixture.start(SEED_AT);
});

afterEach(async () => {
  await fixture.stop();
});

it('walks a week of empty slots writing each shard’s progress once, and resumes after it', async () => {
  const person = await fixture.person(TENANT, 'u-1', { timeZone: 'UTC' });
  fixture.clock = RUN_AT;
  const counted = counting(fixture.connect());
  const runner = fixture.instance({ instanceId: 'a', store: counted.store });
  const first = await runner.runOnce(RUN_AT);
  expect(first.sent).toBe(1);
  expect(fixture.standIn.deliveredTo(person.conversationId)).toHaveLength(1);
  // Eight days of 15-minute slots were listed in every shard ...
  expect(counted.lists.get(DUE_ENTRY_KIND)).toBeGreaterThanOrEqual(SHARD_COUNT * 8 * 96);
  // ... but each shard's lease was written only to claim it, record progress and release it.
  expect(counted.writes.get(LEASE_KIND)).toBeLessThanOrEqual(SHARD_COUNT * 3);

  counted.lists.clear();
  const later = new Date(RUN_AT.getTime() + 60 * 60_000);
  fixture.clock = later;
  await runner.runOnce(later);
  // The next pass starts after the slots closed so far: a handful of slots per shard.
  expect(counted.lists.get(DUE_ENTRY_KIND)).toBeLessThanOrEqual(SHARD_COUNT * 8);
});

it('never holds more people of a shard than its read-ahead, and finishes every one of them', async () => {
  const people = [];
  for (let i = 0; i < 6; i += 1) {
    people.push(await fixture.person(TENANT, `u-${i}`, { timeZone: 'UTC' }));
  }
  fixture.clock = RUN_AT;
  let active = 0;
  let most = 0;
  const slow: ReminderDelivery = {
    async deliver(message: ReminderMessage) {
      active += 1;
      most = Math.max(most, active);
      try {
        // Long enough that, unbounded, the next people's tokens come while this one waits.
        await new Promise((resolve) => setTimeout(resolve, 200));
        await fixture.delivery.deliver(message);
      } finally {
        active -= 1;
      }
    },
  };
  const runner = fixture.instance({ instanceId: 'b', delivery: slow, readAhead: 2 });
  const summary = await runner.runOnce(RUN_AT);
  expect(summary.sent).toBe(6);
  expect(most).toBeLessThanOrEqual(2);
  for (const person of people) {
    expect(fixture.standIn.deliveredTo(person.conversationId)).toHaveLength(1);
  }
});
