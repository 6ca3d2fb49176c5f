import {
  ACTION_ROLES,
  applyAction,
  availableActions,
  cleanText,
  countAsk,
  createHelpRequest,
  dayKeyOf,
  DEFAULT_KINDNESS_LIMITS,
  HELP_REQUEST_LIMITS,
  HELP_REQUEST_STATUSES,
  isFinal,
  isWeight,
  parseDateKey,
  roleOf,
  withoutHelper,
  type HelpRequest,
  type HelpRequestAction,
  type HelpRequestActionType,
  type HelpRequestStatus,
} from '../../../src/domain/help-request';

const ASKER = 'asker-1';
const HELPER = 'helper-1';
const OTHER = 'other-1';
const AT = new Date('2026-03-10T09:00:00Z');
const LATER = new Date('2026-03-10T10:00:00Z');

function request(status: HelpRequestStatus, extra: Partial<HelpRequest> = {}): HelpRequest {
  return {
    id: '00000000-0000-4000-8000-000000000001',
    asker: { userId: ASKER, name: 'Alex Rivera' },
    helper: { userId: HELPER, name: 'Sam Okafor' },
    what: 'Review my slides',
    weight: 'light',
    status,
    createdAt: AT.toISOString(),
    updatedAt: AT.toISOString(),
    ...extra,
  };
}

const ACTIONS: Record<HelpRequestActionType, HelpRequestAction> = {
  accept: { type: 'accept' },
  decline: { type: 'decline', reason: 'Out this week' },
  redirect: { type: 'redirect', suggestion: { userId: 'priya-1', name: 'Priya Nair' } },
  cancel: { type: 'cancel' },
  done: { type: 'done' },
  thank: { type: 'thank', note: 'You saved my day' },
};

/** Every allowed state change, by the party allowed to make it. */
const TRANSITIONS: Array<[HelpRequestStatus, HelpRequestActionType, HelpRequestStatus]> = [
  ['sent', 'accept', 'accepted'],
  ['sent', 'decline', 'declined'],
  ['sent', 'redirect', 'redirected'],
  ['sent', 'cancel', 'cancelled'],
  ['accepted', 'done', 'done'],
  ['accepted', 'cancel', 'cancelled'],
];

function actorFor(type: HelpRequestActionType): string {
  return ACTION_ROLES[type] === 'asker' ? ASKER : HELPER;
}

describe('applyAction: allowed transitions', () => {
  it.each(TRANSITIONS)('%s --%s--> %s', (from, type, to) => {
    const result = applyAction(request(from), actorFor(type), ACTIONS[type], LATER);
    expect(result.kind).toBe('changed');
    expect(result.request.status).toBe(to);
    expect(result.request.updatedAt).toBe(LATER.toISOString());
    expect(result.request.createdAt).toBe(AT.toISOString());
  });

  it('keeps the decline reason, cleaned and cut to its limit', () => {
    const reason = ` ${'x'.repeat(HELP_REQUEST_LIMITS.reason + 50)} `;
    const result = applyAction(request('sent'), HELPER, { type: 'decline', reason }, LATER);
    expect(result.request.declineReason).toHaveLength(HELP_REQUEST_LIMITS.reason);
  });

  it('declines without a reason', () => {
    const result = applyAction(request('sent'), HELPER, { type: 'decline', reason: '  ' }, LATER);
    expect(result.kind).toBe('changed');
    expect(result.request).not.toHaveProperty('declineReason');
  });

  it('keeps the suggestion of a redirect', () => {
    const result = applyAction(request('sent'), HELPER, ACTIONS.redirect, LATER);
    expect(result.request.suggestion).toEqual({ userId: 'priya-1', name: 'Priya Nair' });
  });

  it('accepts a suggestion typed by name only', () => {
    const result = applyAction(
      request('sent'),
      HELPER,
      { type: 'redirect', suggestion: { name: '  Priya  from   design ' } },
      LATER,
    );
    expect(result.request.suggestion).toEqual({ name: 'Priya from design' });
  });
});

