/**
 * `npm run bench`: every benchmark of issue #9 in one run, then one summary table of the headline
 * figures against their goals at the top of `docs/PERFORMANCE.md` (not a test).
 *
 * @remarks
 * It builds, then runs, each in its own process: the store round-trip count, the bot-turn
 * benchmark against the echo bot, the tab benchmark and the reminder fan-out. Each writes its own
 * section of the report; the summary quotes this run's figures only — the round-trip and
 * bot-turn benchmarks hand theirs back as JSON, and the tab and reminder figures are read from
 * the sections those benchmarks wrote (or, for a reduced reminder run, printed) in this run.
 * `BENCH_QUICK=1` shortens everything for a check that the whole chain works (reminder waves at a
 * tenth of their size, a few seconds per load scenario) and says so in the summary; the default
 * is the issues' full sizes, which take about 15 minutes (12 on a shared 2-CPU machine).
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { RESULT_FILE_VARIABLE, readHandedBack } from './bench-result';
import {
  P99_GOAL,
  ratiosOf,
  THROUGHPUT_GOAL,
  type BotTurnResults,
  type TurnKind,
} from './bot-turn-bench';
import { sectionIn, tablesIn, type TableRow } from './markdown-table';
import { machineLine, PERFORMANCE_REPORT, writeReportSection } from './performance-report';
import { meetsGoal, type RoundTripResults } from './round-trips';

const ROOT = path.resolve(__dirname, '../..');
const RUN_TS = path.join(ROOT, 'tests/support/run-ts.js');
const QUICK = process.env['BENCH_QUICK'] === '1';
/** Issue #3: each tenant gets at least this share of Teams' 50 messages a second. */
const REMINDER_SHARE_GOAL = 95;

/** One line of the summary. */
interface SummaryRow {
  readonly area: string;
  readonly figure: string;
  readonly result: string;
  readonly goal: string;
  /** Undefined when the figure could not be judged. */
  readonly met: boolean | undefined;
}

/** Runs `script` in a child Node process; answers its output and exit code. */
function runScript(
  script: string,
  options: { nodeArgs?: string[]; env?: Record<string, string> } = {},
): Promise<{ stdout: string; code: number | null }> {
  console.log(`\n▶ ${path.relative(ROOT, script)}\n`);
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), RUN_TS, path.resolve(ROOT, script)],
    { cwd: ROOT, env: { ...process.env, ...options.env }, stdio: ['ignore', 'pipe', 'inherit'] },
  );
  let stdout = '';
  child.stdout.on('data', (chunk: Buffer) => {
    stdout += chunk.toString();
    process.stdout.write(chunk);
  });
  return new Promise((resolve, reject) => {
    child.once('error', reject);
    child.once('close', (code) => resolve({ stdout, code }));
  });
}

/** Runs a benchmark that hands back JSON; answers it even when the benchmark flagged problems. */
async function runHandingBack<T>(
  script: string,
  directory: string,
  options: { nodeArgs?: string[]; env?: Record<string, string> } = {},
): Promise<T> {
  const file = path.join(directory, `${path.basename(script, '.ts')}.json`);
  const { code } = await runScript(script, {
    ...options,
    env: { ...options.env, [RESULT_FILE_VARIABLE]: file },
  });
  try {
    return readHandedBack<T>(file);
  } catch {
    throw new Error(`${script} exited with ${code} and handed nothing back`);
  }
}

/** Runs a benchmark that writes only its report section; answers that section as it wrote it. */
async function runWritingSection(
  script: string,
  section: string,
  options: { nodeArgs?: string[]; env?: Record<string, string> },
): Promise<string> {
  const before = sectionIn(readFileSync(PERFORMANCE_REPORT, 'utf8'), section);
  const { stdout, code } = await runScript(script, options);
  if (code !== 0) throw new Error(`${script} failed (exit code ${code})`);
  // A reduced reminder run prints its section instead of writing it.
  const written =
    sectionIn(stdout, section) ?? sectionIn(readFileSync(PERFORMANCE_REPORT, 'utf8'), section);
  if (!written || written === before) {
    throw new Error(`${script} left no new ${section} section: nothing of this run to quote`);
  }
  return written;
}

function numberIn(text: string): number | undefined {
  const match = /([\d,]+(?:\.\d+)?)/.exec(text);
  return match ? Number((match[1] as string).replace(/,/g, '')) : undefined;
}

function verdict(met: boolean | undefined): string {
  if (met === undefined) return 'not judged';
  return met ? 'met' : '**not met**';
}

function botTurnRows(results: BotTurnResults): SummaryRow[] {
  const names: Record<TurnKind, string> = { message: 'plain message', card: 'card action' };
  const valid = results.problems.length === 0;
  return (['message', 'card'] as const).flatMap((kind) => {
    const ratio = ratiosOf(results.loads[kind]);
    const { echo, spotter } = results.loads[kind];
    const suffix = valid ? '' : ' (invalid: the bot’s work did not check out)';
    return [
      {
        area: 'Bot turn',
        figure: `${names[kind]}: Spotter’s requests/s ÷ echo bot’s`,
        result: `${ratio.throughput.toFixed(2)} (${spotter.throughput.toFixed(0)} ÷ ${echo.throughput.toFixed(0)})${suffix}`,
        goal: `≥ ${THROUGHPUT_GOAL}`,
        met: valid ? ratio.throughput >= THROUGHPUT_GOAL : undefined,
      },
      {
        area: 'Bot turn',
        figure: `${names[kind]}: Spotter’s p99 ÷ echo bot’s`,
        result: `${ratio.p99.toFixed(2)} (${spotter.p99.toFixed(0)} ms ÷ ${echo.p99.toFixed(0)} ms)${suffix}`,
        goal: `≤ ${P99_GOAL}`,
        met: valid ? ratio.p99 <= P99_GOAL : undefined,
      },
    ];
  });
}

