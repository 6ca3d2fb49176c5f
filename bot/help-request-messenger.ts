/**
 * Keeps help-request cards and both sides in step: delivers a new request to the helper, updates
 * every posted copy of a card after a change, tells the other side in a short message, and
 * replaces cards whose request was forgotten.
 *
 * @remarks
 * It listens to the help-request service, so a change made from the tab reaches Teams the same
 * way as one made on a card. Everything goes out proactively through the conversation references
 * the service keeps; a copy that cannot be reached is logged (without content) and skipped, and
 * Teams' card refresh shows the current state the next time someone looks.
 */
import {
  CardFactory,
  TurnContext,
  type Activity,
  type CloudAdapterBase,
  type ConversationReference,
} from 'botbuilder';
import { colleagueScope, type Scope } from '../src/auth/scope';
import type { HelpRequest, Role } from '../src/domain/help-request';
import type { Logger } from '../src/logging/logger';
import type {
  CardMessage,
  DeliverCard,
  HelpRequestEvent,
  HelpRequestRecord,
  HelpRequestService,
} from '../src/services/help-request-service';
import { escapeCardText } from './cards/card-text';
import { helpRequestCard, removedRequestCard, requestWords } from './cards/help-request-card';
import type { HelpCard } from './cards/help-request-elements';
import { thanksCard } from './cards/thanks-card';
import { translate, type MessageKey } from './i18n';

/** Most characters of "what" quoted in a short message. */
const WHAT_PREVIEW = 80;

/** A message activity carrying one card. */
export function cardActivity(card: HelpCard, id?: string): Partial<Activity> {
  return {
    type: 'message',
    ...(id ? { id } : {}),
    attachments: [CardFactory.adaptiveCard(card)],
  };
}

/** The reference of a turn's conversation as plain JSON, not tied to the message it came with. */
export function referenceOf(context: TurnContext): Record<string, unknown> {
  return withoutActivity(
    JSON.parse(JSON.stringify(TurnContext.getConversationReference(context.activity))) as Record<
      string,
      unknown
    >,
  );
}

/** The Teams user ids that refresh a request's card to their own view. */
export function refreshUserIdsOf(teamsUserIds: HelpRequestRecord['teamsUserIds']): string[] {
  const { asker, helper } = teamsUserIds;
  return [asker, helper].filter((id): id is string => typeof id === 'string' && id.length > 0);
}

/** Delivery and mirroring of help requests in Teams. */
export class HelpRequestMessenger {
  constructor(
    private readonly adapter: Pick<CloudAdapterBase, 'continueConversationAsync'>,
    private readonly botAppId: string,
    private readonly service: HelpRequestService,
    private readonly logger: Logger,
  ) {}

  /** A delivery of a new request's card to the helper's 1:1 chat (`reference`), in `locale`. */
  deliverTo(reference: Readonly<Record<string, unknown>>, locale: string): DeliverCard {
    return async (record) => {
      const conversation = withoutActivity(reference);
      const card = helpRequestCard(locale, {
        request: record.request,
        viewer: 'helper',
        refreshUserIds: refreshUserIdsOf(record.teamsUserIds),
      });
      let activityId: string | undefined;
      await this.continueIn(conversation, async (context) => {
        activityId = (await context.sendActivity(cardActivity(card)))?.id;
      });
      if (!activityId) throw new Error('the channel returned no message id');
      return { view: 'helper', conversation, activityId, locale };
    };
  }

  /** Mirrors a service event in Teams; never throws. */
  readonly handle = async (event: HelpRequestEvent): Promise<void> => {
    if (event.type === 'forgotten') {
      await Promise.all(event.cards.map((card) => this.replace(card, removedRequestCard)));
      return;
    }
    const { asker, record, action } = event;
    const request = record.request;
    const helperScope = colleagueScope(asker, request.helper.userId);
    const muted =
      event.helperMuted ??
      (helperScope ? await this.service.isMuted(helperScope, asker.userId) : false);
    await Promise.all(
      record.cards.map((card) =>
        this.replace(card, (locale) =>
          helpRequestCard(locale, {
            request,
            viewer: viewerOf(card.view),
            refreshUserIds: refreshUserIdsOf(record.teamsUserIds),
            muted: card.view === 'helper' && muted,
          }),
        ),
      ),
    );
    // The helper's answers go to the asker; the asker's steps (and thanks) to the helper.
    const toAsker =
      action.type === 'accept' || action.type === 'decline' || action.type === 'redirect';
    const recipient =
      (toAsker ? event.askerProfile : undefined) ??
      (await this.service.colleagueProfile(
        asker,
        toAsker ? request.asker.userId : request.helper.userId,
      ));
    if (!recipient) return;
    const locale = recipient.locale;
    const message =
      action.type === 'thank'
        ? cardActivity(thanksCard(locale, request))
        : { type: 'message', text: tellText(locale, request) };
    await this.sendTo(recipient.conversationReference, message, asker);
  };

  private async replace(card: CardMessage, build: (locale: string) => HelpCard): Promise<void> {
    try {
      await this.continueIn(card.conversation, async (context) => {
        await context.updateActivity(cardActivity(build(card.locale), card.activityId));
      });
    } catch (error) {
      this.logger.warn({ err: errorName(error), view: card.view }, 'help request card not updated');
    }
  }

  /** Sends a message into a conversation (a person's 1:1 chat); failures are logged. */
  async sendTo(
    reference: Readonly<Record<string, unknown>>,
    activity: Partial<Activity>,
    scope: Scope,
  ): Promise<void> {
    try {
      await this.continueIn(withoutActivity(reference), async (context) => {
        await context.sendActivity(activity);
      });
    } catch (error) {
      this.logger.warn(
        { tenantId: scope.tenantId, err: errorName(error) },
        'help request message not sent',
      );
    }
  }

  private continueIn(
    reference: Readonly<Record<string, unknown>>,
    logic: (context: TurnContext) => Promise<void>,
  ): Promise<void> {
    return this.adapter.continueConversationAsync(
      this.botAppId,
      reference as Partial<ConversationReference> as ConversationReference,
      logic,
    );
  }
}

/** The short message that tells the other side where a request now stands. */
export function tellText(locale: string, request: HelpRequest): string {
  const words = requestWords(locale, request);
  const what = Array.from(request.what);
  const preview = escapeCardText(
    what.length > WHAT_PREVIEW ? `${what.slice(0, WHAT_PREVIEW).join('')}…` : request.what,
  );
  const keys: Record<HelpRequest['status'], MessageKey> = {
    sent: 'ask.status.sent',
    accepted: 'ask.tell.accepted',
    declined: request.declineReason ? 'ask.tell.declinedReason' : 'ask.tell.declined',
    redirected: 'ask.tell.redirected',
    cancelled: 'ask.tell.cancelled',
    done: 'ask.tell.done',
  };
  return translate(locale, keys[request.status], { ...words, what: preview });
}

function viewerOf(view: CardMessage['view']): Role {
  return view === 'chat' ? 'other' : view;
}

function withoutActivity(reference: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const rest = { ...reference };
  delete rest['activityId'];
  return rest;
}

function errorName(error: unknown): string {
  return error instanceof Error ? error.name : 'unknown';
}
