/**
 * Anything Spotter does not understand gets a friendly pointer to `help`: a message, and a press
 * of a card button whose verb no route knows (a card from an older version, or a forged one).
 */
import type { Application } from '@microsoft/teams-ai';
import { translate } from '../i18n';
import { localeOf, sendInvokeReply } from './help-request-router';
import type { SpotterTurnState } from '../state/spotter-turn-state';

/** Registers the catch-all routes; register them after every other route. */
export function registerFallback(app: Application<SpotterTurnState>): void {
  app.activity('message', async (context) => {
    await context.sendActivity(translate(context.activity.locale, 'fallback.unknown'));
  });
  // Without an answer Teams shows its own bare failure on the card. A route of its own rather
  // than `actionExecute`, which throws on a press that is not a well-formed `Action.Execute`.
  app.addRoute(
    (context) =>
      Promise.resolve(
        context.activity.type === 'invoke' && context.activity.name === 'adaptiveCard/action',
      ),
    (context) =>
      sendInvokeReply(context, {
        text: translate(localeOf(context), 'fallback.unknownCardAction'),
      }),
    true,
  );
}