describe('applyAction: illegal transitions', () => {
  const stateChanging = Object.keys(ACTIONS).filter(
    (type) => type !== 'thank',
  ) as HelpRequestActionType[];
  const cases: Array<[HelpRequestStatus, HelpRequestActionType]> = [];
  for (const status of HELP_REQUEST_STATUSES) {
    for (const type of stateChanging) {
      const allowed = TRANSITIONS.some(([from, t]) => from === status && t === type);
      const target = TRANSITIONS.find(([, t]) => t === type)?.[2];
      if (!allowed && status !== target) cases.push([status, type]);
    }
  }

  it.each(cases)('from %s, %s is refused and nothing changes', (status, type) => {
    const before = request(status);
    const result = applyAction(before, actorFor(type), ACTIONS[type], LATER);
    expect(result).toEqual({ kind: 'refused', reason: 'illegal-transition', request: before });
  });

  it('covers every state and action pair that is neither allowed nor a replay', () => {
    // 6 states × 5 state-changing actions, minus 6 transitions, minus 5 replays.
    expect(cases).toHaveLength(30 - 6 - 5);
  });

  it.each(['sent', 'declined', 'redirected', 'cancelled'] as HelpRequestStatus[])(
    'thanks are refused while the request is %s',
    (status) => {
      const result = applyAction(request(status), ASKER, ACTIONS.thank, LATER);
      expect(result.kind).toBe('refused');
    },
  );

  it.each([ASKER, HELPER])('a suggestion of a party (%s) is refused', (userId) => {
    const result = applyAction(
      request('sent'),
      HELPER,
      { type: 'redirect', suggestion: { userId, name: 'Someone' } },
      LATER,
    );
    expect(result).toMatchObject({ kind: 'refused', reason: 'invalid-suggestion' });
  });

  it('an empty suggestion is refused', () => {
    const result = applyAction(
      request('sent'),
      HELPER,
      { type: 'redirect', suggestion: { name: ' \u0000 ' } },
      LATER,
    );
    expect(result).toMatchObject({ kind: 'refused', reason: 'invalid-suggestion' });
  });
});

describe('applyAction: who may act', () => {
  it.each(Object.keys(ACTIONS) as HelpRequestActionType[])('a third person cannot %s', (type) => {
    for (const status of HELP_REQUEST_STATUSES) {
      const before = request(status);
      expect(applyAction(before, OTHER, ACTIONS[type], LATER)).toEqual({
        kind: 'refused',
        reason: 'not-a-party',
        request: before,
      });
    }
  });

  it.each(Object.keys(ACTIONS) as HelpRequestActionType[])('the other side cannot %s', (type) => {
    const wrong = ACTION_ROLES[type] === 'asker' ? HELPER : ASKER;
    for (const status of HELP_REQUEST_STATUSES) {
      const result = applyAction(request(status), wrong, ACTIONS[type], LATER);
      expect(result).toMatchObject({ kind: 'refused', reason: 'wrong-party' });
    }
  });

  it('tells the roles apart', () => {
    const r = request('sent');
    expect(roleOf(r, ASKER)).toBe('asker');
    expect(roleOf(r, HELPER)).toBe('helper');
    expect(roleOf(r, OTHER)).toBe('other');
  });
});

describe('applyAction: replays are unchanged', () => {
  it.each(TRANSITIONS.filter(([from]) => from === 'sent'))(
    'a second %s → %s is unchanged',
    (from, type) => {
      const first = applyAction(request(from), actorFor(type), ACTIONS[type], LATER);
      const again = applyAction(first.request, actorFor(type), ACTIONS[type], LATER);
      expect(again).toEqual({ kind: 'unchanged', request: first.request });
    },
  );

  it('a second done is unchanged', () => {
    const done = applyAction(request('accepted'), ASKER, ACTIONS.done, LATER).request;
    expect(applyAction(done, ASKER, ACTIONS.done, LATER).kind).toBe('unchanged');
  });

  it('a replayed decline with another reason keeps the first', () => {
    const first = applyAction(request('sent'), HELPER, ACTIONS.decline, LATER).request;
    const again = applyAction(first, HELPER, { type: 'decline', reason: 'other' }, LATER);
    expect(again.kind).toBe('unchanged');
    expect(again.request.declineReason).toBe('Out this week');
  });

  it('thanks once, after accept or done, with an optional note', () => {
    const accepted = applyAction(request('accepted'), ASKER, { type: 'thank' }, LATER);
    expect(accepted.kind).toBe('changed');
    expect(accepted.request.thanks).toEqual({ at: LATER.toISOString() });
    expect(accepted.request.status).toBe('accepted');
    const done = applyAction(request('done'), ASKER, ACTIONS.thank, LATER);
    expect(done.request.thanks).toEqual({ at: LATER.toISOString(), note: 'You saved my day' });
    expect(applyAction(done.request, ASKER, ACTIONS.thank, LATER).kind).toBe('unchanged');
  });
});

