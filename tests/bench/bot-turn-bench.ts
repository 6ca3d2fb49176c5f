/**
 * What a Spotter bot turn costs, against the cheapest bot botbuilder allows (part of `npm run
 * bench`; on its own `node tests/support/run-ts.js tests/bench/bot-turn-bench.ts` after `npm run
 * build:server`; not a test): requests per second, p50 and p99 of a plain message (`help`) and of
 * a card action that writes to the store (logging a rep from the reps card), for Spotter and for
 * a bare `CloudAdapter` echo bot, each in its own process, driven by autocannon in this one.
 *
 * @remarks
 * Both bots run the same way: a child process with no Node flags, bot authentication off (Spotter
 * in development mode, on a SQLite file), replies posted to the connector stand-in in a third
 * process. Requests rotate through a pool of users of one tenant, so the store is not one hot
 * record; the warm-up passes through the whole pool, so first-contact writes (profile, turn
 * state) happen before the measured window. The two bots take turns in short rounds, so a change
 * in the shared machine's load hits both alike. Afterwards the work is checked: every answered
 * message has its reply at the stand-in, every answered card action its rep in the store, and an
 * answer other than 2xx (or a card action answered without its card) is a failure, never
 * throughput. `BENCH_SECONDS` (measured seconds per bot and kind of turn, in 4 s rounds; default
 * 20) and `BENCH_CONNECTIONS` (default 16) set the load; the results replace the
 * `bot-turn-bench` section of `docs/PERFORMANCE.md`.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import autocannon from 'autocannon';
import { REPS_VERBS } from '../../bot/cards/reps-card';
import { translate } from '../../bot/i18n';
import { helpText } from '../../bot/routes/help';
import { scopeFromClaims } from '../../src/auth/scope';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../src/domain/practice-week';
import { SqliteStore } from '../../src/store/sqlite-store';
import { startEchoBot } from './echo-bot';
import { handBack } from './bench-result';
import { machineLine, writeReportSection } from './performance-report';
import { startStandInProcess, type BotReplies } from './stand-in-process';
import { percentile } from './tab-api-load';
import { startChildSpotter } from './tab-child-server';

/** Users the requests rotate through. */
const POOL = 500;
const TENANT = 'd0000000-0000-4000-8000-000000000001';
/** Measured seconds per bot and kind of turn, in rounds of {@link ROUND_SECONDS}. */
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? '20');
const ROUND_SECONDS = 4;
const ROUNDS = Math.max(1, Math.round(SECONDS / ROUND_SECONDS));
const CONNECTIONS = Number(process.env['BENCH_CONNECTIONS'] ?? '16');
const BOTS: readonly BotName[] = ['echo', 'spotter'];
const ms = (value: number) => `${value.toFixed(value < 10 ? 1 : 0)} ms`;

/** Issue #9's goals: Spotter keeps this share of the echo bot's throughput … */
export const THROUGHPUT_GOAL = 0.6;
/** … and its p99 stays within this multiple of the echo bot's. */
export const P99_GOAL = 2;

/** The two bots. */
export type BotName = 'echo' | 'spotter';
/** The two kinds of turn. */
export type TurnKind = 'message' | 'card';

/** One bot's measured window for one kind of turn. */
export interface TurnLoad {
  /** Correct answers per second. */
  readonly throughput: number;
  /** Latency percentiles and maximum, milliseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  /** Correct answers in the window. */
  readonly answered: number;
  /** Answers other than 2xx, connection errors and card actions answered without their card. */
  readonly failed: number;
}

/** Everything the bot-turn benchmark measured. */
export interface BotTurnResults {
  /** By kind of turn, then by bot. */
  readonly loads: Record<TurnKind, Record<BotName, TurnLoad>>;
  /** What the checks afterwards found, in words; empty when all work was done. */
  readonly problems: readonly string[];
  /** Replies at the stand-in and reps in Spotter's store, against the answers. */
  readonly checked: { readonly replies: string; readonly reps: string };
  /** Measured rounds per bot and kind of turn, and their length in seconds. */
  readonly rounds: number;
  readonly roundSeconds: number;
  readonly connections: number;
  /** One-minute load average when it started. */
  readonly loadAverage: number;
}

function userOf(index: number): string {
  return `d0000000-0000-4000-8000-${String(index).padStart(12, '0')}`;
}

