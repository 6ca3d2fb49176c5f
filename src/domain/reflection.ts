/**
 * The weekly reflection: three prompts, answered in five minutes at the end of the week.
 *
 * @remarks
 * *Let in*: who helped me and how many times I said yes to an offer. *Still holding alone*: where
 * I need help I have not asked for. *Connected*: who I connected with and could reach out to
 * later. The same record is written from the bot (card or conversation) and from the tab.
 */
import { z } from 'zod';

/** Limits that keep a reflection small and safe to show on a card. */
export const REFLECTION_LIMITS = {
  /** People per list. */
  people: 20,
  /** Characters per person's name. */
  nameLength: 100,
  /** Characters of the *still holding alone* text. */
  holdingAlone: 2000,
  /** Largest "times I said yes". */
  yesCount: 999,
} as const;

/** Someone named in a reflection: picked from the directory (with an id) or typed by name. */
export interface Person {
  /** Entra object id, when picked from the directory. */
  readonly id?: string;
  /** Display name. */
  readonly name: string;
}

/** The answers of one week's reflection. */
export interface Reflection {
  /** *Let in*: who helped me. */
  readonly helpedBy: readonly Person[];
  /** *Let in*: how many times I said yes to an offer of help; null when not answered. */
  readonly yesCount: number | null;
  /** *Still holding alone*: where I need help I have not asked for. */
  readonly holdingAlone: string;
  /** *Connected*: people I could reach out to later. */
  readonly connected: readonly Person[];
  /** When the person finished it (ISO 8601); absent while it is a draft. */
  readonly completedAt?: string;
}

/** The three prompts, in the order the conversation asks them. */
export const REFLECTION_STEPS = ['helpedBy', 'yesCount', 'holdingAlone', 'connected'] as const;

/** One step of the reflection conversation. */
export type ReflectionStep = (typeof REFLECTION_STEPS)[number];

/** A reflection with nothing answered yet. */
export const EMPTY_REFLECTION: Reflection = {
  helpedBy: [],
  yesCount: null,
  holdingAlone: '',
  connected: [],
};

const personSchema = z.object({
  id: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9-]{1,64}$/, 'must be a directory object id')
    .optional(),
  name: z
    .string()
    .trim()
    .min(1, 'a name is needed')
    .max(
      REFLECTION_LIMITS.nameLength,
      `names are at most ${REFLECTION_LIMITS.nameLength} characters`,
    ),
});

const peopleSchema = z
  .array(personSchema)
  .max(REFLECTION_LIMITS.people, `at most ${REFLECTION_LIMITS.people} people`);

/** Schema of reflection answers as clients send them. */
export const reflectionAnswersSchema = z.object({
  helpedBy: peopleSchema,
  yesCount: z
    .number()
    .int('a whole number, please')
    .min(0, 'zero or more')
    .max(REFLECTION_LIMITS.yesCount, `at most ${REFLECTION_LIMITS.yesCount}`)
    .nullable(),
  holdingAlone: z
    .string()
    .trim()
    .max(REFLECTION_LIMITS.holdingAlone, `at most ${REFLECTION_LIMITS.holdingAlone} characters`),
  connected: peopleSchema,
});

/** Reflection answers as clients send them (no completion time). */
export type ReflectionAnswers = z.infer<typeof reflectionAnswersSchema>;

/**
 * Splits free text into people: one per comma, semicolon or line; blanks dropped, duplicates
 * (ignoring case) kept once, names trimmed to the limit.
 */
export function peopleFromText(text: string): Person[] {
  const seen = new Set<string>();
  const people: Person[] = [];
  for (const raw of text.split(/[,;\n]/)) {
    const name = raw.trim().slice(0, REFLECTION_LIMITS.nameLength);
    if (name.length === 0 || seen.has(name.toLowerCase())) continue;
    seen.add(name.toLowerCase());
    people.push({ name });
    if (people.length === REFLECTION_LIMITS.people) break;
  }
  return people;
}

/** Merges two lists of people, keeping the first of any duplicate (by id, else by name). */
export function mergePeople(first: readonly Person[], second: readonly Person[]): Person[] {
  const keyOf = (person: Person): string => person.id ?? `name:${person.name.toLowerCase()}`;
  const seen = new Set<string>();
  return [...first, ...second]
    .filter((person) => {
      const key = keyOf(person);
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, REFLECTION_LIMITS.people);
}

/** True when at least one prompt has an answer. */
export function hasAnyAnswer(reflection: Reflection): boolean {
  return (
    reflection.helpedBy.length > 0 ||
    reflection.yesCount !== null ||
    reflection.holdingAlone.length > 0 ||
    reflection.connected.length > 0
  );
}