function roundTripRows(results: RoundTripResults): SummaryRow[] {
  return results.actions
    .filter((action) => action.goal)
    .map((action) => ({
      area: 'Store round trips',
      figure: action.action,
      result: String(action.calls.length),
      goal: action.goal?.exactly ? `exactly ${action.goal.most}` : `≤ ${action.goal?.most}`,
      met: meetsGoal(action),
    }));
}

/** The tab section's rows that have a goal (`≤ N KB` or `≤ N ms`), judged on their first figure. */
function tabRows(section: string): SummaryRow[] {
  const rows = tablesIn(section)[0] ?? [];
  return rows
    .filter((row) => /^≤\s*[\d.]+/.test(row['goal'] ?? ''))
    .map((row) => {
      const value = numberIn(row['result'] ?? '');
      const goal = numberIn(row['goal'] ?? '');
      return {
        area: 'Personal tab',
        figure: row['what'] ?? '',
        result: row['result'] ?? '',
        goal: row['goal'] ?? '',
        met: value === undefined || goal === undefined ? undefined : value <= goal,
      };
    });
}

/** Each wave's lowest per-tenant share of Teams' 50/s, against issue #3's 95 %. */
function reminderRows(section: string): SummaryRow[] {
  const rows: readonly TableRow[] = tablesIn(section)[0] ?? [];
  return rows.map((row) => {
    const perTenant = row['per tenant (share of 50/s)'] ?? '';
    const shares = [...perTenant.matchAll(/([\d.]+)\s*%/g)].map((match) => Number(match[1]));
    const lowest = shares.length > 0 ? Math.min(...shares) : undefined;
    return {
      area: 'Reminder fan-out',
      figure: `${row['wave'] ?? ''}: lowest tenant’s share of 50/s`,
      result: `${lowest === undefined ? '?' : `${lowest.toFixed(1)} %`} (${row['reminders sent'] ?? '?'} sent, ${row['tenant 429s'] ?? '?'} tenant 429s, ${row['wall time'] ?? '?'})`,
      goal: `≥ ${REMINDER_SHARE_GOAL} %`,
      met: lowest === undefined ? undefined : lowest >= REMINDER_SHARE_GOAL,
    };
  });
}

function summarySection(rows: readonly SummaryRow[], started: Date, loads: number[]): string {
  const minutes = (Date.now() - started.getTime()) / 60_000;
  const mode = QUICK
    ? '**Quick mode** (`BENCH_QUICK=1`): reminder waves at a tenth of their size and short load runs, to check the chain works — not the issues’ figures; run `npm run bench` without it for those.'
    : 'Full sizes, as the issues set them.';
  return [
    '## Summary',
    '',
    `Every headline figure of issue #9 against its goal, from one run of \`npm run bench\` on ${started.toISOString().slice(0, 16).replace('T', ' ')} UTC (${minutes.toFixed(0)} min): ${machineLine()}; one-minute load average ${loads.map((load) => load.toFixed(1)).join(' → ')} over the run (other work shared the machine). ${mode} The sections below give the details and how each figure is measured.`,
    '',
    '| area | figure | result | goal | |',
    '| --- | --- | --- | --- | --- |',
    ...rows.map(
      (row) =>
        `| ${row.area} | ${row.figure} | ${row.result} | ${row.goal} | ${verdict(row.met)} |`,
    ),
    '',
    'A result given as two figures (median / worst) is judged on the first. The bot-turn ratios compare Spotter with the echo bot measured in alternating rounds of the same run; on a machine this shared their absolute figures swing from run to run, so rerun on a quiet machine before reading much into a small miss.',
  ].join('\n');
}

async function main(): Promise<void> {
  const started = new Date();
  const loads = [os.loadavg()[0] ?? 0];
  const built = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: 'inherit' });
  if (built.status !== 0) throw new Error('npm run build failed');
  const directory = mkdtempSync(path.join(os.tmpdir(), 'spotter-bench-all-'));
  try {
    const roundTrips = await runHandingBack<RoundTripResults>(
      'tests/bench/round-trips.ts',
      directory,
      { nodeArgs: ['--enable-source-maps'] },
    );
    loads.push(os.loadavg()[0] ?? 0);
    const botTurn = await runHandingBack<BotTurnResults>(
      'tests/bench/bot-turn-bench.ts',
      directory,
      {
        env: QUICK ? { BENCH_SECONDS: '8' } : {},
      },
    );
    loads.push(os.loadavg()[0] ?? 0);
    const tab = await runWritingSection('tests/bench/tab-bench.ts', 'tab-bench', {
      env: QUICK ? { BENCH_SECONDS: '3' } : {},
    });
    loads.push(os.loadavg()[0] ?? 0);
    const reminders = await runWritingSection('tests/bench/reminder-fanout.ts', 'reminder-bench', {
      nodeArgs: ['--expose-gc'],
      env: QUICK ? { BENCH_SCALE: '0.1' } : {},
    });
    loads.push(os.loadavg()[0] ?? 0);
    const rows = [
      ...botTurnRows(botTurn),
      ...roundTripRows(roundTrips),
      ...reminderRows(reminders),
      ...tabRows(tab),
    ];
    const section = summarySection(rows, started, loads);
    await writeReportSection('summary', section, PERFORMANCE_REPORT, 'top');
    console.log(`\n${section}\n\nwritten to ${path.relative(ROOT, PERFORMANCE_REPORT)}`);
  } finally {
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
