/**
 * Anything Spotter does not understand gets a friendly pointer to `help`.
 */
import type { Application } from '@microsoft/teams-ai';
import { translate } from '../i18n';
import type { SpotterTurnState } from '../state/spotter-turn-state';

/** Registers the catch-all message route; register it after every other message route. */
export function registerFallback(app: Application<SpotterTurnState>): void {
  app.activity('message', async (context) => {
    await context.sendActivity(translate(context.activity.locale, 'fallback.unknown'));
  });
}
