/**
 * Store round trips per user action (part of `npm run bench`; on its own `node
 * --enable-source-maps tests/support/run-ts.js tests/bench/round-trips.ts`; not a test): the real
 * server, bot and scheduler in this process on a SQLite file, with a counting wrapper around the
 * store, and each action driven the way a person's client drives it.
 *
 * @remarks
 * Issue #9's goals: at most 2 round trips for saving a reflection, answering a help request and
 * sending a reminder, and exactly 1 query for a History page. Nothing is changed to meet them;
 * every call is listed with the line of Spotter's code that made it, so the cost can be
 * discussed. A reminder is counted in two parts: the person's own send (every call made under
 * `ReminderJob`), which the goal is about, and the sender pass around it (heartbeat, shard leases,
 * index pages), which is shared by everyone due in the same pass.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HELP_REQUEST_VERB } from '../../bot/cards/help-request-verbs';
import { REFLECTION_INPUTS, REFLECTION_VERBS } from '../../bot/cards/reflection-card';
import { REPS_VERBS } from '../../bot/cards/reps-card';
import { DEV_AUTHORIZATION, type ReflectionListResponse } from '../../src/api/contracts';
import { scopeFromClaims, type Scope } from '../../src/auth/scope';
import { DEV_IDENTITY, loadConfig } from '../../src/config/config';
import { HELP_REQUEST_KIND } from '../../src/domain/help-request';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../src/domain/practice-week';
import { createLogger } from '../../src/logging/logger';
import type { HelpRequestRecord } from '../../src/services/help-request-service';
import { startServer } from '../../src/server/start-server';
import { SqliteStore } from '../../src/store/sqlite-store';
import { ConnectorStandIn } from '../support/connector-stand-in';
import { DirectBotClient } from '../support/direct-bot-client';
import { seedWeeks } from '../support/practice-seed';
import { apiAs } from '../support/tab-api';
import { countingStore, type StoreCall } from '../support/counting-store';
import { handBack } from './bench-result';
import { machineLine, writeReportSection } from './performance-report';

const TENANT = DEV_IDENTITY.tenantId;
/** The person asking and reflecting: the development identity, so the API knows them. */
const ME = DEV_IDENTITY.userId;
const HELPER = 'a0000000-0000-4000-8000-000000000012';
/** The one person due in the counted reminder pass. */
const REMINDED = 'a0000000-0000-4000-8000-000000000013';
const THIS_WEEK = '2026-W48';
/** Five years of history before this week. */
const HISTORY_WEEKS = 260;
/** Wednesday of this week, and Friday 16:01 UTC, when a Friday 16:00 reminder is due. */
const WEDNESDAY = new Date('2026-11-25T10:00:00Z');
const FRIDAY_BEFORE = new Date('2026-11-27T15:59:00Z');
const FRIDAY_DUE = new Date('2026-11-27T16:01:00Z');
/** The frame that marks a call as part of one person's reminder. */
const REMINDER_JOB_FILE = 'src/scheduler/reminder-job.ts';

/** One counted action. */
export interface CountedAction {
  /** What the person does. */
  readonly action: string;
  /** How the benchmark drove it. */
  readonly how: string;
  /** The goal, when the issue sets one. */
  readonly goal?: { readonly most: number; readonly exactly?: boolean };
  /** The calls, in order. */
  readonly calls: readonly StoreCall[];
}

/** Everything the round-trip benchmark counted. */
export interface RoundTripResults {
  readonly actions: readonly CountedAction[];
}

/** True when an action's count meets its goal (or it has none). */
export function meetsGoal(action: CountedAction): boolean {
  if (!action.goal) return true;
  const count = action.calls.length;
  return action.goal.exactly ? count === action.goal.most : count <= action.goal.most;
}

function scopeOf(userId: string): Scope {
  const scope = scopeFromClaims({ tid: TENANT, oid: userId });
  if (!scope) throw new Error('bad bench ids');
  return scope;
}

function expectOk(what: string, status: number): void {
  if (status < 200 || status >= 300) throw new Error(`${what} answered ${status}`);
}

