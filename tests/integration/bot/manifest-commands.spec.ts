/**
 * Every command the app manifest promises is handled by the bot: the manifest is rendered the
 * way `npm run package` renders it, and each bot command (every `commandLists` entry) and each
 * compose-extension command goes to the real bot, which must answer with that command's own
 * handler, never the "didn't catch that" fallback.
 */
import path from 'node:path';
import { readFileSync } from 'node:fs';
import { HELP_REQUEST_VERB } from '../../../bot/cards/help-request-verbs';
import { REFLECTION_VERBS } from '../../../bot/cards/reflection-card';
import { REPS_VERBS } from '../../../bot/cards/reps-card';
import { SETTINGS_VERBS } from '../../../bot/cards/settings-card';
import { translate } from '../../../bot/i18n';
import { buildManifest, packageValues } from '../../../src/dev/app-package';
import { DirectBotClient, textsOf, type DirectAnswer } from '../../support/direct-bot-client';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';

// Servers start slowly on a busy machine; the waits are generous, never a speed check.
jest.setTimeout(60_000);

const ROOT = path.resolve(__dirname, '../../..');

interface Manifest {
  readonly bots: Array<{
    readonly commandLists: Array<{ readonly commands: Array<{ readonly title: string }> }>;
  }>;
  readonly composeExtensions: Array<{
    readonly commands: Array<{
      readonly id: string;
      readonly type: string;
      readonly fetchTask?: boolean;
    }>;
  }>;
}

/** The manifest of the development package, exactly as `npm run package` fills the template. */
function renderedManifest(): Manifest {
  const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as {
    version: string;
  };
  const values = packageValues('development', {}, version);
  if ('problems' in values) throw new Error(values.problems.join('; '));
  return buildManifest(path.join(ROOT, 'appPackage'), values.values) as Manifest;
}

const manifest = renderedManifest();
const botCommands = [
  ...new Set(
    manifest.bots.flatMap((bot) =>
      bot.commandLists.flatMap((list) => list.commands.map((command) => command.title)),
    ),
  ),
];
const extensionCommands = manifest.composeExtensions.flatMap((extension) => extension.commands);

/** What only each command's own handler answers. */
const OWN_ANSWER: Readonly<Record<string, (answer: DirectAnswer) => boolean>> = {
  reflect: (answer) => cardWith(answer, REFLECTION_VERBS.save),
  log: (answer) => cardWith(answer, REPS_VERBS.log),
  ask: (answer) => cardWith(answer, HELP_REQUEST_VERB.create),
  settings: (answer) => cardWith(answer, SETTINGS_VERBS.save),
  export: (answer) => textsOf(answer).startsWith(translate('en', 'data.export.intro')),
  help: (answer) => textsOf(answer).startsWith(translate('en', 'help.intro')),
};

/** True when a reply carries a card with an action of `verb`. */
function cardWith(answer: DirectAnswer, verb: string): boolean {
  return answer.replies.some((reply) =>
    (reply.attachments ?? []).some((attachment) =>
      JSON.stringify(attachment.content).includes(`"verb":"${verb}"`),
    ),
  );
}

let spotter: TestSpotter;
let alex: DirectBotClient;

beforeAll(async () => {
  spotter = await startSpotter();
  alex = new DirectBotClient(spotter.baseUrl, {
    tenantId: 'd8000000-0000-4000-8000-00000000000a',
    userId: 'd8000000-0000-4000-8000-000000000001',
    name: 'Alex Rivera',
  });
});

afterAll(async () => {
  await spotter?.stop();
});

it('lists bot commands and a compose-extension command, each with a known answer', () => {
  expect(botCommands.length).toBeGreaterThan(0);
  expect(extensionCommands.length).toBeGreaterThan(0);
  expect(botCommands.filter((title) => OWN_ANSWER[title] === undefined)).toEqual([]);
});

it.each(botCommands)('`%s` gets its own handler’s answer, not the fallback', async (title) => {
  const answer = await alex.say(title);
  expect(answer.status).toBe(200);
  expect(textsOf(answer)).not.toContain(translate('en', 'fallback.unknown'));
  expect(OWN_ANSWER[title]?.(answer)).toBe(true);
});

it.each(extensionCommands.map((command) => [command.id, command] as const))(
  'compose-extension command `%s` opens its dialog',
  async (_id, command) => {
    expect(command).toMatchObject({ type: 'action', fetchTask: true });
    const answer = await alex.send(
      alex.activity({
        type: 'invoke',
        name: 'composeExtension/fetchTask',
        value: { commandId: command.id, commandContext: 'compose' },
      }),
    );
    const task = (answer.invoke as unknown as { task?: { type?: string; value?: unknown } }).task;
    expect(task?.type).toBe('continue');
    expect(JSON.stringify(task?.value)).toContain(`"verb":"${HELP_REQUEST_VERB.create}"`);
  },
);
