/**
 * The summary after a reflection: the week's reps, the streak, next week's challenge and, when
 * something is still held alone, a way to turn it into a help request.
 */
import type { ChallengeId } from '../../src/domain/challenges';
import { REP_KINDS, totalReps, type RepCounts } from '../../src/domain/reps';
import type { WeekKey } from '../../src/domain/week';
import { translate, type MessageKey } from '../i18n';
import {
  adaptiveCard,
  executeAction,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from './card-elements';
import { REFLECTION_VERBS, weekLabel } from './reflection-card';

/** The help-request flow's verb that opens a new request with a prefilled "what". */
export const HELP_REQUEST_COMPOSE_VERB = 'help-request.compose';

/** Most characters handed to a help request as its "what". */
export const HELP_REQUEST_WHAT_LIMIT = 500;

/** What the summary shows. */
export interface SummaryView {
  /** The week reflected on. */
  readonly week: WeekKey;
  /** This week's reps by kind. */
  readonly counts: RepCounts;
  /** Consecutive weeks practised. */
  readonly streak: number;
  /** Next week's challenge. */
  readonly nextChallenge: ChallengeId;
  /** The *still holding alone* text to offer as a help request; absent: no such button. */
  readonly helpRequestWhat?: string;
}

function streakKey(streak: number): MessageKey {
  if (streak >= 2) return 'summary.streak.many';
  return streak === 1 ? 'summary.streak.one' : 'summary.streak.none';
}

/** The summary card. */
export function summaryCard(locale: string | undefined, view: SummaryView): AdaptiveCard {
  const repsBlock: CardElement =
    totalReps(view.counts) > 0
      ? {
          type: 'FactSet',
          facts: REP_KINDS.map((kind) => ({
            title: translate(locale, `reps.kind.${kind}`),
            value: String(view.counts[kind]),
          })),
        }
      : { type: 'TextBlock', text: translate(locale, 'summary.reps.none'), wrap: true };
  const what = view.helpRequestWhat?.trim().slice(0, HELP_REQUEST_WHAT_LIMIT);
  const actions: CardAction[] = [
    executeAction(translate(locale, 'summary.action.edit'), REFLECTION_VERBS.open),
    ...(what
      ? [
          executeAction(
            translate(locale, 'summary.action.helpRequest'),
            HELP_REQUEST_COMPOSE_VERB,
            {
              data: { what },
              style: 'positive' as const,
            },
          ),
        ]
      : []),
  ];
  return adaptiveCard(
    [
      {
        type: 'TextBlock',
        text: translate(locale, 'summary.title', { week: weekLabel(view.week) }),
        size: 'medium',
        weight: 'bolder',
        wrap: true,
      },
      { type: 'TextBlock', text: translate(locale, 'summary.thanks'), wrap: true },
      {
        type: 'TextBlock',
        text: translate(locale, 'summary.reps.heading'),
        weight: 'bolder',
        wrap: true,
        spacing: 'medium',
      },
      repsBlock,
      {
        type: 'TextBlock',
        text: translate(locale, streakKey(view.streak), { count: view.streak }),
        wrap: true,
        spacing: 'medium',
      },
      {
        type: 'TextBlock',
        text: translate(locale, 'summary.challenge', {
          challenge: translate(locale, `challenge.${view.nextChallenge}`),
        }),
        wrap: true,
        spacing: 'medium',
      },
    ],
    actions,
  );
}
