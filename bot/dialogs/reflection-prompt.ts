/**
 * The words of the reflection conversation: each prompt with its position, the current answer
 * (so a second pass edits rather than starts over) and the steering words.
 */
import {
  REFLECTION_STEPS,
  type Reflection,
  type ReflectionStep,
} from '../../src/domain/reflection';
import { escapeCardText } from '../cards/card-text';
import { translate, type MessageKey } from '../i18n';
import { stepOf, type ReflectionDialog } from './reflection-dialog';

const PROMPT_KEYS: Record<ReflectionStep, MessageKey> = {
  helpedBy: 'reflect.prompt.helpedBy',
  yesCount: 'reflect.prompt.yesCount',
  holdingAlone: 'reflect.prompt.holdingAlone',
  connected: 'reflect.prompt.connected',
};

/** Characters of a long current answer quoted back in a prompt. */
const QUOTE_LIMIT = 300;

/** The stored answer to a prompt in words, or undefined when it has none. */
export function currentAnswer(reflection: Reflection, step: ReflectionStep): string | undefined {
  switch (step) {
    case 'helpedBy':
    case 'connected': {
      const people = reflection[step];
      return people.length > 0 ? people.map((person) => person.name).join(', ') : undefined;
    }
    case 'yesCount':
      return reflection.yesCount === null ? undefined : String(reflection.yesCount);
    case 'holdingAlone': {
      const text = reflection.holdingAlone;
      if (!text) return undefined;
      return text.length > QUOTE_LIMIT ? `${text.slice(0, QUOTE_LIMIT)}…` : text;
    }
  }
}

/** The message asking the dialogue's current prompt. */
export function promptMessage(
  locale: string | undefined,
  dialog: ReflectionDialog,
  reflection: Reflection,
): string {
  const step = stepOf(dialog);
  const answer = currentAnswer(reflection, step);
  const position = translate(locale, 'reflect.chat.step', {
    number: dialog.step + 1,
    total: REFLECTION_STEPS.length,
  });
  return [
    `**${position}** · ${translate(locale, PROMPT_KEYS[step])}`,
    ...(answer
      ? [translate(locale, 'reflect.chat.current', { answer: escapeCardText(answer) })]
      : []),
    `_${translate(locale, 'reflect.chat.hint')}_`,
  ].join('\n\n');
}
