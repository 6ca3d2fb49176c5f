/**
 * How fast the History page draws in headless Chromium, against a server holding five years
 * (260 weeks) of reflections.
 *
 * @remarks
 * Three timings, each from the user's action to the next frame after the list is in the DOM:
 * - *first page*: clicking the History tab until its first 20 entries are there (API included);
 * - *one more page*: each "Show more" until 20 more are there (API included);
 * - *all 260*: with every page loaded, going back from a week's detail to the list, which
 *   mounts all 260 entries at once from memory: the pure rendering cost of five years.
 */
import type { Browser } from 'playwright-core';

/** Timings in milliseconds. */
export interface HistoryRenderTimings {
  /** Clicking History until the first page is drawn. */
  readonly firstPage: readonly number[];
  /** Each "Show more" until its page is drawn. */
  readonly morePages: readonly number[];
  /** Back from a detail until all entries are drawn. */
  readonly allEntries: readonly number[];
  /** Entries in the list at the end. */
  readonly entries: number;
}

/** Runs in the page: does `act`, then resolves with the time until `count` items are drawn. */
const TIME_UNTIL_ITEMS = `async ({ count, act }) => {
  const items = () => document.querySelectorAll('[data-testid="history-item"]').length;
  const start = performance.now();
  const drawn = new Promise((resolve) => {
    const check = () => {
      if (items() < count) return false;
      // The frame after the DOM has the entries: style, layout and paint are done by then.
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - start), 0));
      return true;
    };
    const observer = new MutationObserver(() => check() && observer.disconnect());
    observer.observe(document.body, { childList: true, subtree: true });
  });
  if (act === 'history-tab') document.querySelector('#nav-tab-history').click();
  if (act === 'show-more') {
    [...document.querySelectorAll('button')].find((b) => b.textContent === 'Show more').click();
  }
  if (act === 'back') history.back();
  return drawn;
}`;

/** Measures the History page of the development identity on `baseUrl`. */
export async function measureHistoryRender(
  browser: Browser,
  baseUrl: string,
  expected: number,
  rounds = 10,
): Promise<HistoryRenderTimings> {
  const context = await browser.newContext({
    viewport: { width: 1024, height: 900 },
    locale: 'en-US',
    timezoneId: 'UTC',
  });
  const page = await context.newPage();
  const timeUntil = (count: number, act: string): Promise<number> =>
    page.evaluate(`(${TIME_UNTIL_ITEMS})(${JSON.stringify({ count, act })})`) as Promise<number>;

  const firstPage: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    await page.goto(`${baseUrl}/#/week`);
    await page.getByTestId('rep-counts').waitFor();
    firstPage.push(await timeUntil(20, 'history-tab'));
  }

  const morePages: number[] = [];
  for (let shown = 20; shown < expected; shown += 20) {
    morePages.push(await timeUntil(Math.min(shown + 20, expected), 'show-more'));
  }

  const allEntries: number[] = [];
  for (let round = 0; round < rounds; round += 1) {
    await page.locator('[data-testid="history-item"] a').first().click();
    // The week has loaded once its heading names it; only then is the page quiet.
    await page.getByRole('heading', { level: 2, name: /^Week \d+/ }).waitFor();
    allEntries.push(await timeUntil(expected, 'back'));
  }
  const entries = await page.getByTestId('history-item').count();
  await context.close();
  return { firstPage, morePages, allEntries, entries };
}
