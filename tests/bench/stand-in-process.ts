/**
 * The connector stand-in in its own process, for benchmarks of the bot's turns: bots reply to it
 * as they would to Teams, and it tells how many replies each bot sent and what they said.
 *
 * @remarks
 * Teams' rate limits are lifted here: the benchmark measures what a turn costs, not how Teams
 * paces a bot. Conversation ids are `<bot>:<n>`; replies are counted per `<bot>`. Its own
 * process keeps its work off the load generator's event loop and the bots'.
 */
import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { ConnectorStandIn } from '../support/connector-stand-in';

/** Texts kept per bot: enough to see whether every reply said the same. */
const DISTINCT_TEXTS = 5;

/** Replies one bot sent. */
export interface BotReplies {
  /** Activities accepted. */
  readonly count: number;
  /** Distinct texts among them (the first few). */
  readonly texts: readonly string[];
}

/** Messages between the benchmark and the child. */
type StandInMessage =
  | { readonly kind: 'ready'; readonly serviceUrl: string }
  | { readonly kind: 'replies'; readonly byBot: Record<string, BotReplies> };

/** The running stand-in process. */
export interface StandInProcess {
  /** `serviceUrl` for activities (with Teams' trailing slash). */
  readonly serviceUrl: string;
  /** Replies so far, by bot. */
  replies(): Promise<Record<string, BotReplies>>;
  /** Stops the process. */
  stop(): Promise<void>;
}

/** Starts the stand-in process and waits until it listens. */
export async function startStandInProcess(): Promise<StandInProcess> {
  const child: ChildProcess = fork(
    path.resolve(__dirname, '../support/run-ts.js'),
    [__filename, '--stand-in'],
    { stdio: ['ignore', 'inherit', 'inherit', 'ipc'] },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const next = <K extends StandInMessage['kind']>(kind: K) =>
    new Promise<Extract<StandInMessage, { kind: K }>>((resolve, reject) => {
      const onMessage = (message: StandInMessage) => {
        if (message.kind !== kind) return;
        child.off('message', onMessage);
        resolve(message as Extract<StandInMessage, { kind: K }>);
      };
      child.on('message', onMessage);
      void exited.then(() => reject(new Error('the stand-in process exited')));
    });
  const { serviceUrl } = await next('ready');
  return {
    serviceUrl,
    async replies() {
      const answer = next('replies');
      child.send({ kind: 'replies' });
      return (await answer).byBot;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}

async function serve(): Promise<void> {
  const unlimited = { limit: Number.POSITIVE_INFINITY, windowMs: 1_000 };
  const standIn = await ConnectorStandIn.start({
    tenantLimit: unlimited,
    conversationLimits: [unlimited],
    tenantOf: () => 'bench',
  });
  process.on('message', (message: { kind: string }) => {
    if (message.kind !== 'replies') return;
    const byBot: Record<string, { count: number; texts: string[] }> = {};
    for (const entry of standIn.delivered) {
      const bot = entry.conversationId.split(':')[0] ?? '';
      const tally = (byBot[bot] ??= { count: 0, texts: [] });
      tally.count += 1;
      const text = String(entry.activity['text'] ?? '');
      if (tally.texts.length < DISTINCT_TEXTS && !tally.texts.includes(text))
        tally.texts.push(text);
    }
    const answer: StandInMessage = { kind: 'replies', byBot };
    process.send?.(answer);
  });
  process.once('SIGTERM', () => void standIn.stop().then(() => process.exit(0)));
  const ready: StandInMessage = { kind: 'ready', serviceUrl: standIn.serviceUrl };
  process.send?.(ready);
}

if (process.argv.includes('--stand-in')) void serve();
