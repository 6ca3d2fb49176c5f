/**
 * `help`: the list of things a person can say to Spotter.
 */
import type { Application } from '@microsoft/teams-ai';
import type { Feature } from '../../src/domain/org-defaults';
import type { BotDependencies } from '../bot-context';
import { translate, type MessageKey } from '../i18n';
import { policyOf } from '../org-policy';
import type { SpotterTurnState } from '../state/spotter-turn-state';
import { scopeOfTurn } from '../turn-scope';

/** One line per command the bot understands today, with the switch that can turn it off. */
const COMMANDS: ReadonlyArray<{ readonly key: MessageKey; readonly feature?: Feature }> = [
  { key: 'help.command.help' },
  { key: 'reflect.command' },
  { key: 'reps.command', feature: 'reps' },
  { key: 'settings.command' },
  { key: 'data.command.export' },
  { key: 'data.command.delete' },
  { key: 'ask.command', feature: 'helpRequests' },
];

/**
 * The help text in the given locale; commands of features the person's organization switched
 * off are left out (all are listed when `features` is not given).
 */
export function helpText(
  locale: string | undefined,
  features?: Readonly<Record<Feature, boolean>>,
): string {
  const lines = COMMANDS.filter(({ feature }) => !feature || (features?.[feature] ?? true));
  return [
    translate(locale, 'help.intro'),
    lines.map(({ key }) => `- ${translate(locale, key)}`).join('\n'),
    translate(locale, 'help.soon'),
  ].join('\n\n');
}

/** Answers `help` (any case, surrounding spaces allowed). */
export function registerHelp(app: Application<SpotterTurnState>, deps: BotDependencies): void {
  app.message(/^\s*help\s*$/i, async (context) => {
    const scope = scopeOfTurn(context);
    const features = scope ? (await policyOf(deps, scope)).features : undefined;
    await context.sendActivity(helpText(context.activity.locale, features));
  });
}