/** Runs the counts and answers them (nothing is written). */
export async function runRoundTrips(): Promise<RoundTripResults> {
  const directory = mkdtempSync(path.join(os.tmpdir(), 'spotter-round-trips-'));
  const sqlitePath = path.join(directory, 'spotter.db');
  const inner = SqliteStore.open(sqlitePath);
  const counting = countingStore(inner);
  const standIn = await ConnectorStandIn.start({ tenantOf: () => TENANT });
  let clock = WEDNESDAY;
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: 'silent',
    SQLITE_PATH: sqlitePath,
    REMINDERS_ENABLED: 'false',
  });
  const server = await startServer(config, createLogger(config.logLevel), {
    store: counting.store,
    now: () => clock,
  });
  const actions: CountedAction[] = [];
  try {
    await seedWeeks(inner, scopeOf(ME), '2026-W47', HISTORY_WEEKS);
    const api = apiAs(server.url, DEV_AUTHORIZATION);
    // Time zones put one person's Friday 16:00 in the counted reminder pass: the others fall
    // before it (Tokyo) or after it (Los Angeles).
    const me = new DirectBotClient(server.url, {
      tenantId: TENANT,
      userId: ME,
      timeZone: 'Asia/Tokyo',
    });
    const reminded = new DirectBotClient(server.url, {
      tenantId: TENANT,
      userId: REMINDED,
      name: 'Priya Nair',
      timeZone: 'UTC',
    });
    const helper = new DirectBotClient(server.url, {
      tenantId: TENANT,
      userId: HELPER,
      name: 'Sam Okafor',
      timeZone: 'America/Los_Angeles',
    });
    const send = async (client: DirectBotClient, fields: Record<string, unknown>) => {
      const answer = await client.send(
        client.activity({ serviceUrl: standIn.serviceUrl, ...fields }),
      );
      expectOk(
        `${String(fields['type'])} ${String(fields['text'] ?? fields['name'])}`,
        answer.status,
      );
      return answer;
    };
    const press = (client: DirectBotClient, verb: string, data: unknown, replyToId?: string) =>
      send(client, {
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: replyToId ?? randomUUID(),
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      });
    const thisWeekOf = async (userId: string) =>
      (await inner.get<PracticeWeek>(scopeOf(userId), PRACTICE_WEEK_KIND, THIS_WEEK))?.data;
    const counted = async (
      entry: Omit<CountedAction, 'calls'>,
      act: () => Promise<unknown>,
    ): Promise<StoreCall[]> => {
      const calls = await counting.count(act);
      actions.push({ ...entry, calls });
      return calls;
    };
    // First contact: everyone says something, so Spotter knows how to reach them.
    await send(me, { type: 'message', text: 'help' });
    await send(helper, { type: 'message', text: 'help' });
    await send(reminded, { type: 'message', text: 'help' });

    const week = await api.get('/week');
    expectOk('GET /week', week.status);
    // A week not begun has no entity tag yet; the tab then saves without one.
    const etag = week.headers.get('etag');
    await counted(
      {
        action: 'Saving a reflection (tab)',
        how: '`PUT /api/v1/week/reflection`, finished, after the tab loaded the week (`If-Match` when the week had an entity tag)',
        goal: { most: 2 },
      },
      async () => {
        const saved = await api.put(
          '/week/reflection',
          {
            week: THIS_WEEK,
            answers: {
              helpedBy: [{ name: 'Sam Okafor' }],
              yesCount: 2,
              holdingAlone: 'the budget review',
              connected: [{ name: 'Dana Ortiz' }],
            },
            complete: true,
          },
          etag ? { 'if-match': etag } : {},
        );
        expectOk('PUT /week/reflection', saved.status);
      },
    );
    await counted(
      {
        action: 'Saving a reflection (chat)',
        how: 'the reflection card’s *Done* (`Action.Execute`) in the 1:1 chat',
        goal: { most: 2 },
      },
      async () => {
        await press(me, REFLECTION_VERBS.save, {
          week: THIS_WEEK,
          [REFLECTION_INPUTS.helpedByNames]: 'Sam Okafor',
          [REFLECTION_INPUTS.yesCount]: '3',
          [REFLECTION_INPUTS.holdingAlone]: 'the budget review',
          [REFLECTION_INPUTS.connectedNames]: 'Dana Ortiz',
        });
      },
    );
    if ((await thisWeekOf(ME))?.reflection?.yesCount !== 3) {
      throw new Error('the reflection card did not save');
    }
    await counted(
      {
        action: 'Loading a History page',
        how: `\`GET /api/v1/reflections?limit=20\` with ${HISTORY_WEEKS} weeks stored`,
        goal: { most: 1, exactly: true },
      },
      async () => {
        const page = await api.get<ReflectionListResponse>('/reflections?limit=20');
        expectOk('GET /reflections', page.status);
        if (page.body.items.length !== 20) throw new Error('History answered no full page');
      },
    );

    await press(me, HELP_REQUEST_VERB.create, {
      formId: randomUUID(),
      colleague: HELPER,
      what: 'Review my budget slides',
      weight: 'medium',
    });
    const request = (await inner.list<HelpRequestRecord>(scopeOf(ME), HELP_REQUEST_KIND)).items[0];
    const helperCard = request?.data.cards.find((card) => card.view === 'helper');
    if (!request || !helperCard) throw new Error('the help request did not reach the helper');
    await counted(
      {
        action: 'Answering a help request',
        how: 'the helper’s *I can help* (`Action.Execute`) on the card in their 1:1 chat; the asker’s card is updated and the asker told',
        goal: { most: 2 },
      },
      () =>
        // The data the helper's card carries (see `helpRequestCard`): the request and its asker.
        press(
          helper,
          HELP_REQUEST_VERB.accept,
          { requestId: request.id, askerId: request.data.request.asker.userId },
          helperCard.activityId,
        ),
    );
    const answered = await inner.get<HelpRequestRecord>(scopeOf(ME), HELP_REQUEST_KIND, request.id);
    if (answered?.data.request.status !== 'accepted')
      throw new Error('the request was not accepted');

    const repsBefore = (await thisWeekOf(ME))?.reps.length ?? 0;
    await counted(
      {
        action: 'Logging a rep (chat)',
        how: 'the reps card’s *Asked* (`Action.Execute`), the bot-turn benchmark’s card action',
      },
      () => press(me, REPS_VERBS.log, { kind: 'asked' }),
    );
    if ((await thisWeekOf(ME))?.reps.length !== repsBefore + 1) throw new Error('no rep logged');
    await counted(
      {
        action: 'A plain message',
        how: '`help` in the 1:1 chat, the bot-turn benchmark’s message',
      },
      async () => {
        const answer = await send(me, { type: 'message', text: 'help' });
        if (!answer.replies.some((reply) => reply.text)) throw new Error('no answer to help');
      },
    );

    // A pass just before the slot closes the days before it, as the every-minute sender would.
    clock = FRIDAY_BEFORE;
    await server.reminders.runOnce(FRIDAY_BEFORE);
    clock = FRIDAY_DUE;
    const before = standIn.delivered.length;
    let sent = 0;
    const pass = await counting.count(async () => {
      sent = (await server.reminders.runOnce(FRIDAY_DUE)).sent;
    });
    const delivered = standIn.delivered.slice(before);
    if (sent !== 1 || delivered.length !== 1 || !delivered[0]?.conversationId.includes(REMINDED)) {
      throw new Error(`the counted pass sent ${sent} reminders, not 1 to the person due`);
    }
    const own = pass.filter((call) =>
      call.frames.some((frame) => frame.startsWith(`${REMINDER_JOB_FILE}:`)),
    );
    actions.push({
      action: 'Sending a reminder',
      how: 'one person due: `ReminderRunner.runOnce` at Friday 16:01; the calls made under `ReminderJob` for them',
      goal: { most: 2 },
      calls: own,
    });
    actions.push({
      action: 'The sender pass around it',
      how: 'the rest of that pass (heartbeat, shard leases, index pages), shared by everyone due in it',
      calls: pass.filter((call) => !own.includes(call)),
    });
    return { actions };
  } finally {
    await server.stop();
    await standIn.stop();
    await inner.close();
    rmSync(directory, { recursive: true, force: true });
  }
}

