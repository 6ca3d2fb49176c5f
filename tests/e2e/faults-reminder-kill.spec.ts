/**
 * The server killed with SIGKILL in the middle of a reminder run: the built server as a child
 * process with a due wave of people, the Bot Connector stand-in counting per person (and
 * enforcing Teams' limits, so the wave takes a few seconds). Killed mid-run, started again
 * on the same database: once the dead process's lease lapses the new one finishes the wave.
 * Nobody gets a reminder twice, and the only people without one are those whose request was on
 * the wire when the process died (recorded as uncertain: lost, never repeated).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scopeFromClaims, type Scope } from '../../src/auth/scope';
import { PROFILE_RECORD, type UserProfile } from '../../src/domain/profile';
import { REMINDER_RECORD, type ReminderLog } from '../../src/domain/reminder-schedule';
import { defaultSettings, type UserSettings } from '../../src/domain/settings';
import { createLogger } from '../../src/logging/logger';
import { ReminderPlanner } from '../../src/scheduler/reminder-planner';
import { PracticeService } from '../../src/services/practice-service';
import { SqliteStore } from '../../src/store/sqlite-store';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { startSpotterProcess, type SpotterProcess } from '../support/spotter-process';

jest.setTimeout(300_000);

const TENANT = 'f3000000-0000-4000-8000-000000000001';
/** Paced under Teams' 50 a second per tenant, the wave takes about 6 s. */
const PEOPLE = 300;
const KILL_AFTER = 60;
/** Sends of one tenant in flight at once: the most a kill can leave uncertain. */
const LANE = 16;

interface Person {
  readonly scope: Scope;
  readonly conversationId: string;
}

let directory: string;
let store: SqliteStore;
let standIn: ConnectorStandIn;
let spotter: SpotterProcess | undefined;
const people: Person[] = [];

/** Polls `condition` until it holds; fails with `what` after `timeoutMs`. */
async function until(
  condition: () => Promise<boolean> | boolean,
  what: string,
  timeoutMs = 150_000,
) {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function logOf(person: Person): Promise<ReminderLog | undefined> {
  return (await store.get<ReminderLog>(person.scope, REMINDER_RECORD.kind, REMINDER_RECORD.id))
    ?.data;
}

/** Reminders the stand-in accepted for a person. */
const remindersOf = (person: Person) => standIn.deliveredTo(person.conversationId).length;

beforeAll(async () => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'spotter-kill-'));
  const sqlitePath = path.join(directory, 'spotter.db');
  store = SqliteStore.open(sqlitePath);
  standIn = await ConnectorStandIn.start();

  // Everyone's reminder fell due two minutes ago (UTC): planned as of five minutes ago.
  const dueAt = new Date(Date.now() - 2 * 60_000);
  const plannedAt = () => new Date(dueAt.getTime() - 3 * 60_000);
  const logger = createLogger('silent');
  const planner = new ReminderPlanner({
    store,
    now: plannedAt,
    logger,
    practice: new PracticeService(store, plannedAt),
  });
  const practice = new PracticeService(store, plannedAt, planner);
  const settings: UserSettings = {
    ...defaultSettings('UTC'),
    reminderDay: ((dueAt.getUTCDay() + 6) % 7) + 1,
    reminderTime: dueAt.toISOString().slice(11, 16),
  };
  for (let index = 0; index < PEOPLE; index += 1) {
    const userId = `f3000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
    const scope = scopeFromClaims({ tid: TENANT, oid: userId }) as Scope;
    const conversationId = standIn.conversation(TENANT);
    const profile: UserProfile = {
      displayName: `Person ${index}`,
      givenName: 'Person',
      locale: 'en-US',
      timeZone: 'UTC',
      conversationReference: standIn.referenceFor(TENANT, userId, conversationId),
      firstSeenAt: plannedAt().toISOString(),
    };
    await store.put(scope, PROFILE_RECORD.kind, PROFILE_RECORD.id, profile);
    await planner.installed(scope);
    await practice.saveSettings(scope, settings);
    people.push({ scope, conversationId });
  }
  for (const person of people) expect((await logOf(person))?.next).toBeDefined();

  spotter = await startSpotterProcess({
    sqlitePath,
    env: { REMINDERS_ENABLED: 'true', REMINDERS_INTERVAL_SECONDS: '5' },
  });
});

afterAll(async () => {
  await spotter?.stop();
  await standIn?.stop();
  await store?.close();
  if (directory) rmSync(directory, { recursive: true, force: true });
});

it('sends each due person at most one reminder across a kill -9 and a restart, losing only the in-flight', async () => {
  const server = spotter as SpotterProcess;
  await until(() => standIn.counts.accepted >= KILL_AFTER, 'the first reminders');
  await server.kill();
  const atKill = standIn.counts.accepted;
  // The run was cut short: people were still waiting.
  expect(atKill).toBeLessThan(PEOPLE);

  await server.restart();
  // The new process waits out the dead one's lease, then finishes the wave.
  const settled = async (person: Person) =>
    remindersOf(person) > 0 || (await logOf(person))?.latest?.uncertain === true;
  await until(
    async () => (await Promise.all(people.map(settled))).every(Boolean),
    'every due person to be reminded or recorded as uncertain',
  );
  expect(standIn.counts.accepted).toBeGreaterThan(atKill);

  // Three more passes of the sender change nothing.
  const accepted = standIn.counts.accepted;
  await new Promise((resolve) => setTimeout(resolve, 15_000));
  expect(standIn.counts.accepted).toBe(accepted);

  const missed: Person[] = [];
  for (const person of people) {
    expect({ person: person.scope.userId, reminders: remindersOf(person) <= 1 }).toEqual({
      person: person.scope.userId,
      reminders: true,
    });
    const log = await logOf(person);
    expect(log?.sending).toBeUndefined();
    expect(log?.latest).toBeDefined();
    if (remindersOf(person) === 0) missed.push(person);
  }
  // Lost only what was on the wire when the process died: a few of one tenant's lane at most.
  for (const person of missed) expect((await logOf(person))?.latest?.uncertain).toBe(true);
  expect(missed.length).toBeLessThanOrEqual(LANE);
});
