/**
 * Load and soak: 200 simulated people of two tenants use Spotter for `SOAK_MINUTES` (default 10)
 * with mixed chat, card and tab API traffic, against the built server in its own process on a
 * SQLite file. Checks: no errors, the server's memory flat after the warm-up (under 10 % growth),
 * and every acknowledged write found in the store afterwards. Writes the results between the
 * `soak` markers of `docs/RELIABILITY.md`; exits non-zero when a check fails.
 *
 * @remarks
 * Each person runs one loop: pick an action by weight, do it, pause 0.5–2.5 s. Chat messages go
 * out as Teams sends them (replies posted to the Bot Connector stand-in, matched to the message
 * by `replyToId`); card buttons are invokes answered in the HTTP response; tab API calls carry
 * the person's own RS256 token from a local issuer. Memory is the server's resident set
 * (`VmRSS` in `/proc/<pid>/status`), sampled every 5 s; growth compares the median of the first
 * minute after the warm-up with the median of the last minute.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { translate } from '../../bot/i18n';
import type { ThisWeekResponse } from '../../src/api/contracts';
import { scopeFromClaims, type Scope } from '../../src/auth/scope';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../src/domain/practice-week';
import { SETTINGS_RECORD, type UserSettings } from '../../src/domain/settings';
import { SqliteStore } from '../../src/store/sqlite-store';
import type { StoredRecord } from '../../src/store/store';
import { ConnectorStandIn, type DeliveredActivity } from '../support/connector-stand-in';
import {
  DirectBotClient,
  textsOf,
  type DirectAnswer,
  type ReplyActivity,
} from '../support/direct-bot-client';
import { apiAs, type TabApi } from '../support/tab-api';
import { startTokenIssuer } from '../support/token-issuer';
import { machineLine, writeReportSection } from './performance-report';
import { percentile } from './tab-api-load';
import { startChildSpotter } from './tab-child-server';

const ROOT = path.resolve(__dirname, '../..');
const REPORT = path.join(ROOT, 'docs/RELIABILITY.md');
const MINUTES = Number(process.env['SOAK_MINUTES'] ?? '10');
const USERS = Number(process.env['SOAK_USERS'] ?? '200');
const DURATION_MS = MINUTES * 60_000;
/** The first 2 minutes (a fifth of a short run) warm the server up and are not judged. */
const WARMUP_MS = Math.min(120_000, DURATION_MS / 5);
/** The window whose median is compared: a minute, or a fifth of a short run. */
const WINDOW_MS = Math.min(60_000, DURATION_MS / 5);
const SAMPLE_MS = 5_000;
const MAX_GROWTH = 0.1;
/** Above this many reps a week a person takes reps back instead of logging more (limit 200). */
const REP_CEILING = 150;
const TENANTS = ['5a000000-0000-4000-8000-000000000001', '5a000000-0000-4000-8000-000000000002'];
const KINDS = ['asked', 'accepted', 'thanked'] as const;
const FAILURE_TEXTS = [
  translate('en-US', 'error.generic'),
  translate('en-US', 'error.storeBusy'),
  translate('en-US', 'practice.badCard'),
];

/** One simulated person and what the server acknowledged to them. */
interface Person {
  readonly scope: Scope;
  readonly chat: DirectBotClient;
  readonly api: TabApi;
  /** Reps the server acknowledged, minus reps it acknowledged taking back. */
  reps: number;
  /** The `holdingAlone` answer of the last acknowledged reflection. */
  reflection?: string;
  /** The reminder time of the last acknowledged settings save. */
  reminderTime?: string;
}

/** What one kind of action did. */
interface ActionStats {
  count: number;
  errors: number;
  readonly latencies: number[];
}

/** An action a person can take; resolves true when the server answered as it should. */
type Action = (person: Person, serial: number) => Promise<boolean>;

const stats = new Map<string, ActionStats>();
const firstErrors: string[] = [];
const replies = new Map<string, DeliveredActivity[]>();
let standIn: ConnectorStandIn;
let remindersDelivered = 0;

function fail(what: string): false {
  if (firstErrors.length < 20) firstErrors.push(what);
  return false;
}