/** The activity user `index` sends to `bot`; replies go to conversation `<bot>:<index>`. */
function activityOf(bot: BotName, kind: TurnKind, index: number, serviceUrl: string): string {
  const user = userOf(index);
  const common = {
    id: `${kind}-${index}`,
    channelId: 'msteams',
    serviceUrl,
    locale: 'en-US',
    localTimezone: 'UTC',
    from: { id: `29:${user}`, name: `Person ${index}`, aadObjectId: user },
    recipient: { id: '28:bench-bot', name: 'Bench bot' },
    conversation: { id: `${bot}:${index}`, tenantId: TENANT, conversationType: 'personal' },
    channelData: { tenant: { id: TENANT } },
  };
  const activity =
    kind === 'message'
      ? { ...common, type: 'message', text: 'help' }
      : {
          ...common,
          type: 'invoke',
          name: 'adaptiveCard/action',
          replyToId: `reps-card-${index}`,
          value: {
            action: { type: 'Action.Execute', verb: REPS_VERBS.log, data: { kind: 'asked' } },
            trigger: 'manual',
          },
        };
  return JSON.stringify(activity);
}

/** The answer a correct card action carries: the card, and for Spotter the rep confirmed on it. */
function cardCheck(bot: BotName): (body: string) => boolean {
  const logged = translate('en-US', 'reps.logged', { kind: translate('en-US', 'reps.kind.asked') });
  const needles = ['application/vnd.microsoft.card.adaptive'];
  if (bot === 'spotter') needles.push(JSON.stringify(logged).slice(1, -1));
  return (body) => needles.every((needle) => body.includes(needle));
}

/** What one run of autocannon saw. */
interface RunTally {
  /** Latencies of the 2xx answers, milliseconds. */
  readonly latencies: number[];
  /** 2xx answers that failed the body check. */
  readonly mismatches: number;
  /** Answers other than 2xx, and connection errors. */
  readonly failed: number;
  readonly seconds: number;
  readonly statuses: Record<string, { count: number }>;
}

/** One autocannon run against `bot`: for `seconds`, or for `amount` requests. */
async function run(
  baseUrl: string,
  bot: BotName,
  kind: TurnKind,
  serviceUrl: string,
  length: { readonly seconds: number } | { readonly amount: number },
): Promise<RunTally> {
  const bodies = Array.from({ length: POOL }, (_, i) => activityOf(bot, kind, i, serviceUrl));
  let next = 0;
  const latencies: number[] = [];
  const instance = autocannon({
    url: `${baseUrl}/api/messages`,
    connections: CONNECTIONS,
    ...('seconds' in length ? { duration: length.seconds } : { amount: length.amount }),
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    requests: [
      {
        setupRequest: (request) => {
          request.body = bodies[next % POOL] as string;
          next += 1;
          return request;
        },
      },
    ],
    ...(kind === 'card' ? { verifyBody: cardCheck(bot) } : {}),
  });
  instance.on('response', (_client, status, _bytes, latencyMs) => {
    if (status >= 200 && status < 300) latencies.push(latencyMs);
  });
  const result = await instance;
  return {
    latencies,
    mismatches: result.mismatches,
    failed: result.non2xx + result.errors,
    seconds: result.duration,
    statuses: result.statusCodeStats,
  };
}

/** Correct answers of a run. */
function answeredIn(tally: RunTally): number {
  return tally.latencies.length - tally.mismatches;
}

/** One bot's measured rounds of one kind of turn, pooled. */
function turnLoadOf(rounds: readonly RunTally[]): TurnLoad {
  const latencies = rounds.flatMap((round) => round.latencies).sort((a, b) => a - b);
  const answered = rounds.reduce((sum, round) => sum + answeredIn(round), 0);
  const seconds = rounds.reduce((sum, round) => sum + round.seconds, 0);
  return {
    throughput: answered / seconds,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies.at(-1) ?? Number.NaN,
    answered,
    failed: rounds.reduce((sum, round) => sum + round.failed + round.mismatches, 0),
  };
}

/** Reps logged by the pool's users, read from Spotter's store once it has stopped. */
async function repsInStore(sqlitePath: string): Promise<number> {
  const store = SqliteStore.open(sqlitePath);
  try {
    let reps = 0;
    for (let i = 0; i < POOL; i += 1) {
      const scope = scopeFromClaims({ tid: TENANT, oid: userOf(i) });
      if (!scope) throw new Error('bad bench ids');
      const records = await store.exportUser(scope);
      for (const record of records) {
        if (record.kind === PRACTICE_WEEK_KIND) reps += (record.data as PracticeWeek).reps.length;
      }
    }
    return reps;
  } finally {
    await store.close();
  }
}

/**
 * Answers a problem when `done` (work found afterwards) is not what `answered` requests
 * imply: at least one each, and at most one more per connection and run, for the requests
 * autocannon cut off when a run ended (the bot finished them, autocannon did not wait).
 */
function mismatch(what: string, done: number, answered: number, runs: number): string | undefined {
  const slack = CONNECTIONS * runs;
  if (done >= answered && done <= answered + slack) return undefined;
  return `${what}: ${done} found for ${answered} answered (expected ${answered}…${answered + slack})`;
}

