import {
  answerStep,
  dialogWordOf,
  readReflectionDialog,
  startReflectionDialog,
  type ReflectionDialog,
} from '../../../../bot/dialogs/reflection-dialog';
import { promptMessage } from '../../../../bot/dialogs/reflection-prompt';
import { EMPTY_REFLECTION, type Reflection } from '../../../../src/domain/reflection';

const at = (step: number): ReflectionDialog => ({ kind: 'reflection', week: '2026-W48', step });

describe('reflection dialogue', () => {
  it('starts at the first prompt and reads only well-formed state back', () => {
    expect(startReflectionDialog('2026-W48')).toEqual(at(0));
    expect(readReflectionDialog({ ...at(2) })).toEqual(at(2));
    for (const junk of [undefined, null, 'x', [], { ...at(0), kind: 'ask' }, { ...at(9) }]) {
      expect(readReflectionDialog(junk)).toBeUndefined();
    }
    expect(readReflectionDialog({ kind: 'reflection', week: '2026-W99', step: 0 })).toBeUndefined();
  });

  it('recognises skip, back, cancel and none in English and German, nothing else', () => {
    expect(dialogWordOf(' Skip ')).toBe('skip');
    expect(dialogWordOf('überspringen')).toBe('skip');
    expect(dialogWordOf('back.')).toBe('back');
    expect(dialogWordOf('Zurück')).toBe('back');
    expect(dialogWordOf('cancel!')).toBe('cancel');
    expect(dialogWordOf('abbrechen')).toBe('cancel');
    expect(dialogWordOf('nobody')).toBe('none');
    expect(dialogWordOf('niemand')).toBe('none');
    expect(dialogWordOf('Sam, skip')).toBeUndefined();
  });

  it('walks forward through the four prompts, saving each answer, and finishes', () => {
    let reflection: Reflection = EMPTY_REFLECTION;
    const inputs = ['Sam, Priya', '3 times', 'The budget review', 'Jordan'];
    for (const [step, text] of inputs.entries()) {
      const turn = answerStep(at(step), reflection, text);
      if (step < 3) {
        expect(turn).toMatchObject({ kind: 'ask', dialog: at(step + 1) });
        if (turn.kind !== 'ask' || !turn.answers) throw new Error('expected answers');
        reflection = turn.answers;
      } else {
        expect(turn).toEqual({
          kind: 'finish',
          answers: {
            helpedBy: [{ name: 'Sam' }, { name: 'Priya' }],
            yesCount: 3,
            holdingAlone: 'The budget review',
            connected: [{ name: 'Jordan' }],
          },
        });
      }
    }
  });

  it('skips without saving, goes back without saving, and cancels', () => {
    expect(answerStep(at(1), EMPTY_REFLECTION, 'skip')).toEqual({ kind: 'ask', dialog: at(2) });
    expect(answerStep(at(3), EMPTY_REFLECTION, 'skip')).toEqual({
      kind: 'finish',
      answers: EMPTY_REFLECTION,
    });
    expect(answerStep(at(2), EMPTY_REFLECTION, 'back')).toEqual({ kind: 'ask', dialog: at(1) });
    expect(answerStep(at(0), EMPTY_REFLECTION, 'back')).toEqual({ kind: 'ask', dialog: at(0) });
    expect(answerStep(at(2), EMPTY_REFLECTION, 'cancel')).toEqual({ kind: 'cancel' });
  });

  it('clears an answer with "none" and asks again, kindly, for unusable input', () => {
    const current: Reflection = { ...EMPTY_REFLECTION, helpedBy: [{ name: 'Sam' }], yesCount: 4 };
    expect(answerStep(at(0), current, 'nobody')).toMatchObject({
      answers: { helpedBy: [], yesCount: 4 },
    });
    expect(answerStep(at(1), current, 'none')).toMatchObject({ answers: { yesCount: 0 } });
    expect(answerStep(at(1), current, 'lots')).toEqual({
      kind: 'retry',
      problem: 'reflect.chat.invalid.count',
    });
    expect(answerStep(at(1), current, '1000')).toMatchObject({ kind: 'retry' });
    expect(answerStep(at(0), current, ' , ;')).toEqual({
      kind: 'retry',
      problem: 'reflect.chat.invalid.people',
    });
    expect(answerStep(at(2), current, 'x'.repeat(2001))).toEqual({
      kind: 'retry',
      problem: 'reflect.invalid.tooLong',
      values: { limit: 2000 },
    });
  });

  it('keeps the directory id of someone already picked when their name is typed again', () => {
    const current: Reflection = {
      ...EMPTY_REFLECTION,
      helpedBy: [{ id: 'a0000000-0000-4000-8000-000000000012', name: 'Sam Okafor' }],
    };
    expect(answerStep(at(0), current, 'sam okafor, Mei')).toMatchObject({
      answers: {
        helpedBy: [
          { id: 'a0000000-0000-4000-8000-000000000012', name: 'Sam Okafor' },
          { name: 'Mei' },
        ],
      },
    });
  });

  it('asks each prompt with its position, the current answer (escaped) and the way out', () => {
    const current: Reflection = {
      ...EMPTY_REFLECTION,
      helpedBy: [{ name: 'Sam *the* Great' }],
      holdingAlone: 'y'.repeat(400),
    };
    const first = promptMessage('en-US', at(0), current);
    expect(first).toContain('**1 of 4**');
    expect(first).toContain('Right now: Sam \\*the\\* Great.');
    expect(first).toContain('**skip**, **back** or **cancel**');
    expect(promptMessage('en-US', at(1), current)).not.toContain('Right now');
    expect(promptMessage('en-US', at(2), current)).toContain(`${'y'.repeat(300)}…`);
    expect(promptMessage('de-DE', at(3), current)).toContain('**4 von 4**');
  });
});
