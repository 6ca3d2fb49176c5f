/**
 * The reminder sender below the bot, end to end: many due people in six tenants, two sender
 * instances on one database (separate connections, as separate processes would have) running
 * at once, 429s and 5xx injected by the connector stand-in, one instance crashing mid-run and a
 * new one resuming → every due person gets exactly one reminder, and nobody else gets any.
 */
import type { Scope } from '../../../src/auth/scope';
import type { ReminderDelivery } from '../../../src/scheduler/reminder-delivery';
import type { RunSummary } from '../../../src/scheduler/reminder-runner';
import { SHARD_COUNT, shardOf, SLOT_MS, slotStartOf } from '../../../src/scheduler/slot-index';
import { Crash, mortal, SchedulerFixture } from './scheduler-fixture';

jest.setTimeout(120_000);

const WEEK = '2026-W48';
const SEED_AT = new Date('2026-11-23T08:00:00Z'); // Monday of W48
const RUN_AT = new Date('2026-11-28T12:00:00Z'); // Saturday: every zone's Friday 16:00 has passed
const ZONES = ['Europe/Berlin', 'America/New_York', 'Asia/Kolkata', 'Australia/Sydney'];
const FAULTS = { rate: 0.08, statuses: [429, 500, 502, 503, 504], seed: 7 };

/** Who must get no reminder this week, and why. */
type Exception = 'paused' | 'reflected' | 'uninstalled' | 'tab-only';
const EXCEPTIONS: readonly Exception[] = ['paused', 'reflected', 'uninstalled', 'tab-only'];

interface Person {
  readonly scope: Scope;
  readonly conversationId: string;
  readonly exception?: Exception;
  readonly due: boolean;
}