describe('availableActions', () => {
  it('offers the helper the three answers only while sent', () => {
    expect(availableActions(request('sent'), HELPER)).toEqual(['accept', 'decline', 'redirect']);
    for (const status of HELP_REQUEST_STATUSES.filter((s) => s !== 'sent')) {
      expect(availableActions(request(status), HELPER)).toEqual([]);
    }
  });

  it('offers the asker cancel, then done, thanks and cancel after an accept', () => {
    expect(availableActions(request('sent'), ASKER)).toEqual(['cancel']);
    expect(availableActions(request('accepted'), ASKER)).toEqual(['done', 'thank', 'cancel']);
    expect(availableActions(request('done'), ASKER)).toEqual(['thank']);
    const thanked = request('done', { thanks: { at: LATER.toISOString() } });
    expect(availableActions(thanked, ASKER)).toEqual([]);
    expect(
      availableActions(request('accepted', { thanks: { at: LATER.toISOString() } }), ASKER),
    ).toEqual(['done', 'cancel']);
  });

  it('offers anyone else nothing', () => {
    for (const status of HELP_REQUEST_STATUSES) {
      expect(availableActions(request(status), OTHER)).toEqual([]);
    }
  });

  it('agrees with applyAction for every state, person and action', () => {
    for (const status of HELP_REQUEST_STATUSES) {
      for (const userId of [ASKER, HELPER, OTHER]) {
        const offered = availableActions(request(status), userId);
        for (const type of Object.keys(ACTIONS) as HelpRequestActionType[]) {
          const result = applyAction(request(status), userId, ACTIONS[type], LATER);
          expect([status, userId, type, result.kind === 'changed']).toEqual([
            status,
            userId,
            type,
            offered.includes(type),
          ]);
        }
      }
    }
  });

  it('knows the final states', () => {
    expect(HELP_REQUEST_STATUSES.filter(isFinal)).toEqual([
      'declined',
      'redirected',
      'done',
      'cancelled',
    ]);
  });
});

describe('createHelpRequest', () => {
  const facts = {
    id: '00000000-0000-4000-8000-000000000009',
    asker: { userId: ASKER, name: 'Alex  Rivera' },
    helper: { userId: HELPER, name: 'Sam Okafor' },
    at: AT,
    timeZone: 'Europe/Berlin',
  };

  it('makes a sent request from a good draft', () => {
    const made = createHelpRequest(
      { what: '  Review my slides\r\n\r\n\r\n\r\nplease ', byWhen: '2026-03-12', weight: 'medium' },
      facts,
    );
    expect(made).toEqual({
      id: facts.id,
      asker: { userId: ASKER, name: 'Alex Rivera' },
      helper: { userId: HELPER, name: 'Sam Okafor' },
      what: 'Review my slides\n\nplease',
      byWhen: '2026-03-12',
      weight: 'medium',
      status: 'sent',
      createdAt: AT.toISOString(),
      updatedAt: AT.toISOString(),
    });
  });

  it('allows today in the asker’s own calendar', () => {
    const lateEvening = new Date('2026-03-10T23:30:00Z'); // already 11 March in Berlin
    const made = createHelpRequest(
      { what: 'x', byWhen: '2026-03-11', weight: 'light' },
      { ...facts, at: lateEvening },
    );
    expect(Array.isArray(made)).toBe(false);
    const past = createHelpRequest(
      { what: 'x', byWhen: '2026-03-10', weight: 'light' },
      { ...facts, at: lateEvening },
    );
    expect(past).toEqual(['by-when-past']);
  });

  it.each([
    ['blank what', { what: '   ' }, ['what-missing']],
    ['501 characters', { what: 'y'.repeat(501) }, ['what-too-long']],
    ['30 February', { what: 'x', byWhen: '2026-02-30' }, ['by-when-invalid']],
    ['a word for a date', { what: 'x', byWhen: 'tomorrow' }, ['by-when-invalid']],
    ['yesterday', { what: 'x', byWhen: '2026-03-09' }, ['by-when-past']],
    ['more than a year ahead', { what: 'x', byWhen: '2027-03-12' }, ['by-when-too-far']],
    ['a plain http link', { what: 'x', link: 'http://example.com/' }, ['link-invalid']],
    ['a script link', { what: 'x', link: 'javascript:alert(1)' }, ['link-invalid']],
    ['a link with a password', { what: 'x', link: 'https://a:b@example.com/' }, ['link-invalid']],
    ['a link that is no URL', { what: 'x', link: 'https//example' }, ['link-invalid']],
    [
      'a link over the limit',
      { what: 'x', link: `https://example.com/${'a'.repeat(HELP_REQUEST_LIMITS.link)}` },
      ['link-invalid'],
    ],
  ])('refuses %s', (_label, draft, problems) => {
    expect(createHelpRequest({ weight: 'light', ...draft }, facts)).toEqual(problems);
  });

  it('accepts exactly 500 characters, counted as people see them', () => {
    const what = '👍'.repeat(HELP_REQUEST_LIMITS.what);
    const made = createHelpRequest({ what, weight: 'light' }, facts);
    expect(Array.isArray(made)).toBe(false);
  });

  it('keeps an https link in its normal form, and none when it is blank', () => {
    const made = createHelpRequest(
      { what: 'x', weight: 'light', link: ' https://Outlook.Office.com/mail/read/A%2FB c ' },
      facts,
    );
    expect(made).toMatchObject({ link: 'https://outlook.office.com/mail/read/A%2FB%20c' });
    const blank = createHelpRequest({ what: 'x', weight: 'light', link: '  ' }, facts);
    expect(blank).not.toHaveProperty('link');
  });

  it('refuses asking yourself', () => {
    expect(
      createHelpRequest(
        { what: 'x', weight: 'light' },
        { ...facts, helper: { userId: ASKER, name: 'Me' } },
      ),
    ).toEqual(['asking-yourself']);
  });
});

