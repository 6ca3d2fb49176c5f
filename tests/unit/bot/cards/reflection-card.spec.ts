import {
  formOfReflection,
  REFLECTION_VERBS,
  reflectionCard,
  weekLabel,
} from '../../../../bot/cards/reflection-card';
import { EMPTY_REFLECTION, type Reflection } from '../../../../src/domain/reflection';
import { adaptiveCardProblems } from '../../../support/adaptive-card';

const answered: Reflection = {
  helpedBy: [{ id: 'a0000000-0000-4000-8000-000000000012', name: 'Sam Okafor' }, { name: 'Priya' }],
  yesCount: 2,
  holdingAlone: 'The quarterly plan *still* feels heavy',
  connected: [{ name: 'Jordan' }, { name: 'Mei' }],
};

function inputs(card: object): Record<string, Record<string, unknown>> {
  const found: Record<string, Record<string, unknown>> = {};
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (typeof record['type'] === 'string' && record['type'].startsWith('Input.')) {
        found[record['id'] as string] = record;
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(card);
  return found;
}

describe('reflection card', () => {
  const empty = reflectionCard('en-US', {
    week: '2026-W48',
    form: formOfReflection(EMPTY_REFLECTION),
    editing: false,
  });
  const editing = reflectionCard('de-DE', {
    week: '2026-W05',
    form: formOfReflection(answered),
    editing: true,
    notice: { text: 'Saved.', tone: 'good' },
  });

  it('is a valid Adaptive Card 1.5, empty and pre-filled', () => {
    expect(adaptiveCardProblems(empty)).toEqual([]);
    expect(adaptiveCardProblems(editing)).toEqual([]);
    expect(empty).toMatchSnapshot();
    expect(editing).toMatchSnapshot();
  });

  it('asks for people through the Teams people picker with a free-text fallback', () => {
    const fields = inputs(empty);
    for (const id of ['helpedByPicked', 'connectedPicked']) {
      expect(fields[id]).toMatchObject({
        type: 'Input.ChoiceSet',
        isMultiSelect: true,
        'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
      });
    }
    expect(fields['helpedByNames']?.['type']).toBe('Input.Text');
    expect(fields['yesCount']).toMatchObject({ type: 'Input.Number', min: 0, max: 999 });
    expect(fields['holdingAlone']).toMatchObject({ type: 'Input.Text', isMultiline: true });
  });

  it('shows the current answers when editing: picked people stay picked, typed names typed', () => {
    const fields = inputs(editing);
    expect(fields['helpedByPicked']).toMatchObject({
      value: 'a0000000-0000-4000-8000-000000000012',
      choices: [{ title: 'Sam Okafor', value: 'a0000000-0000-4000-8000-000000000012' }],
    });
    expect(fields['helpedByNames']?.['value']).toBe('Priya');
    expect(fields['yesCount']?.['value']).toBe(2);
    expect(fields['holdingAlone']?.['value']).toBe(answered.holdingAlone);
    expect(fields['connectedNames']?.['value']).toBe('Jordan, Mei');
  });

  it('saves with Action.Execute and falls back to Action.Submit with the same verb and week', () => {
    const actions = empty.actions ?? [];
    expect(actions.map((action) => action.verb)).toEqual([
      REFLECTION_VERBS.save,
      REFLECTION_VERBS.draft,
      REFLECTION_VERBS.chat,
    ]);
    for (const action of actions) {
      expect(action.type).toBe('Action.Execute');
      expect(action.fallback).toMatchObject({
        type: 'Action.Submit',
        data: { verb: action.verb, week: '2026-W48' },
      });
    }
  });

  it('names the week as people say it', () => {
    expect(weekLabel('2026-W05')).toBe('5');
    expect(JSON.stringify(editing)).toContain('Woche 5');
  });
});
