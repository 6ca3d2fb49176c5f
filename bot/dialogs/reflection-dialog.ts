/**
 * The reflection as a conversation: one prompt per turn, with `skip`, `back` and `cancel`.
 *
 * @remarks
 * A small state machine over persisted turn state. The state holds only the week and the step;
 * the answers themselves are saved to the week's record as each arrives, so a restart between
 * two turns loses nothing and the next turn continues at the same step with every earlier
 * answer in place. Pure: the route does the reading, saving and sending.
 */
import { z } from 'zod';
import {
  peopleFromText,
  REFLECTION_LIMITS,
  REFLECTION_STEPS,
  type Person,
  type Reflection,
  type ReflectionAnswers,
  type ReflectionStep,
} from '../../src/domain/reflection';
import { isWeekKey, type WeekKey } from '../../src/domain/week';
import { SUPPORTED_LANGUAGES, translate, type MessageKey } from '../i18n';

/** Where a reflection conversation stands (kept in `state.conversation.dialog`). */
export interface ReflectionDialog {
  /** Tells this dialogue apart from others sharing the slot. */
  readonly kind: 'reflection';
  /** The week being reflected on. */
  readonly week: WeekKey;
  /** Index into {@link REFLECTION_STEPS} of the prompt waiting for an answer. */
  readonly step: number;
}

const dialogSchema = z.object({
  kind: z.literal('reflection'),
  week: z.string().refine(isWeekKey),
  step: z
    .number()
    .int()
    .min(0)
    .max(REFLECTION_STEPS.length - 1),
});

/** The reflection dialogue in a turn-state slot, or undefined when there is none (or junk). */
export function readReflectionDialog(slot: unknown): ReflectionDialog | undefined {
  const parsed = dialogSchema.safeParse(slot);
  return parsed.success ? parsed.data : undefined;
}

/** A new dialogue at the first prompt. */
export function startReflectionDialog(week: WeekKey): ReflectionDialog {
  return { kind: 'reflection', week, step: 0 };
}

/** The prompt a dialogue waits on. */
export function stepOf(dialog: ReflectionDialog): ReflectionStep {
  return REFLECTION_STEPS[dialog.step] ?? REFLECTION_STEPS[0];
}

/** Words that steer the dialogue instead of answering. */
export type DialogWord = 'skip' | 'back' | 'cancel' | 'none';

const WORD_KEYS: Record<DialogWord, MessageKey> = {
  skip: 'reflect.words.skip',
  back: 'reflect.words.back',
  cancel: 'reflect.words.cancel',
  none: 'reflect.words.none',
};

/** The steering word a message is, in any language Spotter speaks (English always works). */
export function dialogWordOf(text: string): DialogWord | undefined {
  const said = text
    .trim()
    .toLowerCase()
    .replace(/[.!?]+$/, '');
  return (Object.keys(WORD_KEYS) as DialogWord[]).find((word) =>
    SUPPORTED_LANGUAGES.some((language) =>
      translate(language, WORD_KEYS[word])
        .split(',')
        .some((candidate) => candidate.trim().toLowerCase() === said),
    ),
  );
}

/** The answers of a reflection, without its completion time. */
export function answersOf(reflection: Reflection): ReflectionAnswers {
  return {
    helpedBy: [...reflection.helpedBy],
    yesCount: reflection.yesCount,
    holdingAlone: reflection.holdingAlone,
    connected: [...reflection.connected],
  };
}

/** What one message does to the dialogue. */
export type DialogTurn =
  | {
      /** Ask the prompt of `dialog`; save `answers` first when given. */
      readonly kind: 'ask';
      readonly dialog: ReflectionDialog;
      readonly answers?: ReflectionAnswers;
    }
  | {
      /** The answer could not be used: say `problem` and wait on the same prompt. */
      readonly kind: 'retry';
      readonly problem: MessageKey;
      readonly values?: Readonly<Record<string, number>>;
    }
  | {
      /** Save `answers` as complete and end the dialogue. */
      readonly kind: 'finish';
      readonly answers: ReflectionAnswers;
    }
  | {
      /** End the dialogue; what was saved stays saved. */
      readonly kind: 'cancel';
    };

type Parsed<T> =
  { readonly value: T } | { readonly problem: MessageKey; values?: Record<string, number> };

/**
 * People typed in a message; someone already in the list keeps their directory id when their
 * name is typed again.
 */
function parsePeople(
  text: string,
  word: DialogWord | undefined,
  known: readonly Person[],
): Parsed<Person[]> {
  if (word === 'none') return { value: [] };
  const typed = peopleFromText(text);
  if (typed.length === 0) return { problem: 'reflect.chat.invalid.people' };
  return {
    value: typed.map((person) => {
      const match = known.find((k) => k.id && k.name.toLowerCase() === person.name.toLowerCase());
      return match ?? person;
    }),
  };
}

function parseCount(text: string, word: DialogWord | undefined): Parsed<number> {
  if (word === 'none') return { value: 0 };
  const match = /^(\d{1,3})(?!\d)/.exec(text.trim());
  return match ? { value: Number(match[1]) } : { problem: 'reflect.chat.invalid.count' };
}

function parseText(text: string, word: DialogWord | undefined): Parsed<string> {
  if (word === 'none') return { value: '' };
  const value = text.trim();
  return value.length > REFLECTION_LIMITS.holdingAlone
    ? { problem: 'reflect.invalid.tooLong', values: { limit: REFLECTION_LIMITS.holdingAlone } }
    : { value };
}

function withAnswer(
  answers: ReflectionAnswers,
  step: ReflectionStep,
  text: string,
  word: DialogWord | undefined,
): Parsed<ReflectionAnswers> {
  const merge = <T>(parsed: Parsed<T>, apply: (value: T) => ReflectionAnswers) =>
    'value' in parsed ? { value: apply(parsed.value) } : parsed;
  switch (step) {
    case 'helpedBy':
      return merge(parsePeople(text, word, answers.helpedBy), (helpedBy) => ({
        ...answers,
        helpedBy,
      }));
    case 'yesCount':
      return merge(parseCount(text, word), (yesCount) => ({ ...answers, yesCount }));
    case 'holdingAlone':
      return merge(parseText(text, word), (holdingAlone) => ({ ...answers, holdingAlone }));
    case 'connected':
      return merge(parsePeople(text, word, answers.connected), (connected) => ({
        ...answers,
        connected,
      }));
  }
}

/** What a message at the dialogue's current prompt does, given the reflection as stored. */
export function answerStep(
  dialog: ReflectionDialog,
  current: Reflection,
  text: string,
): DialogTurn {
  const word = dialogWordOf(text);
  const answers = answersOf(current);
  const last = dialog.step >= REFLECTION_STEPS.length - 1;
  const next = (saved?: ReflectionAnswers): DialogTurn =>
    last
      ? { kind: 'finish', answers: saved ?? answers }
      : {
          kind: 'ask',
          dialog: { ...dialog, step: dialog.step + 1 },
          ...(saved ? { answers: saved } : {}),
        };

  switch (word) {
    case 'cancel':
      return { kind: 'cancel' };
    case 'back':
      return { kind: 'ask', dialog: { ...dialog, step: Math.max(0, dialog.step - 1) } };
    case 'skip':
      return next();
    default: {
      const parsed = withAnswer(answers, stepOf(dialog), text, word);
      if ('problem' in parsed) {
        return {
          kind: 'retry',
          problem: parsed.problem,
          ...(parsed.values ? { values: parsed.values } : {}),
        };
      }
      return next(parsed.value);
    }
  }
}
