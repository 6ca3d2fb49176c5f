/**
 * The Agents Playground's own chat UI in Chromium: a person types `help` and sees the answer.
 */
import { startPlayground, type RunningPlayground } from '../../src/dev/playground';
import { launchBrowser, type TestBrowser } from '../support/browser';
import { freePort } from '../support/free-port';
import { startSpotter, type TestSpotter } from '../support/spotter-server';

jest.setTimeout(120_000);

let spotter: TestSpotter;
let playground: RunningPlayground;
let browser: TestBrowser;

beforeAll(async () => {
  spotter = await startSpotter();
  const port = await freePort();
  playground = await startPlayground({ port, botEndpoint: `${spotter.baseUrl}/api/messages` });
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  await playground?.stop();
  await spotter?.stop();
});

it('shows the welcome, and the reply to a typed message', async () => {
  const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
  await page.goto(playground.url.replace('127.0.0.1', 'localhost'));

  await page.getByText("Hi Alex, I'm Spotter.").first().waitFor({ timeout: 30_000 });

  const compose = page.locator('[contenteditable="true"][role="textbox"]').last();
  await compose.click();
  await compose.fill('help');
  await page.getByRole('button', { name: 'Send Message' }).click();

  await page.getByText("Here's what you can say to me:").first().waitFor({ timeout: 30_000 });
});
