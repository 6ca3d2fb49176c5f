/**
 * A card press reads what its handler needs first together with the turn state, in one round
 * trip to the presser's own partition — and never anything of anyone else because of what a card
 * says. The real server, bot and SQLite store, with a counting wrapper around the store.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HELP_REQUEST_VERB } from '../../../bot/cards/help-request-verbs';
import { REFLECTION_INPUTS, REFLECTION_VERBS } from '../../../bot/cards/reflection-card';
import { REPS_VERBS } from '../../../bot/cards/reps-card';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { loadConfig } from '../../../src/config/config';
import { HELP_REQUEST_KIND } from '../../../src/domain/help-request';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../../src/domain/practice-week';
import { addWeeks, weekKeyOf } from '../../../src/domain/week';
import { createLogger } from '../../../src/logging/logger';
import type { HelpRequestRecord } from '../../../src/services/help-request-service';
import { startServer, type RunningServer } from '../../../src/server/start-server';
import { SqliteStore } from '../../../src/store/sqlite-store';
import { TURN_STATE_KIND } from '../../../src/store/store';
import { ConnectorStandIn } from '../../support/connector-stand-in';
import { countingStore, type CountingStore, type StoreCall } from '../../support/counting-store';
import { cardOf, DirectBotClient, textsOf } from '../../support/direct-bot-client';

jest.setTimeout(60_000);

const TENANT_A = 'e8000000-0000-4000-8000-00000000000a';
const TENANT_B = 'e8000000-0000-4000-8000-00000000000b';
const ASKER = 'e8000000-0000-4000-8000-000000000001';
const HELPER = 'e8000000-0000-4000-8000-000000000002';
const OUTSIDER = 'e8000000-0000-4000-8000-000000000003';
// Wednesday noon UTC: the same week in every time zone the clients use.
const NOW = new Date('2026-11-25T12:00:00Z');
const THIS_WEEK = weekKeyOf(NOW, 'UTC');

let directory: string;
let inner: SqliteStore;
let counting: CountingStore;
let standIn: ConnectorStandIn;
let server: RunningServer;

function scopeOf(tenantId: string, userId: string): Scope {
  const scope = scopeFromClaims({ tid: tenantId, oid: userId });
  if (!scope) throw new Error('bad test ids');
  return scope;
}

function client(tenantId: string, userId: string): DirectBotClient {
  return new DirectBotClient(server.url, {
    tenantId,
    userId,
    timeZone: 'UTC',
    serviceUrl: standIn.serviceUrl,
  });
}

function partitionsOf(calls: readonly StoreCall[]): string[] {
  return [...new Set(calls.map((call) => call.partition))];
}

beforeAll(async () => {
  directory = mkdtempSync(path.join(os.tmpdir(), 'spotter-read-ahead-'));
  const sqlitePath = path.join(directory, 'spotter.db');
  inner = SqliteStore.open(sqlitePath);
  counting = countingStore(inner);
  standIn = await ConnectorStandIn.start({
    tenantOf: (conversationId) => conversationId.split(':')[1] ?? '',
  });
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SQLITE_PATH: sqlitePath,
    REMINDERS_ENABLED: 'false',
  });
  server = await startServer(config, createLogger(config.logLevel), {
    store: counting.store,
    now: () => NOW,
  });
  for (const [tenantId, userId] of [
    [TENANT_A, ASKER],
    [TENANT_A, HELPER],
    [TENANT_B, OUTSIDER],
  ] as const) {
    expect((await client(tenantId, userId).say('help')).status).toBe(200);
  }
});

afterAll(async () => {
  await server?.stop();
  await standIn?.stop();
  await inner?.close();
  rmSync(directory, { recursive: true, force: true });
});

describe('a practice card press', () => {
  it('logs a rep with one read (turn state and week together) and one write', async () => {
    const me = client(TENANT_A, ASKER);
    const calls = await counting.count(() => me.execute(REPS_VERBS.log, { kind: 'asked' }));
    // The week's first record: created, not replaced.
    expect(calls.map((call) => call.method)).toEqual(['getMany', 'create']);
    expect(partitionsOf(calls)).toEqual([`${TENANT_A}/${ASKER}`]);
    const week = await inner.get<PracticeWeek>(
      scopeOf(TENANT_A, ASKER),
      PRACTICE_WEEK_KIND,
      THIS_WEEK,
    );
    expect(week?.data.reps.map((rep) => rep.kind)).toEqual(['asked']);
  });

  it('saves the reflection card with one read and one write', async () => {
    const me = client(TENANT_A, ASKER);
    const calls = await counting.count(async () => {
      const answer = await me.execute(REFLECTION_VERBS.draft, {
        week: THIS_WEEK,
        [REFLECTION_INPUTS.holdingAlone]: 'the quarterly plan',
      });
      expect(cardOf(answer)).toBeDefined();
    });
    expect(calls.map((call) => call.method)).toEqual(['getMany', 'put']);
    const week = await inner.get<PracticeWeek>(
      scopeOf(TENANT_A, ASKER),
      PRACTICE_WEEK_KIND,
      THIS_WEEK,
    );
    expect(week?.data.reflection?.holdingAlone).toBe('the quarterly plan');
  });

  it('reads for itself when the card names another week, and refuses the stale card', async () => {
    const me = client(TENANT_A, ASKER);
    const lastWeek = addWeeks(THIS_WEEK, -1);
    const calls = await counting.count(async () => {
      const answer = await me.execute(REFLECTION_VERBS.draft, {
        week: lastWeek,
        [REFLECTION_INPUTS.holdingAlone]: 'an old answer',
      });
      expect(JSON.stringify(cardOf(answer))).toContain('the quarterly plan');
    });
    // The read ahead (last week, as the card said) is not the current week: one more read.
    expect(calls.map((call) => call.method)).toEqual(['getMany', 'getMany']);
    const stale = await inner.get<PracticeWeek>(
      scopeOf(TENANT_A, ASKER),
      PRACTICE_WEEK_KIND,
      lastWeek,
    );
    expect(stale).toBeUndefined();
  });

  it('keeps the turn state working: a card save ends a running chat reflection', async () => {
    const me = client(TENANT_A, ASKER);
    await me.say('reflect in chat');
    const running = await inner.list(scopeOf(TENANT_A, ASKER), TURN_STATE_KIND);
    expect(JSON.stringify(running.items.map((item) => item.data))).toContain('"dialog"');
    await me.execute(REFLECTION_VERBS.draft, {
      week: THIS_WEEK,
      [REFLECTION_INPUTS.holdingAlone]: 'the quarterly plan',
    });
    const after = await inner.list(scopeOf(TENANT_A, ASKER), TURN_STATE_KIND);
    expect(JSON.stringify(after.items.map((item) => item.data))).not.toContain('"dialog"');
  });
});

describe('a help-request card press', () => {
  let requestId: string;

  beforeAll(async () => {
    await client(TENANT_A, ASKER).execute(HELP_REQUEST_VERB.create, {
      formId: randomUUID(),
      colleague: HELPER,
      what: 'Read my draft',
      weight: 'light',
    });
    const requests = await inner.list<HelpRequestRecord>(
      scopeOf(TENANT_A, ASKER),
      HELP_REQUEST_KIND,
    );
    const id = requests.items[0]?.id;
    if (!id) throw new Error('the request was not created');
    requestId = id;
  });

  it('answers with one read of the asker’s partition and one write, nothing of the helper’s', async () => {
    const helper = client(TENANT_A, HELPER);
    const calls = await counting.count(async () => {
      const answer = await helper.execute(HELP_REQUEST_VERB.accept, {
        requestId,
        askerId: ASKER,
      });
      expect(cardOf(answer)).toBeDefined();
    });
    expect(calls.map((call) => call.method)).toEqual(['getMany', 'put']);
    expect(partitionsOf(calls)).toEqual([`${TENANT_A}/${ASKER}`]);
    const stored = await inner.get<HelpRequestRecord>(
      scopeOf(TENANT_A, ASKER),
      HELP_REQUEST_KIND,
      requestId,
    );
    expect(stored?.data.request.status).toBe('accepted');
  });

  it('shows the mute the pressed card showed, and a refresh reads the stored one', async () => {
    const helper = client(TENANT_A, HELPER);
    const shown = await helper.execute(HELP_REQUEST_VERB.done, {
      requestId,
      askerId: ASKER,
      muted: true,
    });
    expect(JSON.stringify(cardOf(shown))).toContain(HELP_REQUEST_VERB.unmute);
    const calls = await counting.count(async () => {
      const refreshed = await helper.execute(HELP_REQUEST_VERB.refresh, {
        requestId,
        askerId: ASKER,
        muted: true,
      });
      // Nothing is muted in the store, so the refreshed card offers no unmute.
      expect(JSON.stringify(cardOf(refreshed))).not.toContain(HELP_REQUEST_VERB.unmute);
    });
    // The stored mute came with the turn's first read, not a read of its own.
    expect(calls[0]).toMatchObject({ method: 'getMany', partition: `${TENANT_A}/${HELPER}` });
    expect(calls.filter((call) => call.kind === 'help-mute')).toEqual([]);
  });

  it('never reads another tenant because a card names its people', async () => {
    const outsider = client(TENANT_B, OUTSIDER);
    const calls = await counting.count(async () => {
      const answer = await outsider.execute(HELP_REQUEST_VERB.done, {
        requestId,
        askerId: ASKER,
      });
      expect(cardOf(answer) ?? textsOf(answer)).toBeDefined();
    });
    expect(calls.length).toBeGreaterThan(0);
    for (const partition of partitionsOf(calls)) {
      expect(partition.startsWith(`${TENANT_B}/`)).toBe(true);
    }
    const stored = await inner.get<HelpRequestRecord>(
      scopeOf(TENANT_A, ASKER),
      HELP_REQUEST_KIND,
      requestId,
    );
    expect(stored?.data.request.status).toBe('accepted');
  });
});
