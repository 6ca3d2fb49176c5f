import { REPS_VERBS, repsCard } from '../../../../bot/cards/reps-card';
import { adaptiveCardProblems } from '../../../support/adaptive-card';

describe('reps card', () => {
  const card = repsCard('en-US', {
    counts: { asked: 1, accepted: 0, thanked: 4 },
    challenge: 'ask-early',
  });

  it('is valid, with three one-tap kinds and undo', () => {
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchSnapshot();
    const actions = card.actions ?? [];
    expect(actions.map((a) => [a.verb, a.data])).toEqual([
      [REPS_VERBS.log, { kind: 'asked' }],
      [REPS_VERBS.log, { kind: 'accepted' }],
      [REPS_VERBS.log, { kind: 'thanked' }],
      [REPS_VERBS.undo, undefined],
    ]);
    expect(actions[3]?.associatedInputs).toBe('none');
    expect(JSON.stringify(card)).toContain('This week: 1 asked, 0 accepted, 4 thanks.');
  });

  it('confirms a rep on top, in German too', () => {
    const confirmed = repsCard('de-DE', {
      counts: { asked: 1, accepted: 0, thanked: 0 },
      challenge: 'reconnect',
      notice: { text: 'Festgehalten: Um etwas gebeten.', tone: 'good' },
    });
    expect(adaptiveCardProblems(confirmed)).toEqual([]);
    expect(confirmed).toMatchSnapshot();
    expect(confirmed.body[1]).toMatchObject({
      color: 'good',
      text: 'Festgehalten: Um etwas gebeten.',
    });
  });
});