/** The first frame outside the file that made the call: who asked for it. */
function callerOf(call: StoreCall): string | undefined {
  const file = call.site.replace(/:\d+$/, '');
  return call.frames.find((frame) => !frame.startsWith(`${file}:`));
}

/** Calls grouped as `method kind (site ← caller)` with how often each happened. */
export function describeCalls(calls: readonly StoreCall[]): string {
  const groups = new Map<string, number>();
  for (const call of calls) {
    const caller = callerOf(call);
    const where = caller ? `${call.site} ← ${caller}` : call.site;
    const key = `\`${call.method}${call.kind ? ` ${call.kind}` : ''}\` (${where})`;
    groups.set(key, (groups.get(key) ?? 0) + 1);
  }
  return [...groups.entries()].map(([key, n]) => (n > 1 ? `${n} × ${key}` : key)).join(', ');
}

function goalText(action: CountedAction): string {
  if (!action.goal) return '';
  return action.goal.exactly ? `exactly ${action.goal.most}` : `≤ ${action.goal.most}`;
}

/**
 * Why an action needs more round trips than its goal allows, by action: shown under the table
 * while the goal is missed, so the figure is never left without its reason.
 */
const WHY_MORE: Readonly<Record<string, string>> = {
  'Sending a reminder':
    'one read of the person’s partition; then the at-most-once protocol, two writes because the message goes out between them: the “sending” marker before, the outcome after (so a crash mid-send is recorded as uncertain and never sent twice); and the reminder index, which lives in Spotter’s own time-slot partitions so that finding who is due never reads a tenant’s records: next week’s entry written, this week’s removed, each a request of its own. Fewer would mean giving up the record of an uncertain send, or an index kept in the tenants’ partitions and found by querying across them.',
};

