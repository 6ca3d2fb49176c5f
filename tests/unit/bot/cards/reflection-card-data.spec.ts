import { readReflectionCard } from '../../../../bot/cards/reflection-card-data';

const SAM = 'a0000000-0000-4000-8000-000000000012';
const nameOf = async (id: string) => (id === SAM ? 'Sam Okafor' : 'A colleague');

describe('reading the reflection card', () => {
  it('turns picked ids, typed names, the count and the text into answers', async () => {
    expect(
      await readReflectionCard(
        {
          week: '2026-W48',
          helpedByPicked: `${SAM}, ${SAM}`,
          helpedByNames: 'Priya; Sam Okafor, priya',
          yesCount: ' 3 ',
          holdingAlone: '  The plan ',
          connectedPicked: '',
          connectedNames: '',
          verb: 'reflect.save',
        },
        nameOf,
      ),
    ).toEqual({
      kind: 'answers',
      week: '2026-W48',
      answers: {
        helpedBy: [{ id: SAM, name: 'Sam Okafor' }, { name: 'Priya' }],
        yesCount: 3,
        holdingAlone: 'The plan',
        connected: [],
      },
    });
  });

  it('treats empty inputs as unanswered and a numeric count as a number', async () => {
    expect(await readReflectionCard({ yesCount: 0 }, nameOf)).toMatchObject({
      kind: 'answers',
      answers: { helpedBy: [], yesCount: 0, holdingAlone: '', connected: [] },
    });
    expect(await readReflectionCard({ yesCount: '' }, nameOf)).toMatchObject({
      answers: { yesCount: null },
    });
  });

  it('names the first problem and keeps what was typed', async () => {
    const reading = await readReflectionCard(
      { helpedByNames: 'Priya', yesCount: '2.5', holdingAlone: 'kept' },
      nameOf,
    );
    expect(reading).toMatchObject({
      kind: 'problem',
      problem: { key: 'reflect.invalid.count', values: { limit: 999 } },
      form: { helpedBy: { typed: 'Priya' }, yesCount: '2.5', holdingAlone: 'kept' },
    });
    expect(await readReflectionCard({ connectedNames: 'x'.repeat(101) }, nameOf)).toMatchObject({
      problem: { key: 'reflect.invalid.people' },
    });
    expect(await readReflectionCard({ helpedByPicked: 'a,b;c' }, nameOf)).toMatchObject({
      problem: { key: 'practice.badCard' },
    });
    expect(await readReflectionCard({ holdingAlone: 'y'.repeat(2001) }, nameOf)).toMatchObject({
      problem: { key: 'reflect.invalid.tooLong' },
    });
  });

  it('refuses data of the wrong shape without reading it', async () => {
    for (const junk of [
      null,
      'text',
      [1],
      { yesCount: true },
      { holdingAlone: 'z'.repeat(9000) },
    ]) {
      expect(await readReflectionCard(junk, nameOf)).toEqual({
        kind: 'problem',
        problem: { key: 'practice.badCard' },
      });
    }
  });
});
