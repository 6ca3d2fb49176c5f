/**
 * The personal tab's benchmark (`npm run bench:tab`, which builds first): the first load's
 * JavaScript, the History page's rendering with five years of reflections, and the History
 * API's latency with 100 users at once on the embedded store. Prints the results and writes
 * them into the tab's section of `docs/PERFORMANCE.md`.
 *
 * @remarks
 * A benchmark, not a test: it reports what it measures against the goals and never fails on a
 * number. Set `BENCH_SECONDS` to measure the load for longer (default 10 s per scenario).
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { scopeFromClaims, type Scope } from '../../src/auth/scope';
import { DEV_IDENTITY } from '../../src/config/config';
import { SqliteStore } from '../../src/store/sqlite-store';
import { launchBrowser } from '../support/browser';
import { seedWeeks } from '../support/practice-seed';
import { startTokenIssuer } from '../support/token-issuer';
import { percentile, runLoad, type LoadResult } from './tab-api-load';
import { measureBundle } from './tab-bundle-size';
import { startChildSpotter } from './tab-child-server';
import { measureHistoryRender, type HistoryRenderTimings } from './tab-history-render';

const ROOT = path.resolve(__dirname, '../..');
const REPORT = path.join(ROOT, 'docs/PERFORMANCE.md');
const START = '<!-- tab-bench:start -->';
const END = '<!-- tab-bench:end -->';

/** Five years of weekly reflections. */
const WEEKS = 260;
const USERS = 100;
const THIS_WEEK = '2026-W48';
const BENCH_TENANT = 'bench0000-0000-4000-8000-000000000001';
const SECONDS = Number(process.env['BENCH_SECONDS'] ?? '10');

const GOALS = { initialGzipKb: 250, renderMs: 100 };

function kb(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KB`;
}

function ms(value: number): string {
  return `${value.toFixed(value < 10 ? 1 : 0)} ms`;
}

function median(values: readonly number[]): number {
  return percentile(
    [...values].sort((a, b) => a - b),
    50,
  );
}

function worst(values: readonly number[]): number {
  return Math.max(...values);
}

async function seed(sqlitePath: string): Promise<string[]> {
  const store = SqliteStore.open(sqlitePath);
  try {
    const dev = scopeFromClaims({ tid: DEV_IDENTITY.tenantId, oid: DEV_IDENTITY.userId }) as Scope;
    await seedWeeks(store, dev, THIS_WEEK, WEEKS);
    const users = Array.from(
      { length: USERS },
      (_, i) => `bench000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    for (const user of users) {
      await seedWeeks(
        store,
        scopeFromClaims({ tid: BENCH_TENANT, oid: user }) as Scope,
        THIS_WEEK,
        WEEKS,
      );
    }
    return users;
  } finally {
    await store.close();
  }
}

interface Results {
  readonly bundle: ReturnType<typeof measureBundle>;
  readonly render: HistoryRenderTimings;
  readonly alone: LoadResult;
  readonly firstPage: LoadResult;
  readonly search: LoadResult;
  readonly chromium: string;
  /** The one-minute load average when the benchmark started. */
  readonly loadAverage: number;
}

function report(results: Results): string {
  const { bundle, render, alone, firstPage, search } = results;
  const cpu = os.cpus();
  const lazy = bundle.lazy.map((chunk) => `\`${path.basename(chunk.file)}\` ${kb(chunk.gzip)}`);
  const load = (result: LoadResult) =>
    `p50 ${ms(result.p50)}, p99 ${ms(result.p99)} (max ${ms(result.max)}), ${Math.round(result.throughput)} requests/s, ${result.errors} errors`;
  return [
    START,
    '## The personal tab',
    '',
    `Measured by \`npm run bench:tab\` on ${new Date().toISOString().slice(0, 10)}: ${cpu.length} × ${cpu[0]?.model.trim() ?? 'CPU'}, Node ${process.version}, headless Chromium ${results.chromium}; load average ${results.loadAverage.toFixed(1)} when it started (other work shared the machine, so expect noise; rerun to compare).`,
    '',
    '| what | result | goal |',
    '| --- | --- | --- |',
    `| JavaScript of the first load, gzip | ${kb(bundle.initialGzip)} | ≤ ${GOALS.initialGzipKb} KB |`,
    `| loaded later (Trends only), gzip | ${lazy.join(', ')} | lazy |`,
    `| History, all ${render.entries} reflections drawn at once, median / worst of ${render.allEntries.length} | ${ms(median(render.allEntries))} / ${ms(worst(render.allEntries))} | ≤ ${GOALS.renderMs} ms |`,
    `| History, first page drawn after the tab is clicked (API included), median / worst | ${ms(median(render.firstPage))} / ${ms(worst(render.firstPage))} | |`,
    `| History, one more page drawn after "Show more" (API included), median / worst | ${ms(median(render.morePages))} / ${ms(worst(render.morePages))} | |`,
    `| API \`GET /reflections?limit=20\`, one user alone (the cost of one request) | ${load(alone)} | |`,
    `| API \`GET /reflections?limit=20\`, ${USERS} users at once, ${WEEKS} weeks each | ${load(firstPage)} | |`,
    `| API \`GET /reflections?q=budget&limit=20\` (search), ${USERS} users at once | ${load(search)} | |`,
    '',
    'How it is measured:',
    '',
    '- *First load*: the entry script and every module `index.html` preloads, gzipped at level 6 (what web servers use). The charts (`@fluentui/react-charts`) are a separate chunk, fetched when Trends opens.',
    `- *History*: the built server in its own process on a SQLite file with ${WEEKS} weeks of reflections for the development identity; Chromium at 1024 × 900. Each timing runs from the user's action to the frame after the entries are in the DOM (style, layout and paint done). "All drawn at once" loads every page with "Show more", opens a week and goes back: the list of ${render.entries} entries is mounted from memory, which is the rendering cost alone.`,
    `- *API*: the same server process, ${USERS} users of one tenant with ${WEEKS} weeks each (${USERS * WEEKS} records in the store), one worker per user sending its next request as soon as the last is answered, over keep-alive connections, each with the user's own RS256 token (verified on every request). ${SECONDS} s measured per scenario after a 2 s warm-up; the load generator runs in the benchmark's process, the server in another. The ${USERS} workers never pause, so they keep the server saturated and the latency is mostly time in the queue (p50 ≈ ${USERS} ÷ throughput); the one-user row shows what a single request costs.`,
    END,
  ].join('\n');
}

