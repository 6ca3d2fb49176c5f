/**
 * Routes a help-request card verb to one handler, however it arrives: an `Action.Execute` invoke
 * (Universal Actions), an `Action.Submit` message from an older client, or a
 * `composeExtension/onCardButtonClicked` invoke from a card a person inserted with the compose
 * box.
 *
 * @remarks
 * Unlike `universal-action.ts`, the invoke response is written here rather than by teams-ai:
 * help-request cards carry `refresh`, and teams-ai answers a card with `refresh` by replacing the
 * pressed message for everyone with the presser's own view (their buttons on everyone's screen).
 * Here the presser gets their view in the invoke response, and the shared copies are updated by
 * the messenger with the right view each. An `Action.Submit` answer replaces the pressed card in
 * place. A handler that fails answers a friendly message, never an error status.
 */
import type { Application } from '@microsoft/teams-ai';
import { ActivityTypes, type TurnContext } from 'botbuilder';
import type { Scope } from '../../src/auth/scope';
import { isValidLocale } from '../../src/domain/profile';
import type { Logger } from '../../src/logging/logger';
import type { HelpCard } from '../cards/help-request-elements';
import { cardActivity } from '../help-request-messenger';
import { translate } from '../i18n';
import type { ReadAheadPlan, ReadAheadPlans } from '../state/read-ahead-plans';
import type { SpotterTurnState } from '../state/spotter-turn-state';
import { scopeOfTurn } from '../turn-scope';

/** A handler's answer: a card (replaces the pressed one for the presser) or a short message. */
export type HelpReply =
  | {
      /** The card. */
      readonly card: HelpCard;
    }
  | {
      /** The message. */
      readonly text: string;
    };

/** One verb's turn. */
export interface HelpVerbTurn {
  /** The turn. */
  readonly context: TurnContext;
  /** The presser, from the authenticated activity. */
  readonly scope: Scope;
  /** The action's data and input values, as sent (unvalidated). */
  readonly data: Readonly<Record<string, unknown>>;
  /** The presser's locale. */
  readonly locale: string;
}

/** Handles one verb. */
export type HelpVerbHandler = (turn: HelpVerbTurn) => Promise<HelpReply>;

/** Runs before a verb's handler: a reply stops the verb (a switched-off feature). */
export type HelpVerbGate = (turn: HelpVerbTurn, verb: string) => Promise<HelpReply | undefined>;

/** The verbs registered so far, by name. */
export class HelpVerbRouter {
  private readonly handlers = new Map<string, HelpVerbHandler>();

  constructor(
    private readonly app: Application<SpotterTurnState>,
    private readonly logger: Logger,
    private readonly gate?: HelpVerbGate,
    private readonly readAhead?: ReadAheadPlans,
  ) {}

  /**
   * Routes `verb` from `Action.Execute` and `Action.Submit` to `handler`; `plan` names what the
   * handler reads first from the presser's partition, read when the turn starts. A handler here
   * never sees the turn state, so the turn does without it.
   */
  add(verb: string, handler: HelpVerbHandler, plan: ReadAheadPlan = () => []): void {
    this.handlers.set(verb, handler);
    this.readAhead?.add(verb, plan, { turnState: false });
    this.app.adaptiveCards.actionExecute<unknown>(verb, async (context, _state, data) => {
      const reply = await this.run(context, verb, handler, data);
      await sendInvokeReply(context, reply);
      return 'card' in reply ? reply.card : reply.text;
    });
    this.app.adaptiveCards.actionSubmit<unknown>(verb, async (context, _state, data) => {
      await this.answerSubmit(context, await this.run(context, verb, handler, data));
    });
  }

  /**
   * Runs the handler of the verb named in `data.verb` (a compose-box card's `Action.Submit`);
   * unknown verbs get the "not found" message.
   */
  async dispatch(context: TurnContext, data: unknown): Promise<void> {
    const verb = recordOf(data)['verb'];
    const handler = typeof verb === 'string' ? this.handlers.get(verb) : undefined;
    const reply: HelpReply =
      typeof verb === 'string' && handler
        ? await this.run(context, verb, handler, data)
        : { text: translate(localeOf(context), 'ask.notice.notFound') };
    await this.answerSubmit(context, reply);
  }

  private async run(
    context: TurnContext,
    verb: string,
    handler: HelpVerbHandler,
    data: unknown,
  ): Promise<HelpReply> {
    const locale = localeOf(context);
    const scope = scopeOfTurn(context);
    if (!scope) return { text: translate(locale, 'ask.notice.notFound') };
    try {
      const turn: HelpVerbTurn = { context, scope, data: recordOf(data), locale };
      return (await this.gate?.(turn, verb)) ?? (await handler(turn));
    } catch (error) {
      this.logger.error(
        { err: error instanceof Error ? error.name : 'unknown', ...logFields(context) },
        'help request action failed',
      );
      return { text: translate(locale, 'error.generic') };
    }
  }

  private async answerSubmit(context: TurnContext, reply: HelpReply): Promise<void> {
    const replyTo = context.activity.replyToId;
    try {
      if ('card' in reply && replyTo) {
        await context.updateActivity(cardActivity(reply.card, replyTo));
        return;
      }
    } catch (error) {
      this.logger.warn(
        { err: error instanceof Error ? error.name : 'unknown', ...logFields(context) },
        'help request card not updated in place',
      );
    }
    await context.sendActivity('card' in reply ? cardActivity(reply.card) : reply.text);
  }
}

/** Answers an `adaptiveCard/action` invoke with a card or a message. */
export async function sendInvokeReply(context: TurnContext, reply: HelpReply): Promise<void> {
  await context.sendActivity({
    type: ActivityTypes.InvokeResponse,
    value: {
      status: 200,
      body:
        'card' in reply
          ? { statusCode: 200, type: 'application/vnd.microsoft.card.adaptive', value: reply.card }
          : {
              statusCode: 200,
              type: 'application/vnd.microsoft.activity.message',
              value: reply.text,
            },
    },
  });
}

/** The presser's locale, when it is a well-formed one. */
export function localeOf(context: TurnContext): string {
  const locale = context.activity.locale;
  return isValidLocale(locale) ? locale : 'en-US';
}

/** Log fields of a turn: tenant and correlation id, never content. */
function logFields(context: TurnContext): Record<string, unknown> {
  return { tenantId: scopeOfTurn(context)?.tenantId, correlationId: context.activity.id };
}

function recordOf(data: unknown): Readonly<Record<string, unknown>> {
  return data !== null && typeof data === 'object' && !Array.isArray(data)
    ? (data as Record<string, unknown>)
    : {};
}
