import {
  formatDate,
  helpRequestCard,
  removedRequestCard,
  statusText,
  type HelpRequestCardView,
} from '../../../../bot/cards/help-request-card';
import { HELP_REQUEST_VERB } from '../../../../bot/cards/help-request-verbs';
import { HELP_REQUEST_VERBS } from '../../../../bot/routes/help-request-actions';
import { HELP_REQUEST_COMPOSE_VERB } from '../../../../bot/cards/summary-card';
import {
  HELP_REQUEST_STATUSES,
  type HelpRequest,
  type HelpRequestStatus,
  type Role,
} from '../../../../src/domain/help-request';
import { adaptiveCardProblems } from '../../../support/adaptive-card';

const REQUEST: HelpRequest = {
  id: '0b7a3c1e-8d2f-4a6b-9c1d-2e3f4a5b6c7d',
  asker: { userId: 'a0000000-0000-4000-8000-000000000011', name: 'Alex Rivera' },
  helper: { userId: 'a0000000-0000-4000-8000-000000000012', name: 'Sam Okafor' },
  what: 'Ten minutes on my quarterly plan',
  byWhen: '2026-03-12',
  weight: 'medium',
  status: 'sent',
  createdAt: '2026-03-10T09:00:00.000Z',
  updatedAt: '2026-03-10T09:00:00.000Z',
};

function view(status: HelpRequestStatus, viewer: Role, extra: Partial<HelpRequest> = {}) {
  const request: HelpRequest = { ...REQUEST, status, ...extra };
  return { request, viewer, refreshUserIds: ['29:alex', '29:sam'] } satisfies HelpRequestCardView;
}

const EXTRAS: Record<HelpRequestStatus, Partial<HelpRequest>> = {
  sent: {},
  accepted: {},
  declined: { declineReason: 'Out until Friday' },
  redirected: {
    suggestion: { userId: 'a0000000-0000-4000-8000-000000000013', name: 'Priya Nair' },
  },
  done: { thanks: { at: '2026-03-11T10:00:00.000Z', note: 'You made it easy' } },
  cancelled: {},
};

/** Verbs of every Action.Execute in a card, sub-cards included, in order. */
function verbs(card: unknown): string[] {
  const found: string[] = [];
  const visit = (node: unknown, key?: string): void => {
    if (Array.isArray(node)) node.forEach((item) => visit(item));
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record['type'] === 'Action.Execute' && key !== 'action')
        found.push(String(record['verb']));
      for (const [childKey, child] of Object.entries(record)) {
        if (childKey !== 'fallback') visit(child, childKey);
      }
    }
  };
  visit(card);
  return found;
}

