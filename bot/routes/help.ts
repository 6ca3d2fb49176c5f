/**
 * `help`: the list of things a person can say to Spotter.
 */
import type { Application } from '@microsoft/teams-ai';
import { translate, type MessageKey } from '../i18n';
import type { SpotterTurnState } from '../state/spotter-turn-state';

/** One line per command the bot understands today; each feature adds its own. */
const COMMAND_KEYS: MessageKey[] = [
  'help.command.help',
  'reflect.command',
  'reps.command',
  'settings.command',
  'data.command.export',
  'data.command.delete',
  'ask.command',
];

/** The help text in the given locale. */
export function helpText(locale: string | undefined): string {
  return [
    translate(locale, 'help.intro'),
    COMMAND_KEYS.map((key) => `- ${translate(locale, key)}`).join('\n'),
    translate(locale, 'help.soon'),
  ].join('\n\n');
}

/** Answers `help` (any case, surrounding spaces allowed). */
export function registerHelp(app: Application<SpotterTurnState>): void {
  app.message(/^\s*help\s*$/i, async (context) => {
    await context.sendActivity(helpText(context.activity.locale));
  });
}