/** The report section (Markdown, without its markers). */
export function roundTripSection(results: RoundTripResults): string {
  const rows = results.actions.map(
    (action) =>
      `| ${action.action} | ${action.calls.length} | ${goalText(action)} | ${action.goal ? (meetsGoal(action) ? 'met' : '**not met**') : ''} |`,
  );
  const details = results.actions.map(
    (action) => `- *${action.action}* — ${action.how}: ${describeCalls(action.calls) || 'none'}.`,
  );
  return [
    '## Store round trips per user action',
    '',
    `Counted by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machineLine()}.`,
    '',
    '| user action | round trips | goal | |',
    '| --- | --- | --- | --- |',
    ...rows,
    '',
    ...results.actions
      .filter((action) => !meetsGoal(action) && WHY_MORE[action.action])
      .map(
        (action) =>
          `Why *${action.action}* takes ${action.calls.length}: ${WHY_MORE[action.action]}\n`,
      ),
    'Each call, with the line of Spotter’s code that made it ← the line outside that file that asked for it:',
    '',
    ...details,
    '',
    'How it is counted: the real server, bot and reminder sender run in one process on a SQLite file, with a wrapper around the store that counts every call that reaches it (each Store method is one request to the database: one statement or transaction on SQLite, one request on Cosmos DB; `ping` is not counted). Each action is driven as a person’s client drives it — the tab API with the development identity, the bot with activities to `/api/messages` — after everyone has said something to the bot once, so first-contact writes are not counted. Every bot turn reads its turn state (teams-ai’s conversation and user state) from the person’s partition; on a card press that read also carries the records the pressed verb’s handler reads first from there (`bot/state/read-ahead-plans.ts`), so it shows once, as `getMany` in `bot/state/scoped-turn-storage.ts`. The default configuration is used: no tenant allow list, so checking that a tenant is served costs no read. A reminder’s own calls are those made under `ReminderJob`; the pass around it is counted apart because everyone due in the same pass shares it.',
  ].join('\n');
}

async function main(): Promise<void> {
  const results = await runRoundTrips();
  const section = roundTripSection(results);
  await writeReportSection('round-trips', section);
  handBack(results);
  console.log(section);
}

if (process.argv[1] === __filename) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
