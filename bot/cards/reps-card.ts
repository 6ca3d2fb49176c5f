/**
 * The reps card: three one-tap buttons (asked, accepted, thanked), an optional note, and undo.
 */
import type { ChallengeId } from '../../src/domain/challenges';
import { REP_KINDS, REP_LIMITS, type RepCounts } from '../../src/domain/reps';
import { translate } from '../i18n';
import {
  adaptiveCard,
  executeAction,
  noticeBlock,
  type AdaptiveCard,
  type CardNotice,
} from './card-elements';

/** Verbs of the reps card's buttons (each also arrives as an `Action.Submit`). */
export const REPS_VERBS = {
  /** Log a rep; data `{ kind }` plus the `note` input. */
  log: 'reps.log',
  /** Take back the last logged rep. */
  undo: 'reps.undo',
} as const;

/** Id of the note input. */
export const REPS_NOTE_INPUT = 'note';

/** What the reps card shows. */
export interface RepsView {
  /** This week's reps by kind. */
  readonly counts: RepCounts;
  /** This week's challenge. */
  readonly challenge: ChallengeId;
  /** A confirmation or a problem to show on top. */
  readonly notice?: CardNotice;
}

/** The week's counts in words. */
export function countsText(locale: string | undefined, counts: RepCounts): string {
  return translate(locale, 'reps.counts', { ...counts });
}

/** The reps card. */
export function repsCard(locale: string | undefined, view: RepsView): AdaptiveCard {
  return adaptiveCard(
    [
      {
        type: 'TextBlock',
        text: translate(locale, 'reps.card.title'),
        size: 'medium',
        weight: 'bolder',
        wrap: true,
      },
      ...(view.notice ? [noticeBlock(view.notice)] : []),
      {
        type: 'TextBlock',
        text: translate(locale, 'reps.card.intro'),
        wrap: true,
        isSubtle: true,
      },
      {
        type: 'TextBlock',
        text: translate(locale, 'reps.challenge', {
          challenge: translate(locale, `challenge.${view.challenge}`),
        }),
        wrap: true,
      },
      { type: 'TextBlock', text: countsText(locale, view.counts), wrap: true, weight: 'bolder' },
      {
        type: 'Input.Text',
        id: REPS_NOTE_INPUT,
        label: translate(locale, 'reps.note.label'),
        placeholder: translate(locale, 'reps.note.placeholder'),
        maxLength: REP_LIMITS.note,
      },
    ],
    [
      ...REP_KINDS.map((kind) =>
        executeAction(translate(locale, `reps.action.${kind}`), REPS_VERBS.log, {
          data: { kind },
        }),
      ),
      executeAction(translate(locale, 'reps.action.undo'), REPS_VERBS.undo, { ignoreInputs: true }),
    ],
  );
}
