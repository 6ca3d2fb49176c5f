import { HELP_REQUEST_COMPOSE_VERB, summaryCard } from '../../../../bot/cards/summary-card';
import { adaptiveCardProblems } from '../../../support/adaptive-card';

describe('summary card', () => {
  const base = {
    week: '2026-W48',
    counts: { asked: 2, accepted: 1, thanked: 0 },
    streak: 3,
    nextChallenge: 'say-yes' as const,
  };

  it('shows reps by kind, the streak and next week challenge', () => {
    const card = summaryCard('en-US', base);
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchSnapshot();
    const json = JSON.stringify(card);
    expect(json).toContain('"title":"Asked for something","value":"2"');
    expect(json).toContain('3 weeks of practice in a row.');
    expect(json).toContain("Next week's challenge: The next time someone offers to help");
  });

  it('never shames: no reps and no streak get an encouraging line', () => {
    const card = summaryCard('en-US', {
      ...base,
      counts: { asked: 0, accepted: 0, thanked: 0 },
      streak: 0,
    });
    expect(adaptiveCardProblems(card)).toEqual([]);
    const json = JSON.stringify(card);
    expect(json).toContain('Every week is a fresh start.');
    expect(json).toContain('say **log** whenever one happens');
    expect(json).not.toMatch(/missed|broke|failed|lost/i);
  });

  it('offers a help request only with text, handing over at most 500 characters', () => {
    expect(JSON.stringify(summaryCard('en-US', base))).not.toContain(HELP_REQUEST_COMPOSE_VERB);
    const what = `${'x'.repeat(600)}`;
    const card = summaryCard('de-DE', { ...base, helpRequestWhat: what });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchSnapshot();
    const button = (card.actions ?? []).find((a) => a.verb === HELP_REQUEST_COMPOSE_VERB);
    expect(button?.title).toBe('Daraus eine Hilfeanfrage machen');
    expect(button?.data).toEqual({ what: 'x'.repeat(500) });
    expect(button?.fallback.data).toEqual({
      what: 'x'.repeat(500),
      verb: HELP_REQUEST_COMPOSE_VERB,
    });
    expect(summaryCard('en-US', { ...base, helpRequestWhat: '   ' }).actions).toHaveLength(1);
  });
});
