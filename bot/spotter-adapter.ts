/**
 * teams-ai's `TeamsAdapter` (a botbuilder `CloudAdapter`) with its activity processing exposed.
 *
 * @remarks
 * `CloudAdapter.process` parses HTTP itself, logs failures with `console.error` and answers some
 * forged tokens with 500. Spotter's HTTP layer parses and validates the request, then calls
 * {@link SpotterAdapter.processAuthenticated}, so every failure is mapped and logged in one place.
 */
import { TeamsAdapter } from '@microsoft/teams-ai';
import type { Activity, InvokeResponse, TurnContext } from 'botbuilder';

/** The bot adapter Spotter runs on. */
export class SpotterAdapter extends TeamsAdapter {
  /** Authenticates the activity against the Authorization header, then runs `logic`. */
  processAuthenticated(
    authorization: string,
    activity: Activity,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<InvokeResponse | undefined> {
    return this.processActivity(authorization, activity, logic);
  }
}
