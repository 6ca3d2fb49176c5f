/**
 * The weekly reminder card's buttons: Start opens this week's reflection, Snooze 1 hour asks for
 * one follow-up, Skip this week ends this week's reminders.
 *
 * @remarks
 * The card's data says only which week the reminder was for; whose reminder it is comes from
 * the authenticated sender of the action, in their 1:1 chat. A card from another week, a second
 * snooze or anything malformed gets a short answer and changes nothing.
 */
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Scope } from '../../src/auth/scope';
import type { ReminderActionRefusal } from '../../src/domain/reminder-schedule';
import { isWeekKey, localDateTimeOf } from '../../src/domain/week';
import type { BotDependencies } from '../bot-context';
import { reminderCard, REMINDER_VERBS } from '../cards/reminder-card';
import { translate, type MessageKey } from '../i18n';
import type { SpotterTurnState } from '../state/spotter-turn-state';
import { personalScope } from './personal-scope';
import { startReflection } from './reflect';
import { registerCardAction, type CardReply } from './universal-action';

const cardData = z.object({
  week: z.string().max(16).refine(isWeekKey),
  followUp: z.boolean().optional(),
});

const REFUSALS: Record<ReminderActionRefusal, MessageKey> = {
  'no-reminder': 'reminder.refused.noReminder',
  'other-week': 'reminder.refused.otherWeek',
  'week-over': 'reminder.refused.weekOver',
  'too-late': 'reminder.refused.snoozeTooLate',
  skipped: 'reminder.refused.skipped',
  'already-snoozed': 'reminder.refused.alreadySnoozed',
};

/** What every reminder action starts from: who pressed, in which language, on which card. */
interface Pressed {
  readonly scope: Scope;
  readonly locale: string;
  readonly week: string;
  readonly followUp: boolean;
}

type ReminderAction = (
  pressed: Pressed,
  context: TurnContext,
  state: SpotterTurnState,
) => Promise<CardReply>;

/** The card again, with what happened in place of its buttons. */
function answered(pressed: Pressed, outcome: string): CardReply {
  return {
    card: reminderCard({
      locale: pressed.locale,
      week: pressed.week,
      followUp: pressed.followUp,
      outcome,
    }),
  };
}

function hhmm(at: Date, timeZone: string): string {
  const local = localDateTimeOf(at, timeZone);
  return `${String(local.hour).padStart(2, '0')}:${String(local.minute).padStart(2, '0')}`;
}

/** Registers Start, Snooze and Skip. */
export function registerReminderActions(
  app: Application<SpotterTurnState>,
  deps: BotDependencies,
): void {
  const on = (verb: string, action: ReminderAction) =>
    registerCardAction(app, verb, async (context, state, data) => {
      const scope = personalScope(context);
      if (!scope) return { text: translate(context.activity.locale, 'practice.personalOnly') };
      const settings = await deps.practice.settings(scope);
      const locale = settings.value.language ?? context.activity.locale ?? 'en-US';
      const parsed = cardData.safeParse(data);
      if (!parsed.success) return { text: translate(locale, 'reminder.invalid') };
      const { week, followUp } = parsed.data;
      return action({ scope, locale, week, followUp: followUp ?? false }, context, state);
    });

  on(REMINDER_VERBS.start, async (pressed, context, state) => {
    await startReflection(context, state, deps);
    return answered(pressed, translate(pressed.locale, 'reminder.started'));
  });

  on(REMINDER_VERBS.snooze, async (pressed) => {
    const outcome = await deps.reminders.snooze(pressed.scope, pressed.week);
    if (outcome.kind === 'refused')
      return { text: translate(pressed.locale, REFUSALS[outcome.reason]) };
    const time = hhmm(outcome.at, outcome.timeZone);
    return answered(pressed, translate(pressed.locale, 'reminder.snoozed', { time }));
  });

  on(REMINDER_VERBS.skip, async (pressed) => {
    const outcome = await deps.reminders.skip(pressed.scope, pressed.week);
    if (outcome.kind === 'refused')
      return { text: translate(pressed.locale, REFUSALS[outcome.reason]) };
    return answered(pressed, translate(pressed.locale, 'reminder.skipped'));
  });
}