/** Moves what the stand-in accepted into `replies`, by the message each one answers. */
function collectReplies(): void {
  for (const delivered of standIn.delivered.splice(0)) {
    if (delivered.replyToId === undefined) remindersDelivered += 1;
    else replies.set(delivered.replyToId, [...(replies.get(delivered.replyToId) ?? []), delivered]);
  }
  standIn.attempts.splice(0);
}

/** Sends a chat message as Teams does and returns the bot's replies, taken from the stand-in. */
async function say(person: Person, text: string): Promise<DirectAnswer> {
  const id = randomUUID();
  const activity = person.chat.activity({
    type: 'message',
    id,
    text,
    serviceUrl: standIn.serviceUrl,
    deliveryMode: 'normal',
  });
  const { status } = await person.chat.send(activity);
  collectReplies();
  const posted = replies.get(id) ?? [];
  replies.delete(id);
  return { status, replies: posted.map((entry) => entry.activity as unknown as ReplyActivity) };
}

/** True when a chat or card answer is a 200 that says `expected` and no apology. */
function answered(answer: DirectAnswer, expected: RegExp, what: string): boolean {
  const text = textsOf(answer);
  if (answer.status !== 200) return fail(`${what}: HTTP ${answer.status}`);
  if (FAILURE_TEXTS.some((failure) => text.includes(failure))) return fail(`${what}: ${text}`);
  return expected.test(text) || fail(`${what}: unexpected answer ${JSON.stringify(text)}`);
}

/** Applies a rep answer to the person's count; false when it was neither logged nor refused. */
function countRep(person: Person, answer: DirectAnswer, what: string, undo: boolean): boolean {
  const text = textsOf(answer);
  if (!answered(answer, /Logged:|Taken back:|nothing to take back/, what)) return false;
  if (!undo && text.includes('Logged:')) person.reps += 1;
  else if (undo && text.includes('Taken back:')) person.reps -= 1;
  else if (!undo) return fail(`${what}: not logged: ${text}`);
  return true;
}

const logOrUndo =
  (log: Action, undo: Action): Action =>
  (person, serial) =>
    person.reps >= REP_CEILING ? undo(person, serial) : log(person, serial);

const kindOf = (serial: number) => KINDS[serial % KINDS.length] as string;

const chatLog: Action = async (person, serial) =>
  countRep(person, await say(person, `log ${kindOf(serial)} soak ${serial}`), 'chat log', false);
const chatUndo: Action = async (person) =>
  countRep(person, await say(person, 'log undo'), 'chat undo', true);
const cardLog: Action = async (person, serial) =>
  countRep(
    person,
    await person.chat.execute('reps.log', { kind: kindOf(serial), note: `card ${serial}` }),
    'card log',
    false,
  );
const cardUndo: Action = async (person) =>
  countRep(person, await person.chat.execute('reps.undo', {}), 'card undo', true);