/** Runs the benchmark and answers its results (nothing is written). */
export async function runBotTurnBench(): Promise<BotTurnResults> {
  const loadAverage = os.loadavg()[0] ?? 0;
  const directory = mkdtempSync(path.join(os.tmpdir(), 'spotter-bot-bench-'));
  const sqlitePath = path.join(directory, 'spotter.db');
  const standIn = await startStandInProcess();
  const echo = await startEchoBot();
  const spotter = await startChildSpotter({
    NODE_ENV: 'development',
    SQLITE_PATH: sqlitePath,
    REMINDERS_ENABLED: 'false',
  });
  const bases: Record<BotName, string> = { echo: echo.baseUrl, spotter: spotter.baseUrl };
  const loads = { message: {}, card: {} } as Record<TurnKind, Record<BotName, TurnLoad>>;
  const answered = { message: { echo: 0, spotter: 0 }, card: { echo: 0, spotter: 0 } };
  const runs: Record<TurnKind, number> = { message: 0, card: 0 };
  const serviceUrl = standIn.serviceUrl;
  const problems: string[] = [];
  let spotterStopped = false;
  try {
    for (const kind of ['message', 'card'] as const) {
      const rounds: Record<BotName, RunTally[]> = { echo: [], spotter: [] };
      const record = (bot: BotName, phase: string, tally: RunTally) => {
        runs[kind] += 1;
        answered[kind][bot] += answeredIn(tally);
        if (tally.failed + tally.mismatches === 0) return;
        problems.push(
          `${bot} ${kind} ${phase}: ${tally.failed} non-2xx answers or errors (${JSON.stringify(tally.statuses)}), ${tally.mismatches} answers without the expected card`,
        );
      };
      for (const bot of BOTS) {
        record(bot, 'warm-up', await run(bases[bot], bot, kind, serviceUrl, { amount: 2 * POOL }));
      }
      for (let round = 0; round < ROUNDS; round += 1) {
        // Alternate who goes first, so a change in the machine's load hits both alike.
        for (const bot of round % 2 === 0 ? BOTS : [...BOTS].reverse()) {
          const tally = await run(bases[bot], bot, kind, serviceUrl, { seconds: ROUND_SECONDS });
          record(bot, `round ${round + 1}`, tally);
          rounds[bot].push(tally);
        }
      }
      for (const bot of BOTS) {
        loads[kind][bot] = turnLoadOf(rounds[bot]);
        const line = loads[kind][bot];
        console.log(
          `${kind} ${bot}: ${line.throughput.toFixed(0)}/s, p50 ${ms(line.p50)}, p99 ${ms(line.p99)}, ${line.failed} failed`,
        );
      }
    }
    const replies = await standIn.replies();
    await spotter.stop();
    spotterStopped = true;
    const checked = checkWork(replies, await repsInStore(sqlitePath), answered, runs, problems);
    return {
      loads,
      problems,
      checked,
      rounds: ROUNDS,
      roundSeconds: ROUND_SECONDS,
      connections: CONNECTIONS,
      loadAverage,
    };
  } finally {
    if (!spotterStopped) await spotter.stop();
    await echo.stop();
    await standIn.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

function checkWork(
  replies: Record<string, BotReplies>,
  reps: number,
  answered: Record<TurnKind, Record<BotName, number>>,
  runs: Record<TurnKind, number>,
  problems: string[],
): BotTurnResults['checked'] {
  const expectedText: Record<BotName, string> = { echo: 'help', spotter: helpText('en-US') };
  for (const bot of ['echo', 'spotter'] as const) {
    const got = replies[bot] ?? { count: 0, texts: [] };
    const wrong = mismatch(
      `${bot} replies at the stand-in`,
      got.count,
      answered.message[bot],
      runs.message,
    );
    if (wrong) problems.push(wrong);
    if (got.texts.length !== 1 || got.texts[0] !== expectedText[bot]) {
      problems.push(`${bot} replied ${JSON.stringify(got.texts)}, not only its answer to help`);
    }
  }
  const wrongReps = mismatch('reps in Spotter’s store', reps, answered.card.spotter, runs.card);
  if (wrongReps) problems.push(wrongReps);
  const spotterReplies = replies['spotter']?.count ?? 0;
  const echoReplies = replies['echo']?.count ?? 0;
  return {
    replies: `${spotterReplies} replies from Spotter for ${answered.message.spotter} messages answered, ${echoReplies} from the echo bot for ${answered.message.echo}`,
    reps: `${reps} reps in Spotter’s store for ${answered.card.spotter} card actions answered`,
  };
}

/** Spotter against the echo bot for one kind of turn: throughput share and p99 multiple. */
export function ratiosOf(loads: Record<BotName, TurnLoad>): { throughput: number; p99: number } {
  return {
    throughput: loads.spotter.throughput / loads.echo.throughput,
    p99: loads.spotter.p99 / loads.echo.p99,
  };
}

const TURN_NAMES: Record<TurnKind, string> = {
  message: 'plain message (`help`, a text reply through the connector)',
  card: 'card action (reps card *Asked*: a rep written to the store, the card answered)',
};

/** The report section (Markdown, without its markers). */
export function botTurnSection(results: BotTurnResults): string {
  const rows: string[] = [];
  const ratios: string[] = [];
  for (const kind of ['message', 'card'] as const) {
    for (const bot of ['echo', 'spotter'] as const) {
      const line = results.loads[kind][bot];
      rows.push(
        `| ${TURN_NAMES[kind]} | ${bot === 'echo' ? 'echo bot' : 'Spotter'} | ${line.throughput.toFixed(0)} | ${ms(line.p50)} | ${ms(line.p99)} | ${ms(line.max)} | ${line.failed} |`,
      );
    }
    const ratio = ratiosOf(results.loads[kind]);
    ratios.push(
      `| ${TURN_NAMES[kind]} | ${ratio.throughput.toFixed(2)} (goal ≥ ${THROUGHPUT_GOAL}) ${ratio.throughput >= THROUGHPUT_GOAL ? 'met' : '**not met**'} | ${ratio.p99.toFixed(2)} (goal ≤ ${P99_GOAL}) ${ratio.p99 <= P99_GOAL ? 'met' : '**not met**'} |`,
    );
  }
  const verdict =
    results.problems.length === 0
      ? 'Checked afterwards: every answer was the bot’s work.'
      : `**The checks afterwards found problems, so these figures are not valid:** ${results.problems.join('; ')}.`;
  return [
    '## A bot turn against a bare botbuilder echo bot',
    '',
    `Measured by \`npm run bench\` on ${new Date().toISOString().slice(0, 10)}: ${machineLine()}; load average ${results.loadAverage.toFixed(1)} when it started (other work shared the machine).`,
    '',
    '| turn | bot | requests/s | p50 | p99 | max | failed |',
    '| --- | --- | --- | --- | --- | --- | --- |',
    ...rows,
    '',
    '| turn | Spotter’s share of the echo bot’s requests/s | Spotter’s p99 ÷ the echo bot’s |',
    '| --- | --- | --- |',
    ...ratios,
    '',
    `${verdict} ${results.checked.replies}; ${results.checked.reps} (warm-ups included; a run's last requests may finish after autocannon stops counting).`,
    '',
    'How it is measured:',
    '',
    `- Each bot runs in its own child process with the same Node flags (none) and bot authentication off: Spotter is the built server (\`dist/src/server/main.js\`) in development mode on a SQLite file; the echo bot (\`tests/bench/echo-bot.ts\`) is botbuilder's \`CloudAdapter\` behind Express, echoing a message's text and answering \`Action.Execute\` with a one-line card. Both post their message replies to the connector stand-in, in a third process, with Teams' rate limits lifted (this measures the turn, not Teams' pacing).`,
    `- autocannon, in the benchmark's process, drives one bot at a time over ${results.connections} keep-alive connections. For each kind of turn, each bot is warmed up with ${2 * POOL} requests, then the two take turns for ${results.rounds} rounds of ${results.roundSeconds} s each (who goes first alternates), so a change in the machine's load hits both alike; requests/s is every correct answer over the ${results.rounds * results.roundSeconds} s a bot was measured, and the percentiles are of all its answers' latencies. Requests rotate through ${POOL} users of one tenant, each in their own 1:1 chat, so the store sees ${POOL} partitions rather than one hot record; the warm-up goes through the whole pool twice, so a user's first-contact writes (profile, turn state) fall before the measured window, as they would for a returning user.`,
    '- A message turn is answered once the reply is accepted by the stand-in (botbuilder posts it before it answers the request); a card action (`Action.Execute`) carries its card in the answer. Requests/s counts correct answers only: a non-2xx answer, a connection error or a card action answered without its card is counted under *failed*.',
    '- The echo bot is botbuilder as it comes, which builds a connector client and a user-token client (an HTTP pipeline each) for every turn; Spotter keeps them between turns (`bot/shared-bot-clients.ts`), which is part of what is measured.',
    '- Both bots share 2 CPUs with autocannon, the stand-in and whatever else runs on the machine, so absolute figures move with the load; the ratios, measured in alternating rounds of one run, are the figures to compare.',
  ].join('\n');
}

async function main(): Promise<void> {
  const results = await runBotTurnBench();
  await writeReportSection('bot-turn-bench', botTurnSection(results));
  handBack(results);
  console.log(botTurnSection(results));
  if (results.problems.length > 0) process.exitCode = 1;
}

if (process.argv[1] === __filename) {
  main().catch((error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  });
}
