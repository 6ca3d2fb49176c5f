/**
 * Reading what the reflection card submits: its inputs (and the action's `week`) turned into
 * reflection answers, or into the form to show again with the first problem.
 *
 * @remarks
 * Everything a client sends is untrusted: sizes are bounded, directory ids checked, people
 * counted, and the result passes the domain's answers schema before anyone saves it. Picked
 * people arrive as Entra object ids only (that is all Teams' people picker submits), so the
 * caller says how to name them.
 */
import { z } from 'zod';
import {
  mergePeople,
  peopleFromText,
  REFLECTION_LIMITS,
  reflectionAnswersSchema,
  type Person,
  type ReflectionAnswers,
} from '../../src/domain/reflection';
import type { MessageKey } from '../i18n';
import { REFLECTION_INPUTS, type PeopleField, type ReflectionForm } from './reflection-card';

const DIRECTORY_ID = /^[A-Za-z0-9-]{1,64}$/;
const text = (max: number) => z.string().max(max).optional();

/** What the card submits; generous bounds here, the precise limits come after. */
const cardDataSchema = z.object({
  week: text(16),
  [REFLECTION_INPUTS.helpedByPicked]: text(2_000),
  [REFLECTION_INPUTS.helpedByNames]: text(4_000),
  [REFLECTION_INPUTS.yesCount]: z.union([z.string().max(32), z.number()]).optional(),
  [REFLECTION_INPUTS.holdingAlone]: text(8_000),
  [REFLECTION_INPUTS.connectedPicked]: text(2_000),
  [REFLECTION_INPUTS.connectedNames]: text(4_000),
});

/** A problem with the card's answers: a message key and its values. */
export interface CardProblem {
  readonly key: MessageKey;
  readonly values?: Record<string, number>;
}

/** Names a person picked in the directory by their Entra object id. */
export type NameOfPicked = (id: string) => Promise<string>;

/** The card read: answers to save, or a problem (with the form as submitted, when readable). */
export type ReflectionCardReading =
  | {
      readonly kind: 'answers';
      /** The week the card was made for. */
      readonly week?: string;
      readonly answers: ReflectionAnswers;
    }
  | {
      readonly kind: 'problem';
      /** The week the card was made for. */
      readonly week?: string;
      readonly problem: CardProblem;
      /** What the person entered, to show again; absent when the data was not readable. */
      readonly form?: ReflectionForm;
    };

const BAD_CARD: CardProblem = { key: 'practice.badCard' };

const PEOPLE_PROBLEM: CardProblem = {
  key: 'reflect.invalid.people',
  values: { limit: REFLECTION_LIMITS.people, length: REFLECTION_LIMITS.nameLength },
};

function isProblem(value: unknown): value is CardProblem {
  return value !== null && typeof value === 'object' && 'key' in value;
}

function pickedIds(raw: string | undefined): string[] | CardProblem {
  const ids = (raw ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter((id) => id.length > 0);
  return ids.every((id) => DIRECTORY_ID.test(id)) ? [...new Set(ids)] : BAD_CARD;
}

function typedPeople(raw: string | undefined): Person[] | CardProblem {
  const names = (raw ?? '')
    .split(/[,;\n]/)
    .map((name) => name.trim())
    .filter((name) => name.length > 0);
  if (names.length > REFLECTION_LIMITS.people) return PEOPLE_PROBLEM;
  if (names.some((name) => name.length > REFLECTION_LIMITS.nameLength)) return PEOPLE_PROBLEM;
  return peopleFromText(raw ?? '');
}

async function readPeople(
  picked: string | undefined,
  typed: string | undefined,
  nameOf: NameOfPicked,
): Promise<{ field: PeopleField; people: Person[] | CardProblem }> {
  const ids = pickedIds(picked);
  const pickedPeople = isProblem(ids)
    ? []
    : await Promise.all(ids.map(async (id) => ({ id, name: await nameOf(id) })));
  const field: PeopleField = { picked: pickedPeople, typed: typed ?? '' };
  if (isProblem(ids)) return { field, people: ids };
  const named = typedPeople(typed);
  if (isProblem(named)) return { field, people: named };
  if (pickedPeople.length + named.length > REFLECTION_LIMITS.people) {
    return { field, people: PEOPLE_PROBLEM };
  }
  // Someone both picked and typed is the picked one.
  const pickedNames = new Set(pickedPeople.map((person) => person.name.toLowerCase()));
  const others = named.filter((person) => !pickedNames.has(person.name.toLowerCase()));
  return { field, people: mergePeople(pickedPeople, others) };
}

function readCount(raw: string | number | undefined): number | null | CardProblem {
  if (raw === undefined || (typeof raw === 'string' && raw.trim() === '')) return null;
  const value = typeof raw === 'number' ? raw : /^\s*\d+\s*$/.test(raw) ? Number(raw) : NaN;
  if (Number.isInteger(value) && value >= 0 && value <= REFLECTION_LIMITS.yesCount) return value;
  return { key: 'reflect.invalid.count', values: { limit: REFLECTION_LIMITS.yesCount } };
}

/** Reads whatever the reflection card sent. */
export async function readReflectionCard(
  raw: unknown,
  nameOf: NameOfPicked,
): Promise<ReflectionCardReading> {
  const parsed = cardDataSchema.safeParse(raw);
  if (!parsed.success) return { kind: 'problem', problem: BAD_CARD };
  const data = parsed.data;
  const week = data.week === undefined ? {} : { week: data.week };
  const helpedBy = await readPeople(
    data[REFLECTION_INPUTS.helpedByPicked],
    data[REFLECTION_INPUTS.helpedByNames],
    nameOf,
  );
  const connected = await readPeople(
    data[REFLECTION_INPUTS.connectedPicked],
    data[REFLECTION_INPUTS.connectedNames],
    nameOf,
  );
  const rawCount = data[REFLECTION_INPUTS.yesCount];
  const yesCount = readCount(rawCount);
  const holdingAlone = (data[REFLECTION_INPUTS.holdingAlone] ?? '').trim();
  const form: ReflectionForm = {
    helpedBy: helpedBy.field,
    yesCount: rawCount === undefined ? '' : String(rawCount),
    holdingAlone,
    connected: connected.field,
  };
  const tooLong: CardProblem | undefined =
    holdingAlone.length > REFLECTION_LIMITS.holdingAlone
      ? { key: 'reflect.invalid.tooLong', values: { limit: REFLECTION_LIMITS.holdingAlone } }
      : undefined;
  const problem = [helpedBy.people, yesCount, tooLong, connected.people].find(isProblem);
  if (problem) return { kind: 'problem', ...week, problem, form };
  const answers = reflectionAnswersSchema.safeParse({
    helpedBy: helpedBy.people,
    yesCount,
    holdingAlone,
    connected: connected.people,
  });
  return answers.success
    ? { kind: 'answers', ...week, answers: answers.data }
    : { kind: 'problem', ...week, problem: BAD_CARD, form };
}
