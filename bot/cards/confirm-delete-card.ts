/**
 * "Delete my data": the confirmation card, and what it turns into once answered.
 */
import { translate } from '../i18n';
import { adaptiveCard, executeAction, type AdaptiveCard } from './card-elements';

/** Verbs of the confirmation's buttons (each also arrives as an `Action.Submit`). */
export const DELETE_VERBS = {
  /** Delete everything of the person. */
  confirm: 'data.delete.confirm',
  /** Keep everything. */
  cancel: 'data.delete.cancel',
} as const;

/** Where the confirmation stands. */
export type DeleteStage = 'ask' | 'deleted' | 'kept';

/** The confirmation card (`ask`), or the card that replaces it once answered. */
export function confirmDeleteCard(locale: string | undefined, stage: DeleteStage): AdaptiveCard {
  if (stage !== 'ask') {
    return adaptiveCard([
      {
        type: 'TextBlock',
        text: translate(locale, stage === 'deleted' ? 'data.delete.done' : 'data.delete.kept'),
        wrap: true,
      },
    ]);
  }
  return adaptiveCard(
    [
      {
        type: 'TextBlock',
        text: translate(locale, 'data.delete.title'),
        size: 'medium',
        weight: 'bolder',
        wrap: true,
      },
      { type: 'TextBlock', text: translate(locale, 'data.delete.body'), wrap: true },
    ],
    [
      executeAction(translate(locale, 'data.delete.confirm'), DELETE_VERBS.confirm, {
        style: 'destructive',
      }),
      executeAction(translate(locale, 'data.delete.cancel'), DELETE_VERBS.cancel),
    ],
  );
}
