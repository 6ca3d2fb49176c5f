/**
 * How the sender treats Teams' limits and failures, against the connector stand-in: a tenant is
 * paced under 50 requests a second, a 429 holds the whole tenant back for its `Retry-After`, 5xx
 * are retried with backoff (and left for the next pass when they persist), a chat that is gone
 * stops the person's reminders, and a refused message is not retried.
 */
import { SchedulerFixture, type SeededPerson } from './scheduler-fixture';

jest.setTimeout(60_000);

const MONDAY = new Date('2026-11-23T08:00:00Z');
const DUE = new Date('2026-11-27T15:05:00Z'); // Friday 16:05 in Berlin
const BERLIN = { timeZone: 'Europe/Berlin' };

let fixture: SchedulerFixture;

beforeEach(async () => {
  fixture = await SchedulerFixture.start(MONDAY);
});

afterEach(async () => {
  await fixture.stop();
});

async function people(tenantId: string, count: number): Promise<SeededPerson[]> {
  const seeded: SeededPerson[] = [];
  for (let i = 0; i < count; i += 1) {
    seeded.push(await fixture.person(tenantId, `p${String(i).padStart(4, '0')}`, BERLIN));
  }
  return seeded;
}

/** Most accepted requests in any window of `windowMs`. */
function busiestWindow(times: number[], windowMs: number): number {
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last += 1) {
    while ((times[last] as number) - (times[first] as number) >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

it('paces a tenant under Teams’ limit of 50 a second', async () => {
  const tenant = 'f0000000-0000-4000-8000-000000000001';
  await people(tenant, 150);
  fixture.clock = DUE;
  const summary = await fixture.instance({ instanceId: 'one' }).runOnce(DUE);
  expect(summary.sent).toBe(150);
  const times = fixture.standIn.delivered.map((d) => d.at);
  expect(busiestWindow(times, 1000)).toBeLessThanOrEqual(50);
  const perSecond = ((times.length - 1) * 1000) / ((times.at(-1) ?? 0) - (times[0] ?? 0));
  expect(perSecond).toBeLessThanOrEqual(50);
  // Here the stand-in shares the sender's event loop on a busy machine, so a stall can bunch
  // arrivals into one second now and then, and each refusal costs a second of waiting (see the
  // next test): only a coarse floor is checked. `npm run bench:reminders`, with the stand-in in
  // its own process, measures the real rate against the limit.
  expect(perSecond).toBeGreaterThan(15);
  expect(fixture.standIn.counts.tenantThrottled).toBeLessThanOrEqual(3);
});

it('holds every send to a tenant back for the Retry-After of a 429, and only that tenant', async () => {
  const throttled = 'f0000000-0000-4000-8000-000000000002';
  const other = 'f0000000-0000-4000-8000-000000000003';
  const victims = await people(throttled, 20);
  await people(other, 30);
  fixture.standIn.failNext(1, 429, {
    conversationId: victims[2]?.conversationId as string,
    retryAfterSeconds: 1,
  });
  fixture.clock = DUE;
  const summary = await fixture.instance({ instanceId: 'one' }).runOnce(DUE);
  expect(summary.sent).toBe(50);

  const refusal = fixture.standIn.attempts.find((a) => a.status === 429);
  if (!refusal) throw new Error('no 429 was answered');
  // Requests already on their way when the 429 came back may still arrive just after it.
  const during = (tenantId: string) =>
    fixture.standIn.delivered.filter(
      (d) => d.tenantId === tenantId && d.at > refusal.at + 20 && d.at < refusal.at + 1000,
    );
  expect(during(throttled)).toEqual([]);
  expect(during(other).length).toBeGreaterThan(0);
  // The refused person still got exactly one reminder, after the pause.
  const retried = fixture.standIn.deliveredTo(victims[2]?.conversationId as string);
  expect(retried).toHaveLength(1);
  expect(retried[0]?.at).toBeGreaterThanOrEqual(refusal.at + 1000);
});

it('retries 5xx with backoff, and leaves a person for the next pass when it persists', async () => {
  const tenant = 'f0000000-0000-4000-8000-000000000004';
  const [flaky, down] = (await people(tenant, 2)) as [SeededPerson, SeededPerson];
  fixture.standIn.failNext(3, 503, { conversationId: flaky.conversationId });
  fixture.standIn.failNext(6, 500, { conversationId: down.conversationId });
  fixture.clock = DUE;
  const sender = fixture.instance({ instanceId: 'one', retry: { maxAttempts: 4 } });
  const first = await sender.runOnce(DUE);
  expect(first).toMatchObject({ sent: 1, 'retry-later': 1 });

  const statuses = (person: SeededPerson) =>
    fixture.standIn.attempts
      .filter((a) => a.conversationId === person.conversationId)
      .map((a) => a.status);
  expect(statuses(flaky)).toEqual([503, 503, 503, 200]);
  expect(statuses(down)).toEqual([500, 500, 500, 500]);
  const downLog = await fixture.log(down.scope);
  expect(downLog?.sending).toBeUndefined();
  expect(downLog?.latest).toBeUndefined();
  expect(downLog?.next?.week).toBe('2026-W48');

  const second = await sender.runOnce(new Date(DUE.getTime() + 60_000));
  expect(second.sent).toBe(1);
  expect(statuses(down).slice(4)).toEqual([500, 500, 200]);
  expect(fixture.standIn.deliveredTo(flaky.conversationId)).toHaveLength(1);
  expect(fixture.standIn.deliveredTo(down.conversationId)).toHaveLength(1);
});

it('stops reminding someone whose chat is gone (403), until they install Spotter again', async () => {
  const tenant = 'f0000000-0000-4000-8000-000000000005';
  const [blocked] = (await people(tenant, 1)) as [SeededPerson];
  fixture.standIn.failNext(1, 403, { conversationId: blocked.conversationId });
  fixture.clock = DUE;
  const summary = await fixture.instance({ instanceId: 'one' }).runOnce(DUE);
  expect(summary.gone).toBe(1);
  const log = await fixture.log(blocked.scope);
  expect(log?.stopped).toBe('unreachable');
  expect(log?.next).toBeUndefined();

  await fixture.planner.installed(blocked.scope);
  expect((await fixture.log(blocked.scope))?.next?.week).toBe('2026-W49');
});

it('does not retry a message the channel refuses (400); the week counts as reminded', async () => {
  const tenant = 'f0000000-0000-4000-8000-000000000006';
  const [refused] = (await people(tenant, 1)) as [SeededPerson];
  fixture.standIn.failNext(1, 400, { conversationId: refused.conversationId });
  fixture.clock = DUE;
  const summary = await fixture.instance({ instanceId: 'one' }).runOnce(DUE);
  expect(summary.rejected).toBe(1);
  expect(
    fixture.standIn.attempts.filter((a) => a.conversationId === refused.conversationId),
  ).toHaveLength(1);
  const log = await fixture.log(refused.scope);
  expect(log?.latest?.week).toBe('2026-W48');
  expect(log?.next?.week).toBe('2026-W49');
});
