import { REMINDER_VERBS, reminderCard } from '../../../../bot/cards/reminder-card';
import { adaptiveCardProblems } from '../../../support/adaptive-card';

describe('reminder card', () => {
  it('asks for five minutes with Start, Snooze 1 hour and Skip this week', () => {
    const card = reminderCard({ locale: 'en-US', week: '2026-W48', followUp: false });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchSnapshot();
    expect(card.body[0]).toMatchObject({ text: 'Time for your five minutes' });
    const actions = card.actions ?? [];
    expect(actions.map((a) => [a.type, a.title, a.verb, a.data])).toEqual([
      ['Action.Execute', 'Start', REMINDER_VERBS.start, { week: '2026-W48', followUp: false }],
      [
        'Action.Execute',
        'Snooze 1 hour',
        REMINDER_VERBS.snooze,
        { week: '2026-W48', followUp: false },
      ],
      [
        'Action.Execute',
        'Skip this week',
        REMINDER_VERBS.skip,
        { week: '2026-W48', followUp: false },
      ],
    ]);
    // Older clients get an Action.Submit that reaches the same handler.
    expect(actions.map((a) => a.fallback)).toEqual(
      actions.map((a) =>
        expect.objectContaining({ type: 'Action.Submit', data: { ...a.data, verb: a.verb } }),
      ),
    );
  });

  it('has no second snooze on the follow-up, in German too', () => {
    const card = reminderCard({ locale: 'de-DE', week: '2026-W48', followUp: true });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchSnapshot();
    expect(card.body[0]).toMatchObject({ text: 'Deine fünf Minuten warten noch' });
    expect((card.actions ?? []).map((a) => a.title)).toEqual([
      "Los geht's",
      'Diese Woche auslassen',
    ]);
  });

  it('shows what happened instead of buttons once answered', () => {
    const card = reminderCard({
      locale: 'en-US',
      week: '2026-W48',
      followUp: false,
      outcome: 'Snoozed. I’ll check back at 17:10.',
    });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchSnapshot();
    expect(card.actions).toBeUndefined();
    expect(card.body.at(-1)).toMatchObject({ text: 'Snoozed. I’ll check back at 17:10.' });
  });
});
