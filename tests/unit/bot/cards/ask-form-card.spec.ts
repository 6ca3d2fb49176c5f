import { askFormCard } from '../../../../bot/cards/ask-form-card';
import { HELP_REQUEST_INPUT, HELP_REQUEST_VERB } from '../../../../bot/cards/help-request-verbs';
import { adaptiveCardProblems } from '../../../support/adaptive-card';

const FORM_ID = '3f0c6a52-2f44-4f39-a3a5-0d6f0d7b9e11';

function inputIds(card: unknown): string[] {
  const ids: string[] = [];
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record['type'] === 'string' && record['type'].startsWith('Input.'))
        ids.push(String(record['id']));
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return ids;
}

describe('ask form card', () => {
  it.each(['chat', 'dialog'] as const)('is valid and stable in the %s', (mode) => {
    const card = askFormCard('en-US', { formId: FORM_ID }, { mode, today: '2026-03-10' });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchSnapshot();
  });

  it('asks who, what, by when and how heavy', () => {
    const card = askFormCard('en', { formId: FORM_ID }, { mode: 'chat' });
    expect(inputIds(card)).toEqual([
      HELP_REQUEST_INPUT.colleague,
      HELP_REQUEST_INPUT.colleagueAddress,
      HELP_REQUEST_INPUT.what,
      HELP_REQUEST_INPUT.byWhen,
      HELP_REQUEST_INPUT.weight,
    ]);
  });

  it('sends through Universal Actions in chat and a plain submit in the dialog', () => {
    const chat = askFormCard('en', { formId: FORM_ID }, { mode: 'chat' });
    expect(chat.actions?.[0]).toMatchObject({
      type: 'Action.Execute',
      verb: HELP_REQUEST_VERB.create,
      data: { formId: FORM_ID },
      fallback: {
        type: 'Action.Submit',
        data: { verb: HELP_REQUEST_VERB.create, formId: FORM_ID },
      },
    });
    const dialog = askFormCard('en', { formId: FORM_ID }, { mode: 'dialog' });
    expect(dialog.actions).toEqual([
      {
        type: 'Action.Submit',
        title: 'Send',
        data: { formId: FORM_ID, verb: HELP_REQUEST_VERB.create },
        style: 'positive',
      },
    ]);
  });

  it('comes back prefilled, with the problem on top, valid', () => {
    const card = askFormCard(
      'de-DE',
      {
        formId: FORM_ID,
        colleague: { id: 'a0000000-0000-4000-8000-000000000013', name: 'Priya Nair' },
        what: `**Plan** ${'x'.repeat(600)}`,
        byWhen: '2026-03-12',
        weight: 'heavy',
        colleagueAddress: 'priya@contoso.example',
      },
      { mode: 'chat', notice: { text: 'Bitte kürzer', tone: 'attention' } },
    );
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchSnapshot();
    const what = JSON.stringify(card).match(/"id":"what"[^}]*"value":"([^"]*)"/)?.[1] ?? '';
    expect(Array.from(what)).toHaveLength(500);
  });
});