describe('countAsk', () => {
  const limits = DEFAULT_KINDNESS_LIMITS;

  it('counts up to three a day to one person, then refuses', () => {
    let tally = countAsk(undefined, '2026-03-10', HELPER, limits);
    for (let i = 0; i < 2; i += 1) {
      if (typeof tally === 'string') throw new Error(tally);
      tally = countAsk(tally, '2026-03-10', HELPER, limits);
    }
    expect(tally).toEqual({ day: '2026-03-10', total: 3, perHelper: { [HELPER]: 3 } });
    if (typeof tally === 'string') throw new Error(tally);
    expect(countAsk(tally, '2026-03-10', HELPER, limits)).toBe('pair-limit');
    expect(countAsk(tally, '2026-03-10', 'someone-else', limits)).toMatchObject({ total: 4 });
    expect(countAsk(tally, '2026-03-11', HELPER, limits)).toEqual({
      day: '2026-03-11',
      total: 1,
      perHelper: { [HELPER]: 1 },
    });
  });

  it('refuses the eleventh request of a day', () => {
    const tally = { day: '2026-03-10', total: 10, perHelper: {} };
    expect(countAsk(tally, '2026-03-10', HELPER, limits)).toBe('daily-limit');
  });

  it('is not fooled by user ids that are names of object properties', () => {
    const tally = countAsk(undefined, '2026-03-10', 'constructor', limits);
    expect(tally).toEqual({ day: '2026-03-10', total: 1, perHelper: { constructor: 1 } });
  });

  it('uses the asker’s calendar day', () => {
    expect(dayKeyOf(new Date('2026-03-10T23:30:00Z'), 'Europe/Berlin')).toBe('2026-03-11');
    expect(dayKeyOf(new Date('2026-03-10T23:30:00Z'), 'America/New_York')).toBe('2026-03-10');
  });
});

describe('text and values', () => {
  it('removes control and direction-override characters, keeps line breaks', () => {
    expect(cleanText('a\u0000b\u202Ec\td\ne\u0085', 100)).toBe('abc\td\ne');
  });

  it('cuts at whole code points', () => {
    expect(cleanText('👍👍👍', 2)).toBe('👍👍');
  });

  it('parses real dates only', () => {
    expect(parseDateKey('2028-02-29')).toEqual({ year: 2028, month: 2, day: 29 });
    expect(parseDateKey('2026-02-29')).toBeUndefined();
    expect(parseDateKey('2026-13-01')).toBeUndefined();
    expect(parseDateKey('26-01-01')).toBeUndefined();
  });

  it('knows the weights', () => {
    expect(['light', 'medium', 'heavy', 'huge', 1].map(isWeight)).toEqual([
      true,
      true,
      true,
      false,
      false,
    ]);
  });

  it('forgets the helper’s name and words but keeps the request', () => {
    const answered = request('declined', {
      declineReason: 'busy',
      suggestion: { name: 'Priya' },
    });
    const forgotten = JSON.parse(JSON.stringify(withoutHelper(answered))) as HelpRequest;
    expect(forgotten).toEqual({ ...request('declined'), helper: { userId: HELPER, name: '' } });
  });
});