/** Six tenants, three of them in shards 0–3 and three in shards 4–7. */
function tenantIds(): string[] {
  const low: string[] = [];
  const high: string[] = [];
  for (let i = 1; low.length < 3 || high.length < 3; i += 1) {
    const id = `d0000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
    const bucket = shardOf(id) < SHARD_COUNT / 2 ? low : high;
    if (bucket.length < 3) bucket.push(id);
  }
  return [...low, ...high];
}

let fixture: SchedulerFixture;
const people: Person[] = [];
/** The tenants in the shards instance B works on. */
const bTenants: string[] = [];

beforeAll(async () => {
  fixture = await SchedulerFixture.start(SEED_AT);
  const tenants = tenantIds();
  bTenants.push(...tenants.slice(3));
  for (const [t, tenantId] of tenants.entries()) {
    const timeZone = ZONES[t % ZONES.length] as string;
    for (let u = 0; u < 20 + 4 * t; u += 1) {
      // The first few people of the first tenant are the ones who must get nothing.
      const exception = t === 0 ? EXCEPTIONS[u] : undefined;
      const { scope, conversationId } = await fixture.person(
        tenantId,
        `u${t}-${String(u).padStart(3, '0')}`,
        { timeZone, paused: exception === 'paused' },
        { tabOnly: exception === 'tab-only' },
      );
      if (exception === 'reflected') {
        await fixture.practice.saveReflection(
          scope,
          timeZone,
          WEEK,
          { helpedBy: [{ name: 'Sam' }], yesCount: 2, holdingAlone: '', connected: [] },
          { complete: true },
        );
      }
      if (exception === 'uninstalled') await fixture.planner.uninstalled(scope);
      people.push({ scope, conversationId, due: !exception, ...(exception ? { exception } : {}) });
    }
  }
});

afterAll(async () => {
  await fixture?.stop();
});

it('plans this week’s reminder for every due person, and none for the others', async () => {
  const expected: Record<Exception | 'due', string | undefined> = {
    due: WEEK,
    // Still planned: the sender sees the finished reflection when it comes due (tests below).
    reflected: WEEK,
    paused: undefined,
    uninstalled: undefined,
    'tab-only': undefined,
  };
  for (const person of people) {
    const log = await fixture.log(person.scope);
    expect(log?.next?.week).toBe(expected[person.exception ?? 'due']);
  }
  expect(people.filter((p) => p.due).length).toBeGreaterThan(150);
});

it('delivers exactly one reminder to each due person across two instances, a crash and a resume', async () => {
  const { standIn } = fixture;
  fixture.clock = RUN_AT;
  const doomed = mortal(fixture.connect());
  let deliveredByA = 0;
  const crashAfter = 20;
  const crashing: ReminderDelivery = {
    async deliver(message) {
      if (deliveredByA >= crashAfter) throw new Crash('the process died');
      await fixture.delivery.deliver(message);
      deliveredByA += 1;
      // The request reached Teams; the process dies before it can record that.
      if (deliveredByA >= crashAfter) {
        doomed.kill();
        throw new Crash('the process died');
      }
    },
  };
  // A retries nothing, so its crash can only come between a request and its record.
  const a = fixture.instance({
    instanceId: 'a',
    store: doomed.store,
    delivery: crashing,
    random: () => 0,
    retry: { maxAttempts: 1 },
  });
  const b = fixture.instance({ instanceId: 'b', random: () => 0.5 });
  // Faults only where B works: a failed request in flight when A dies is the one case where a
  // reminder is lost rather than duplicated (see the last test), which this test is not about.
  standIn.setFaults({ ...FAULTS, tenants: bTenants });

  const [crashed, first] = await Promise.all([
    a.runOnce(RUN_AT).then(
      () => 'finished',
      () => 'crashed',
    ),
    b.runOnce(RUN_AT),
  ]);
  expect(crashed).toBe('crashed');
  // Requests already on the wire when A died still arrived.
  expect(deliveredByA).toBeGreaterThanOrEqual(crashAfter);
  // Both instances worked, on different shards.
  expect(first.shards).toBe(SHARD_COUNT / 2);
  expect(first.sent).toBeGreaterThan(0);
  const waiting = people.filter((p) => p.due && standIn.deliveredTo(p.conversationId).length === 0);
  expect(waiting.length).toBeGreaterThan(0);

  // A's leases lapse; B and a new instance C pick up what A left.
  fixture.clock = new Date(RUN_AT.getTime() + fixture.leaseTtlMs + 1000);
  standIn.setFaults(FAULTS);
  const c = fixture.instance({ instanceId: 'c' });
  const resumed = await Promise.all([b.runOnce(fixture.clock), c.runOnce(fixture.clock)]);
  const total = (key: keyof RunSummary) => resumed.reduce((sum, s) => sum + s[key], 0);
  expect(total('shards')).toBe(SHARD_COUNT);
  // What A sent but could not record counts as sent, and is not sent again.
  expect(total('uncertain')).toBeGreaterThanOrEqual(1);

  // A later pass finds nothing left to do.
  fixture.clock = new Date(fixture.clock.getTime() + 10 * 60_000);
  const later = await Promise.all([b.runOnce(fixture.clock), c.runOnce(fixture.clock)]);
  expect(later.reduce((sum, s) => sum + s.sent + s.uncertain, 0)).toBe(0);

  for (const person of people) {
    expect({
      user: person.scope.userId,
      reminders: standIn.deliveredTo(person.conversationId).length,
    }).toEqual({ user: person.scope.userId, reminders: person.due ? 1 : 0 });
  }
  expect(standIn.counts.injected).toBeGreaterThan(0);
  // One instance per tenant at a time, each paced at 49/s: Teams' per-tenant limit never hit.
  expect(standIn.counts.tenantThrottled).toBe(0);
});

it('records "sent for this week" and plans next week’s reminder for everyone reminded', async () => {
  for (const person of people.filter((p) => p.due)) {
    const log = await fixture.log(person.scope);
    expect(log?.latest?.week).toBe(WEEK);
    expect(log?.sending).toBeUndefined();
    expect(log?.next).toMatchObject({ week: '2026-W49', followUp: false });
  }
  // Whoever reflected got nothing this week, and is planned for the next.
  for (const person of people.filter((p) => p.exception === 'reflected')) {
    expect((await fixture.log(person.scope))?.next?.week).toBe('2026-W49');
  }
  // The due slots of W48 are empty in the index, in every shard.
  const firstDue = slotStartOf(new Date('2026-11-26T00:00:00Z')).getTime();
  for (let slot = firstDue; slot <= RUN_AT.getTime(); slot += SLOT_MS) {
    for (let shard = 0; shard < SHARD_COUNT; shard += 1) {
      const page = await fixture.planner.index.page(new Date(slot), shard);
      expect(page.items).toEqual([]);
    }
  }
});

it('loses, rather than repeats, a reminder whose failed request was in flight when its sender died', async () => {
  const { standIn } = fixture;
  standIn.setFaults(undefined);
  // Saturday 13:45 in Berlin, a little after the clock.
  const { scope, conversationId } = await fixture.person(
    'e0000000-0000-4000-8000-000000000001',
    'unlucky',
    { timeZone: 'Europe/Berlin', reminderDay: 6, reminderTime: '13:45' },
  );
  fixture.clock = new Date('2026-11-28T12:46:00Z');

  const doomed = mortal(fixture.connect());
  standIn.failNext(1, 503, { conversationId });
  let dead = false;
  const dying: ReminderDelivery = {
    async deliver(message) {
      if (dead) throw new Crash('the process died');
      // The request goes out and fails; the process dies before it can record the failure.
      await fixture.delivery.deliver(message).finally(() => {
        dead = true;
        doomed.kill();
      });
    },
  };
  const d = fixture.instance({ instanceId: 'd', store: doomed.store, delivery: dying });
  await expect(d.runOnce(fixture.clock)).rejects.toBeInstanceOf(Crash);

  fixture.clock = new Date(fixture.clock.getTime() + fixture.leaseTtlMs + 1000);
  const summary = await fixture.instance({ instanceId: 'e' }).runOnce(fixture.clock);
  expect(summary.uncertain).toBe(1);
  expect(standIn.attempts.filter((a) => a.conversationId === conversationId)).toEqual([
    expect.objectContaining({ status: 503 }),
  ]);
  expect(standIn.deliveredTo(conversationId)).toHaveLength(0);
  const log = await fixture.log(scope);
  expect(log?.latest).toMatchObject({ week: WEEK, uncertain: true });
  expect(log?.next?.week).toBe('2026-W49');
});