const ACTIONS: ReadonlyArray<{ name: string; weight: number; run: Action }> = [
  { name: 'chat: log a rep', weight: 18, run: logOrUndo(chatLog, chatUndo) },
  { name: 'chat: log undo', weight: 3, run: chatUndo },
  {
    name: 'chat: help',
    weight: 3,
    run: async (p) => answered(await say(p, 'help'), /say/, 'help'),
  },
  {
    name: 'chat: reflect by text (5 turns)',
    weight: 3,
    async run(person, serial) {
      const holding = `soak text ${serial}`;
      const steps: Array<[string, RegExp]> = [
        ['reflect in chat', /1 of 4/],
        ['Sam, Mei', /2 of 4/],
        ['3', /3 of 4/],
        [holding, /4 of 4/],
        ['Jordan', /reflected/i],
      ];
      for (const [text, expected] of steps) {
        if (!answered(await say(person, text), expected, `reflect step "${text}"`)) return false;
      }
      person.reflection = holding;
      return true;
    },
  },
  { name: 'card: rep button', weight: 14, run: logOrUndo(cardLog, cardUndo) },
  { name: 'card: undo button', weight: 3, run: cardUndo },
  {
    name: 'card: reflection submit',
    weight: 6,
    async run(person, serial) {
      const week = await person.api.get<ThisWeekResponse>('/week');
      if (week.status !== 200) return fail(`GET /week before the card: ${week.status}`);
      const holding = `soak card ${serial}`;
      const answer = await person.chat.execute('reflect.save', {
        week: week.body.week,
        helpedByNames: 'Sam, Mei',
        yesCount: '3',
        holdingAlone: holding,
        connectedNames: 'Jordan',
      });
      if (!answered(answer, /reflected/i, 'reflection card')) return false;
      person.reflection = holding;
      return true;
    },
  },
  {
    name: 'api: GET /week',
    weight: 14,
    run: async (p) => (await p.api.get('/week')).status === 200 || fail('GET /week'),
  },
  {
    name: 'api: GET /reflections',
    weight: 10,
    run: async (p) =>
      (await p.api.get('/reflections?limit=20')).status === 200 || fail('GET /reflections'),
  },
  {
    name: 'api: settings GET + PUT (If-Match)',
    weight: 8,
    async run(person, serial) {
      const read = await person.api.get<UserSettings>('/settings');
      if (read.status !== 200) return fail(`GET /settings: ${read.status}`);
      const reminderTime = `${String(8 + (serial % 10)).padStart(2, '0')}:${serial % 2 ? '30' : '00'}`;
      const etag = read.headers.get('etag');
      const saved = await person.api.put(
        '/settings',
        { ...read.body, reminderTime },
        etag ? { 'if-match': etag } : {},
      );
      if (saved.status !== 200) return fail(`PUT /settings: ${saved.status} ${saved.text}`);
      person.reminderTime = reminderTime;
      return true;
    },
  },
  {
    name: 'api: POST /week/reps',
    weight: 12,
    run: logOrUndo(
      async (person, serial) => {
        const answer = await person.api.post('/week/reps', { kind: kindOf(serial) });
        if (answer.status !== 201) return fail(`POST /week/reps: ${answer.status}`);
        person.reps += 1;
        return true;
      },
      async (person) => apiUndo(person),
    ),
  },
  { name: 'api: DELETE /week/reps/last', weight: 3, run: (person) => apiUndo(person) },
];
const TOTAL_WEIGHT = ACTIONS.reduce((sum, action) => sum + action.weight, 0);

async function apiUndo(person: Person): Promise<boolean> {
  const answer = await person.api.delete('/week/reps/last');
  if (answer.status === 200) person.reps -= 1;
  else if (answer.status !== 409) return fail(`DELETE /week/reps/last: ${answer.status}`);
  return true;
}

function pick(): (typeof ACTIONS)[number] {
  let roll = Math.random() * TOTAL_WEIGHT;
  for (const action of ACTIONS) {
    roll -= action.weight;
    if (roll < 0) return action;
  }
  return ACTIONS[0] as (typeof ACTIONS)[number];
}

let serials = 0;

async function live(person: Person, until: number): Promise<void> {
  while (Date.now() < until) {
    const action = pick();
    const stat = stats.get(action.name) ?? { count: 0, errors: 0, latencies: [] };
    stats.set(action.name, stat);
    const started = performance.now();
    serials += 1;
    const ok = await action
      .run(person, serials)
      .catch((error: unknown) =>
        fail(`${action.name}: ${error instanceof Error ? error.message : String(error)}`),
      );
    stat.count += 1;
    stat.latencies.push(performance.now() - started);
    if (!ok) stat.errors += 1;
    await new Promise((resolve) => setTimeout(resolve, 500 + Math.random() * 2_000));
  }
}

/** One memory sample of the server. */
interface Sample {
  /** Milliseconds since the load started. */
  readonly at: number;
  /** Resident set, bytes. */
  readonly rss: number;
}

function rssOf(pid: number): number {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = Number(/^VmRSS:\s+(\d+) kB/m.exec(status)?.[1] ?? Number.NaN);
  return kb * 1024;
}

/** CPU seconds the process has used (user + system), from `/proc/<pid>/stat`. */
function cpuSecondsOf(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ') ?? [];
  const ticks = Number(fields[11]) + Number(fields[12]);
  return ticks / 100;
}

function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