describe('help-request card', () => {
  const cases: Array<[HelpRequestStatus, Role]> = HELP_REQUEST_STATUSES.flatMap((status) =>
    (['asker', 'helper', 'other'] as Role[]).map((viewer): [HelpRequestStatus, Role] => [
      status,
      viewer,
    ]),
  );

  it.each(cases)('is valid when %s, for the %s', (status, viewer) => {
    const card = helpRequestCard('en-US', view(status, viewer, EXTRAS[status]));
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchSnapshot();
  });

  it('gives the helper the three answers while the request is open', () => {
    expect(verbs(helpRequestCard('en', view('sent', 'helper')))).toEqual([
      HELP_REQUEST_VERB.accept,
      HELP_REQUEST_VERB.decline,
      HELP_REQUEST_VERB.redirect,
    ]);
  });

  it('gives the asker cancel, then done, thanks and cancel after an accept', () => {
    expect(verbs(helpRequestCard('en', view('sent', 'asker')))).toEqual([HELP_REQUEST_VERB.cancel]);
    expect(verbs(helpRequestCard('en', view('accepted', 'asker')))).toEqual([
      HELP_REQUEST_VERB.done,
      HELP_REQUEST_VERB.thank,
      HELP_REQUEST_VERB.cancel,
    ]);
    expect(verbs(helpRequestCard('en', view('done', 'asker')))).toEqual([HELP_REQUEST_VERB.thank]);
  });

  it('shows anyone else the status and no buttons', () => {
    for (const status of HELP_REQUEST_STATUSES) {
      const card = helpRequestCard('en', view(status, 'other', EXTRAS[status]));
      expect(card.actions).toBeUndefined();
    }
  });

  it('refreshes both sides to their own view', () => {
    const card = helpRequestCard('en', view('sent', 'other'));
    expect(card.refresh).toEqual({
      action: {
        type: 'Action.Execute',
        verb: HELP_REQUEST_VERB.refresh,
        data: { requestId: REQUEST.id, askerId: REQUEST.asker.userId },
      },
      userIds: ['29:alex', '29:sam'],
    });
  });

  it('offers the asker the suggested colleague, through the reflection summary’s verb', () => {
    expect(HELP_REQUEST_VERB.compose).toBe(HELP_REQUEST_COMPOSE_VERB);
    const card = helpRequestCard('en', view('redirected', 'asker', EXTRAS.redirected));
    const ask = card.actions?.find((action) => action.type === 'Action.Execute');
    expect(ask).toMatchObject({
      title: 'Ask Priya Nair',
      verb: HELP_REQUEST_VERB.compose,
      data: {
        what: REQUEST.what,
        colleague: 'a0000000-0000-4000-8000-000000000013',
        colleagueName: 'Priya Nair',
      },
    });
  });

  it('lets a helper who muted the asker undo it', () => {
    const card = helpRequestCard('en', { ...view('declined', 'helper'), muted: true });
    expect(verbs(card)).toEqual([HELP_REQUEST_VERB.unmute]);
  });

  it('carries the mute it shows in every button and refresh of the helper, and only theirs', () => {
    const muted = JSON.stringify(
      helpRequestCard('en', { ...view('accepted', 'helper'), muted: true }),
    );
    expect(muted).toContain('"muted":true');
    expect(muted).not.toMatch(/"requestId":"[^"]+","askerId":"[^"]+"}/);
    const plain = JSON.stringify(helpRequestCard('en', view('accepted', 'helper')));
    expect(plain).not.toContain('"muted"');
    const askers = JSON.stringify(
      helpRequestCard('en', { ...view('accepted', 'asker'), muted: true }),
    );
    expect(askers).not.toContain('"muted"');
  });

  it('gives every Execute an Action.Submit fallback with the same verb and data', () => {
    const card = helpRequestCard('en', view('accepted', 'asker'));
    const json = JSON.stringify(card);
    for (const verb of verbs(card)) expect(json).toContain(`"verb":"${verb}"`);
    const done = card.actions?.[0];
    expect(done).toMatchObject({
      fallback: {
        type: 'Action.Submit',
        data: { verb: HELP_REQUEST_VERB.done, requestId: REQUEST.id },
      },
    });
  });

  it('links to what the request is about, with brackets kept from ending the link', () => {
    const card = helpRequestCard(
      'en-US',
      view('sent', 'helper', { link: 'https://example.com/mail/(a)[b]?x=1' }),
    );
    expect(JSON.stringify(card.body)).toContain(
      '[Open what this is about](https://example.com/mail/%28a%29%5Bb%5D?x=1)',
    );
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(JSON.stringify(helpRequestCard('en-US', view('sent', 'helper')).body)).not.toContain(
      'Open what this is about',
    );
  });

  it('speaks German', () => {
    const card = helpRequestCard('de-DE', view('sent', 'helper'));
    expect(JSON.stringify(card)).toContain('Ich kann helfen');
    expect(formatDate('de-DE', '2026-03-12')).toBe('12.03.2026');
    expect(formatDate('en-US', '2026-03-12')).toBe('Mar 12, 2026');
  });

  it('says "a colleague" for a helper who removed their name', () => {
    const request = {
      ...REQUEST,
      status: 'declined' as const,
      helper: { ...REQUEST.helper, name: '' },
    };
    expect(statusText('en', request)).toBe("a colleague can't this time.");
  });

  it('escapes hostile text everywhere it shows', () => {
    const hostile =
      '**bold** [click](https://evil.example) {{DATE(2026-01-01T00:00:00Z)}} <at>x</at>\n- list';
    const card = helpRequestCard(
      'en',
      view('redirected', 'asker', {
        what: hostile,
        asker: { ...REQUEST.asker, name: hostile },
        helper: { ...REQUEST.helper, name: hostile },
        suggestion: { name: hostile },
        declineReason: hostile,
      }),
    );
    expect(adaptiveCardProblems(card)).toEqual([]);
    const texts = JSON.stringify(card.body);
    expect(texts).not.toContain('**bold**');
    expect(texts).not.toContain('[click](');
    expect(texts).not.toContain('{{DATE');
    expect(texts).not.toContain('<at>');
    expect(texts).toContain('\\\\*\\\\*bold\\\\*\\\\*');
    const declined = helpRequestCard('en', view('declined', 'asker', { declineReason: hostile }));
    expect(JSON.stringify(declined.body)).not.toContain('[click](');
  });

  it('only has buttons whose verbs the routes handle', () => {
    const shown = new Set<string>();
    for (const [status, viewer] of cases) {
      const card = helpRequestCard('en', { ...view(status, viewer, EXTRAS[status]), muted: true });
      for (const verb of verbs(card)) shown.add(verb);
      shown.add(card.refresh?.action.verb ?? '');
    }
    shown.add(HELP_REQUEST_COMPOSE_VERB);
    expect([...shown].every((verb) => HELP_REQUEST_VERBS.includes(verb))).toBe(true);
    expect([...shown].sort()).toEqual(
      HELP_REQUEST_VERBS.filter((verb) => verb !== HELP_REQUEST_VERB.create).sort(),
    );
  });

  it('has a valid card for a request that is gone', () => {
    const card = removedRequestCard('en', { text: 'Gone', tone: 'attention' });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchSnapshot();
  });
});
