/**
 * teams-ai's `TeamsAdapter` (a botbuilder `CloudAdapter`) with its activity processing exposed.
 *
 * @remarks
 * `CloudAdapter.process` parses HTTP itself, logs failures with `console.error` and answers some
 * forged tokens with 500. Spotter's HTTP layer parses and validates the request, then calls
 * {@link SpotterAdapter.processAuthenticated}, so every failure is mapped and logged in one place.
 * The clients a turn talks to Teams with are shared between turns (`shared-bot-clients.ts`).
 */
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';
import type { BotFrameworkAuthentication } from 'botframework-connector';
import { SharedClientsAuthentication } from './shared-bot-clients';

/** The bot adapter Spotter runs on. */
export class SpotterAdapter extends TeamsAdapter {
  constructor(...options: ConstructorParameters<typeof TeamsAdapter>) {
    super(...options);
    // TeamsAdapter builds its authentication itself, so it can only be wrapped once built.
    const self = this as unknown as { botFrameworkAuthentication: BotFrameworkAuthentication };
    self.botFrameworkAuthentication = new SharedClientsAuthentication(
      this.botFrameworkAuthentication,
    );
  }

  /** Authenticates the activity against the Authorization header, then runs `logic`. */
  processAuthenticated(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}
