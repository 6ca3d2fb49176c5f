/**
 * The weekly reminder card: "time for your five minutes", with Start, Snooze 1 hour and Skip
 * this week.
 *
 * @remarks
 * The snoozed follow-up has no Snooze button (a week has one snooze). Once the person pressed a
 * button, the same card comes back with what happened instead of the buttons, so a stale
 * reminder cannot be pressed twice. The buttons carry only the reminder's week: who pressed is
 * always the authenticated sender of the action.
 */
import type { WeekKey } from '../../src/domain/week';
import { translate } from '../i18n';
import { adaptiveCard, executeAction, type AdaptiveCard, type CardAction } from './card-elements';

/** The verbs of the reminder card's buttons. */
export const REMINDER_VERBS = {
  start: 'reminder.start',
  snooze: 'reminder.snooze',
  skip: 'reminder.skip',
} as const;

/** What the reminder card shows. */
export interface ReminderCardOptions {
  /** The person's locale. */
  readonly locale: string | undefined;
  /** The week the reminder belongs to. */
  readonly week: WeekKey;
  /** True for the follow-up of a snooze. */
  readonly followUp: boolean;
  /** Once answered: what happened, shown instead of the buttons (already in the person's words). */
  readonly outcome?: string;
}

/** Builds the reminder card. */
export function reminderCard(options: ReminderCardOptions): AdaptiveCard {
  const { locale, week, followUp, outcome } = options;
  const data = { week, followUp };
  const title = translate(locale, followUp ? 'reminder.card.followUpTitle' : 'reminder.card.title');
  const actions: CardAction[] = [
    executeAction(translate(locale, 'reminder.card.start'), REMINDER_VERBS.start, {
      data,
      style: 'positive',
    }),
    ...(followUp
      ? []
      : [
          executeAction(translate(locale, 'reminder.card.snooze'), REMINDER_VERBS.snooze, { data }),
        ]),
    executeAction(translate(locale, 'reminder.card.skip'), REMINDER_VERBS.skip, { data }),
  ];
  return adaptiveCard(
    [
      { type: 'TextBlock', text: title, size: 'medium', weight: 'bolder', wrap: true },
      { type: 'TextBlock', text: translate(locale, 'reminder.card.body'), wrap: true },
      ...(outcome === undefined
        ? []
        : [{ type: 'TextBlock' as const, text: outcome, wrap: true, separator: true }]),
    ],
    outcome === undefined ? actions : [],
  );
}
