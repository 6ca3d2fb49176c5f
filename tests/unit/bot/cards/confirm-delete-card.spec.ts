import { confirmDeleteCard, DELETE_VERBS } from '../../../../bot/cards/confirm-delete-card';
import { adaptiveCardProblems } from '../../../support/adaptive-card';

describe('delete confirmation card', () => {
  it.each(['ask', 'deleted', 'kept'] as const)('is valid when %s', (stage) => {
    const card = confirmDeleteCard('en-US', stage);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchSnapshot();
  });

  it('asks with a destructive confirm and a plain keep', () => {
    const card = confirmDeleteCard('de-DE', 'ask');
    expect((card.actions ?? []).map((a) => [a.verb, a.style, a.title])).toEqual([
      [DELETE_VERBS.confirm, 'destructive', 'Ja, alles löschen'],
      [DELETE_VERBS.cancel, undefined, 'Meine Daten behalten'],
    ]);
    expect(confirmDeleteCard('en', 'deleted').actions).toBeUndefined();
  });
});