/**
 * Writes the section into the report, formatted as Prettier would (the repository's lint
 * checks every Markdown file); only the tab's section changes, other sections stay as they are.
 */
async function writeReport(raw: string): Promise<void> {
  const prettier = await import('prettier');
  const options = (await prettier.resolveConfig(REPORT)) ?? {};
  const section = (await prettier.format(raw, { ...options, parser: 'markdown' })).trimEnd();
  if (!existsSync(REPORT)) {
    writeFileSync(REPORT, `# Performance\n\n${section}\n`);
    return;
  }
  const current = readFileSync(REPORT, 'utf8');
  const start = current.indexOf(START);
  const end = current.indexOf(END);
  const next =
    start >= 0 && end > start
      ? `${current.slice(0, start)}${section}${current.slice(end + END.length)}`
      : `${current.trimEnd()}\n\n${section}\n`;
  writeFileSync(REPORT, next);
}

async function main(): Promise<void> {
  const loadAverage = os.loadavg()[0] ?? 0;
  const bundle = measureBundle(path.join(ROOT, 'dist/tab'));
  console.log(`first load: ${kb(bundle.initialGzip)} gzip`);

  const directory = mkdtempSync(path.join(os.tmpdir(), 'spotter-bench-'));
  const issuer = await startTokenIssuer({ tenantId: BENCH_TENANT });
  const browser = await launchBrowser();
  try {
    const users = await seed(path.join(directory, 'spotter.db'));
    const spotter = await startChildSpotter({
      NODE_ENV: 'development',
      SQLITE_PATH: path.join(directory, 'spotter.db'),
      AAD_APP_CLIENT_ID: 'spotter-bench',
      ...issuer.env,
    });
    try {
      const render = await measureHistoryRender(browser.browser, spotter.baseUrl, WEEKS);
      console.log(
        `history: all ${render.entries} drawn in ${ms(median(render.allEntries))} (median)`,
      );
      const tokens = await Promise.all(users.map((oid) => issuer.sign({ oid })));
      const alone = await runLoad(
        spotter.baseUrl,
        '/api/v1/reflections?limit=20',
        tokens.slice(0, 1),
        Math.max(2, SECONDS / 2) * 1000,
        1000,
      );
      console.log(`api one user: p50 ${ms(alone.p50)}, p99 ${ms(alone.p99)}`);
      const firstPage = await runLoad(
        spotter.baseUrl,
        '/api/v1/reflections?limit=20',
        tokens,
        SECONDS * 1000,
        2000,
      );
      console.log(`api first page: p50 ${ms(firstPage.p50)}, p99 ${ms(firstPage.p99)}`);
      const search = await runLoad(
        spotter.baseUrl,
        '/api/v1/reflections?q=budget&limit=20',
        tokens,
        SECONDS * 1000,
        2000,
      );
      console.log(`api search: p50 ${ms(search.p50)}, p99 ${ms(search.p99)}`);
      const section = report({
        bundle,
        render,
        alone,
        firstPage,
        search,
        chromium: browser.browser.version(),
        loadAverage,
      });
      await writeReport(section);
      console.log(`\n${section}\n\nwritten to ${path.relative(process.cwd(), REPORT)}`);
    } finally {
      await spotter.stop();
    }
  } finally {
    await browser.close();
    await issuer.stop();
    rmSync(directory, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
