/**
 * The few Adaptive Card 1.5 parts help-request cards need beyond `card-elements.ts`: a date
 * input, buttons that open a sub-card (`Action.ShowCard`), a plain `Action.Submit` for dialogs,
 * and `refresh` for user-specific views.
 *
 * @remarks
 * Built on the shared types, so every element and action of the shared subset fits here too.
 */
import {
  adaptiveCard,
  type AdaptiveCard,
  type ActionData,
  type CardAction,
  type CardElement,
  type SubmitAction,
} from './card-elements';

/** A date field (`YYYY-MM-DD`). */
export interface DateInput {
  readonly type: 'Input.Date';
  /** Key of the value in the submitted data. */
  readonly id: string;
  /** Visible label. */
  readonly label?: string;
  /** Prefilled value. */
  readonly value?: string;
  /** Earliest date offered. */
  readonly min?: string;
  /** Latest date offered. */
  readonly max?: string;
}

/** Any body element of a help-request card. */
export type HelpCardElement = CardElement | DateInput;

/** A button that opens a small card below the buttons (a reason, a note, a suggestion). */
export interface ShowCardAction {
  readonly type: 'Action.ShowCard';
  /** Button text. */
  readonly title: string;
  /** The card it opens. */
  readonly card: {
    readonly type: 'AdaptiveCard';
    /** Its inputs. */
    readonly body: readonly HelpCardElement[];
    /** Its buttons. */
    readonly actions: readonly CardAction[];
  };
}

/** Any action of a help-request card. */
export type HelpCardAction = CardAction | ShowCardAction | SubmitAction;

/**
 * The card's refresh: Teams invokes `action` for each listed user when they see the card, and
 * shows them the card the bot answers (their own view).
 */
export interface CardRefresh {
  /** The refresh invoke. */
  readonly action: {
    readonly type: 'Action.Execute';
    /** Verb of the refresh. */
    readonly verb: string;
    /** Data sent with it. */
    readonly data: ActionData;
  };
  /** Teams user ids (`29:…`, at most 60) that refresh automatically. */
  readonly userIds: readonly string[];
}

/** A help-request card. */
export interface HelpCard extends Omit<AdaptiveCard, 'body' | 'actions'> {
  /** The card's content. */
  readonly body: readonly HelpCardElement[];
  /** Buttons under the content. */
  readonly actions?: readonly HelpCardAction[];
  /** User-specific views. */
  readonly refresh?: CardRefresh;
}

/** A card of the shared version and schema with the given parts. */
export function helpCard(
  body: readonly HelpCardElement[],
  actions: readonly HelpCardAction[] = [],
  refresh?: CardRefresh,
): HelpCard {
  return {
    ...adaptiveCard([]),
    body,
    ...(actions.length > 0 ? { actions } : {}),
    ...(refresh ? { refresh } : {}),
  };
}

/** A button that opens a small card with inputs and buttons. */
export function showCardAction(
  title: string,
  body: readonly HelpCardElement[],
  actions: readonly CardAction[],
): ShowCardAction {
  return { type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body, actions } };
}
