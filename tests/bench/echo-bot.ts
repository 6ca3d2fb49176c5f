/**
 * The yardstick of the bot-turn benchmark: the smallest bot botbuilder makes possible, a bare
 * `CloudAdapter` behind Express, in its own process. It echoes a message's text back through the
 * connector and answers an `Action.Execute` with a small card, so its turns cost only what
 * botbuilder, Express and Node cost.
 *
 * @remarks
 * Authentication is off, as in Spotter's development mode, which the benchmark runs Spotter in.
 */
import path from 'node:path';
import {
  ActivityTypes,
  CloudAdapter,
  ConfigurationBotFrameworkAuthentication,
  type TurnContext,
} from 'botbuilder';
import express from 'express';
import { startHttpChild, type HttpChild } from './http-child';

/** The running echo bot. */
export type EchoBot = Omit<HttpChild, 'pid'>;

/**
 * Starts the echo bot as a child process with the same Node flags as the benchmark gives Spotter
 * (none), compiled on load by `run-ts.js`; resolves once it answers.
 */
export function startEchoBot(): Promise<EchoBot> {
  return startHttpChild([path.resolve(__dirname, '../support/run-ts.js'), __filename, '--serve']);
}

async function turn(context: TurnContext): Promise<void> {
  const activity = context.activity;
  if (activity.type === ActivityTypes.Message) {
    await context.sendActivity(activity.text ?? '');
  } else if (activity.type === ActivityTypes.Invoke && activity.name === 'adaptiveCard/action') {
    const card = {
      type: 'AdaptiveCard',
      version: '1.5',
      body: [{ type: 'TextBlock', text: 'Echo', wrap: true }],
    };
    await context.sendActivity({
      type: ActivityTypes.InvokeResponse,
      value: {
        status: 200,
        body: { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: card },
      },
    });
  }
}

function serve(): void {
  const adapter = new CloudAdapter(new ConfigurationBotFrameworkAuthentication({}));
  const app = express();
  app.get('/readyz', (_req, res) => {
    res.json({ status: 'ready' });
  });
  app.post('/api/messages', express.json({ limit: 256 * 1024 }), async (req, res) => {
    await adapter.process(req, res, turn);
  });
  const server = app.listen(Number(process.env['PORT']), '127.0.0.1');
  process.once('SIGTERM', () => server.close(() => process.exit(0)));
}

if (process.argv.includes('--serve')) serve();
