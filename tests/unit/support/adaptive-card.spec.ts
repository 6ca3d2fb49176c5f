import { adaptiveCardProblems } from '../../support/adaptive-card';

const card = (body: unknown[], actions: unknown[] = []) => ({
  type: 'AdaptiveCard',
  version: '1.5',
  body,
  actions,
});

describe('adaptiveCardProblems', () => {
  it('passes a valid card, people picker included', () => {
    expect(
      adaptiveCardProblems(
        card(
          [
            { type: 'TextBlock', text: 'Hello', wrap: true },
            {
              type: 'Input.ChoiceSet',
              id: 'people',
              isMultiSelect: true,
              choices: [],
              'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
            },
          ],
          [{ type: 'Action.Execute', verb: 'go', title: 'Go' }],
        ),
      ),
    ).toEqual([]);
  });

  it('reports unknown elements, duplicate ids, missing urls and the wrong version', () => {
    const problems = adaptiveCardProblems({
      ...card(
        [
          { type: 'Bogus' },
          { type: 'Input.Text', id: 'a' },
          { type: 'Input.Text', id: 'a' },
          { type: 'Input.ChoiceSet', id: 'c', choices: [] },
        ],
        [{ type: 'Action.OpenUrl', title: 'Open' }],
      ),
      version: '1.2',
    });
    expect(problems.join('\n')).toMatch(/Unknown element type "Bogus"/);
    expect(problems.join('\n')).toMatch(/Duplicate Id "a"/);
    expect(problems.join('\n')).toMatch(/at least one choice/);
    expect(problems.join('\n')).toMatch(/"url" must be set/);
    expect(problems.join('\n')).toMatch(/expected 1.5/);
  });
});
