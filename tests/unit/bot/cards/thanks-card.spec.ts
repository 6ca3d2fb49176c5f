import { thanksCard } from '../../../../bot/cards/thanks-card';
import type { HelpRequest } from '../../../../src/domain/help-request';
import { adaptiveCardProblems } from '../../../support/adaptive-card';

const REQUEST: HelpRequest = {
  id: '0b7a3c1e-8d2f-4a6b-9c1d-2e3f4a5b6c7d',
  asker: { userId: 'a0000000-0000-4000-8000-000000000011', name: 'Alex Rivera' },
  helper: { userId: 'a0000000-0000-4000-8000-000000000012', name: 'Sam Okafor' },
  what: 'Ten minutes on my quarterly plan',
  weight: 'light',
  status: 'done',
  createdAt: '2026-03-10T09:00:00.000Z',
  updatedAt: '2026-03-11T09:00:00.000Z',
  thanks: { at: '2026-03-11T10:00:00.000Z', note: 'You made it easy.' },
};

describe('thanks card', () => {
  it.each(['en-US', 'de-DE'])('is valid and stable in %s', (locale) => {
    const card = thanksCard(locale, REQUEST);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchSnapshot();
  });

  it('leaves the note out when there is none, and shortens a long "what"', () => {
    const card = thanksCard('en', {
      ...REQUEST,
      what: 'y'.repeat(500),
      thanks: { at: REQUEST.updatedAt },
    });
    expect(card.body).toHaveLength(3);
    expect(JSON.stringify(card)).toContain(`${'y'.repeat(140)}…`);
  });

  it('escapes the note and the names', () => {
    const card = thanksCard('en', {
      ...REQUEST,
      asker: { ...REQUEST.asker, name: '[Boss](https://evil.example)' },
      thanks: { at: REQUEST.updatedAt, note: '**thanks** {{TIME(2026-01-01T00:00:00Z)}}' },
    });
    expect(adaptiveCardProblems(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).not.toContain('[Boss](');
    expect(json).not.toContain('**thanks**');
    expect(json).not.toContain('{{TIME');
  });
});
