/**
 * How a help request asked outside a chat (the tab API, the Outlook pane) reaches its helper.
 *
 * @remarks
 * Only the bot can post a card in Teams, so the API gets this port and the bot provides it
 * (`bot/help-request-delivery.ts`): the same delivery as `ask` in chat, through the helper's
 * 1:1 chat with Spotter, or Spotter's self-install through Graph when that is configured.
 */
import type { Scope } from '../auth/scope';
import type { DeliverCard } from './help-request-service';

/** A colleague Spotter can bring a card to. */
export interface ReachableColleague {
  /** Their name as Spotter knows it (empty when it does not). */
  readonly name: string;
  /** Their Teams user id (`29:…`), when known. */
  readonly teamsUserId?: string | undefined;
  /** The asker's Teams user id, when known (for the card's refresh). */
  readonly askerTeamsUserId?: string | undefined;
  /** Posts the new request's card to them. */
  readonly deliver: DeliverCard;
}

/** Finds the way to a colleague of the same tenant. */
export interface HelpRequestDelivery {
  /** The way to `colleagueUserId` in the asker's tenant, or undefined when there is none. */
  reach(asker: Scope, colleagueUserId: string): Promise<ReachableColleague | undefined>;
}