/** Writes acknowledged vs found in the store, per person. */
interface Accounting {
  readonly acknowledgedReps: number;
  readonly storedReps: number;
  readonly mismatches: string[];
}

async function account(store: SqliteStore, people: readonly Person[]): Promise<Accounting> {
  let acknowledgedReps = 0;
  let storedReps = 0;
  const mismatches: string[] = [];
  for (const person of people) {
    const weeks: StoredRecord<PracticeWeek>[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.list<PracticeWeek>(person.scope, PRACTICE_WEEK_KIND, {
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      weeks.push(...page.items);
      cursor = page.nextCursor;
    } while (cursor);
    const reps = weeks.reduce((sum, week) => sum + week.data.reps.length, 0);
    acknowledgedReps += person.reps;
    storedReps += reps;
    const who = `${person.scope.tenantId.slice(-2)}/${person.scope.userId.slice(0, 8)}`;
    if (reps !== person.reps) mismatches.push(`${who}: ${person.reps} reps acked, ${reps} stored`);
    const reflections = weeks.flatMap((week) =>
      week.data.reflection ? [week.data.reflection.holdingAlone] : [],
    );
    if (person.reflection !== undefined && !reflections.includes(person.reflection)) {
      mismatches.push(`${who}: reflection "${person.reflection}" missing`);
    }
    if (person.reminderTime !== undefined) {
      const settings = await store.get<UserSettings>(
        person.scope,
        SETTINGS_RECORD.kind,
        SETTINGS_RECORD.id,
      );
      if (settings?.data.reminderTime !== person.reminderTime) {
        mismatches.push(`${who}: reminder time ${person.reminderTime} acked`);
      }
    }
  }
  return { acknowledgedReps, storedReps, mismatches };
}

const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (value: number) => `${value.toFixed(0)} ms`;

async function main(): Promise<void> {
  const loadBefore = os.loadavg();
  const directory = mkdtempSync(path.join(os.tmpdir(), 'spotter-soak-'));
  const database = path.join(directory, 'spotter.db');
  const issuer = await startTokenIssuer({ tenantId: TENANTS[0] as string });
  standIn = await ConnectorStandIn.start({ tenantOf: (id) => id.split(':')[1] });
  const spotter = await startChildSpotter({
    NODE_ENV: 'development',
    LOG_LEVEL: 'warn',
    SQLITE_PATH: database,
    AAD_APP_CLIENT_ID: 'spotter-soak',
    ...issuer.env,
  });
  const samples: Sample[] = [];
  let sampler: NodeJS.Timeout | undefined;
  try {
    const people: Person[] = await Promise.all(
      Array.from({ length: USERS }, async (_, index) => {
        const tenantId = TENANTS[index % TENANTS.length] as string;
        const userId = randomUUID();
        const token = await issuer.sign({ tid: tenantId, oid: userId });
        return {
          scope: scopeFromClaims({ tid: tenantId, oid: userId }) as Scope,
          chat: new DirectBotClient(spotter.baseUrl, { tenantId, userId, name: `Soak ${index}` }),
          api: apiAs(spotter.baseUrl, `Bearer ${token}`),
          reps: 0,
        };
      }),
    );
    const cpuBefore = cpuSecondsOf(spotter.pid);
    const started = Date.now();
    const until = started + DURATION_MS;
    const sample = () => samples.push({ at: Date.now() - started, rss: rssOf(spotter.pid) });
    sample();
    sampler = setInterval(sample, SAMPLE_MS);
    const progress = setInterval(() => {
      const done = [...stats.values()].reduce((sum, s) => sum + s.count, 0);
      const errors = [...stats.values()].reduce((sum, s) => sum + s.errors, 0);
      const last = samples.at(-1);
      console.log(
        `${Math.round((Date.now() - started) / 1000)} s: ${done} actions, ${errors} errors, ` +
          `RSS ${last ? mb(last.rss) : '?'}`,
      );
    }, 30_000);
    // Start the people over the first few seconds rather than all in one instant.
    await Promise.all(
      people.map(async (person, index) => {
        await new Promise((resolve) => setTimeout(resolve, (index / USERS) * 5_000));
        await live(person, until);
      }),
    );
    clearInterval(progress);
    clearInterval(sampler);
    sample();
    const elapsedMs = Date.now() - started;
    const cpuSeconds = cpuSecondsOf(spotter.pid) - cpuBefore;
    const loadAfter = os.loadavg();

    const reader = SqliteStore.open(database);
    const accounting = await account(reader, people);
    await reader.close();

    const baseline = median(
      samples.filter((s) => s.at >= WARMUP_MS && s.at < WARMUP_MS + WINDOW_MS).map((s) => s.rss),
    );
    const final = median(samples.filter((s) => s.at >= elapsedMs - WINDOW_MS).map((s) => s.rss));
    const peak = Math.max(...samples.map((s) => s.rss));
    const growth = final / baseline - 1;
    const rows = [...stats.entries()].map(([name, stat]) => {
      const sorted = [...stat.latencies].sort((a, b) => a - b);
      return { name, ...stat, p50: percentile(sorted, 50), p99: percentile(sorted, 99) };
    });
    const actions = rows.reduce((sum, row) => sum + row.count, 0);
    const errors = rows.reduce((sum, row) => sum + row.errors, 0);
    const passed =
      errors === 0 && growth < MAX_GROWTH && accounting.mismatches.length === 0 && actions > 0;

    const body = [
      '### Latest run',
      '',
      `Measured by \`npm run soak\` on ${new Date().toISOString().slice(0, 10)} ` +
        `(SOAK_MINUTES=${MINUTES}, ${USERS} people): ${machineLine()}; load average ` +
        `${(loadBefore[0] ?? 0).toFixed(1)} when it started and ${(loadAfter[0] ?? 0).toFixed(1)} ` +
        'when it ended (other work shared the machine).',
      '',
      '| check | result | goal |',
      '| --- | --- | --- |',
      `| errors | ${errors} of ${actions} actions | 0 |`,
      `| server memory (RSS), median of the first ${WINDOW_MS / 1000} s after a ${WARMUP_MS / 1000} s warm-up → median of the last ${WINDOW_MS / 1000} s | ${mb(baseline)} → ${mb(final)} (${(growth * 100).toFixed(1)} %), peak ${mb(peak)} | < 10 % growth |`,
      `| reps acknowledged → found in the store | ${accounting.acknowledgedReps} → ${accounting.storedReps}, ${accounting.mismatches.length} people differ | equal |`,
      `| last acknowledged reflection and settings of each person | ${accounting.mismatches.length === 0 ? 'all found' : 'some missing'} | all found |`,
      `| throughput | ${(actions / (elapsedMs / 1000)).toFixed(1)} actions/s over ${(elapsedMs / 60_000).toFixed(1)} min; server CPU ${cpuSeconds.toFixed(0)} s (${((cpuSeconds / (elapsedMs / 1000)) * 100).toFixed(0)} % of a core) | |`,
      '',
      `Overall: **${passed ? 'passed' : 'FAILED'}**.`,
      '',
      '| action | count | errors | p50 | p99 |',
      '| --- | --- | --- | --- | --- |',
      ...rows
        .sort((a, b) => b.count - a.count)
        .map(
          (row) =>
            `| ${row.name} | ${row.count} | ${row.errors} | ${ms(row.p50)} | ${ms(row.p99)} |`,
        ),
      '',
      `Latency is per action as the person saw it (a chat message until its reply reached the ` +
        `stand-in; the reflection dialogue is five turns; a settings save is a GET and a PUT). ` +
        `Reminders the server sent meanwhile: ${remindersDelivered}.`,
      ...(firstErrors.length > 0
        ? ['', 'First errors:', '', ...firstErrors.map((error) => `- ${error}`)]
        : []),
      ...(accounting.mismatches.length > 0
        ? ['', 'Differences:', '', ...accounting.mismatches.slice(0, 20).map((m) => `- ${m}`)]
        : []),
    ].join('\n');
    console.log(body);
    await writeReportSection('soak', body, REPORT);
    if (!passed) process.exitCode = 1;
  } finally {
    if (sampler) clearInterval(sampler);
    await spotter.stop();
    await standIn.stop();
    await issuer.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
