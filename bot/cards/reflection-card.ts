/**
 * The weekly reflection as one card: the three prompts, people through Teams' people picker
 * with a free-text fallback, the yes-count as a number.
 */
import { REFLECTION_LIMITS, type Reflection } from '../../src/domain/reflection';
import type { WeekKey } from '../../src/domain/week';
import { translate } from '../i18n';
import {
  adaptiveCard,
  executeAction,
  noticeBlock,
  type AdaptiveCard,
  type CardElement,
  type CardNotice,
  type ChoiceSetInput,
  type TextInput,
} from './card-elements';

/** Verbs of the reflection card's buttons (each also arrives as an `Action.Submit`). */
export const REFLECTION_VERBS = {
  /** Save and finish: answers the summary. */
  save: 'reflect.save',
  /** Save as a draft. */
  draft: 'reflect.draft',
  /** Switch to the turn-by-turn conversation. */
  chat: 'reflect.chat',
  /** Open the form again (from the summary). */
  open: 'reflect.open',
} as const;

/** Ids of the card's inputs, which are the keys of the submitted data. */
export const REFLECTION_INPUTS = {
  helpedByPicked: 'helpedByPicked',
  helpedByNames: 'helpedByNames',
  yesCount: 'yesCount',
  holdingAlone: 'holdingAlone',
  connectedPicked: 'connectedPicked',
  connectedNames: 'connectedNames',
} as const;

/** Someone chosen with the people picker. */
export interface PickedPerson {
  /** Entra object id. */
  readonly id: string;
  /** Display name, shown while the person stays chosen. */
  readonly name: string;
}

/** One people question: picked people plus names typed by hand. */
export interface PeopleField {
  /** From the directory. */
  readonly picked: readonly PickedPerson[];
  /** Names typed by hand, comma-separated. */
  readonly typed: string;
}

/** The form's values as the person sees them. */
export interface ReflectionForm {
  /** *Let in*: who helped. */
  readonly helpedBy: PeopleField;
  /** *Let in*: how many times they said yes, as typed (empty when unanswered). */
  readonly yesCount: string;
  /** *Still holding alone*. */
  readonly holdingAlone: string;
  /** *Connected*. */
  readonly connected: PeopleField;
}

/** What the reflection card shows. */
export interface ReflectionCardView {
  /** The week being reflected on. */
  readonly week: WeekKey;
  /** Current values. */
  readonly form: ReflectionForm;
  /** True when answers exist already (the card says so). */
  readonly editing: boolean;
  /** A confirmation or a problem to show on top. */
  readonly notice?: CardNotice;
}

/** The week's number as people say it (`2026-W05` → `5`). */
export function weekLabel(week: WeekKey): string {
  return String(Number(week.slice(-2)));
}

function peopleFieldOf(people: Reflection['helpedBy']): PeopleField {
  return {
    picked: people.flatMap((person) => (person.id ? [{ id: person.id, name: person.name }] : [])),
    typed: people
      .filter((person) => !person.id)
      .map((person) => person.name)
      .join(', '),
  };
}

/** The form showing a stored reflection. */
export function formOfReflection(reflection: Reflection): ReflectionForm {
  return {
    helpedBy: peopleFieldOf(reflection.helpedBy),
    yesCount: reflection.yesCount === null ? '' : String(reflection.yesCount),
    holdingAlone: reflection.holdingAlone,
    connected: peopleFieldOf(reflection.connected),
  };
}

function peopleInputs(
  locale: string | undefined,
  field: PeopleField,
  ids: { picked: string; names: string },
  label: string,
): [ChoiceSetInput, TextInput] {
  const picker: ChoiceSetInput = {
    type: 'Input.ChoiceSet',
    id: ids.picked,
    label,
    isMultiSelect: true,
    placeholder: translate(locale, 'reflect.picker.placeholder'),
    choices: field.picked.map((person) => ({ title: person.name, value: person.id })),
    'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
    ...(field.picked.length > 0
      ? { value: field.picked.map((person) => person.id).join(',') }
      : {}),
  };
  const names: TextInput = {
    type: 'Input.Text',
    id: ids.names,
    label: translate(locale, 'reflect.names.label'),
    maxLength: REFLECTION_LIMITS.people * (REFLECTION_LIMITS.nameLength + 2),
    ...(field.typed ? { value: field.typed } : {}),
  };
  return [picker, names];
}

function heading(text: string): CardElement {
  return { type: 'TextBlock', text, weight: 'bolder', wrap: true, spacing: 'medium' };
}

/** The reflection form. */
export function reflectionCard(locale: string | undefined, view: ReflectionCardView): AdaptiveCard {
  const { form } = view;
  const count = /^\d+$/.test(form.yesCount.trim()) ? Number(form.yesCount.trim()) : undefined;
  const weekData = { week: view.week };
  return adaptiveCard(
    [
      {
        type: 'TextBlock',
        text: translate(locale, 'reflect.card.title', { week: weekLabel(view.week) }),
        size: 'medium',
        weight: 'bolder',
        wrap: true,
      },
      {
        type: 'TextBlock',
        text: translate(locale, view.editing ? 'reflect.card.editing' : 'reflect.card.intro'),
        wrap: true,
        isSubtle: true,
      },
      ...(view.notice ? [noticeBlock(view.notice)] : []),
      heading(translate(locale, 'reflect.letIn.heading')),
      ...peopleInputs(
        locale,
        form.helpedBy,
        { picked: REFLECTION_INPUTS.helpedByPicked, names: REFLECTION_INPUTS.helpedByNames },
        translate(locale, 'reflect.helpedBy.label'),
      ),
      {
        type: 'Input.Number',
        id: REFLECTION_INPUTS.yesCount,
        label: translate(locale, 'reflect.yesCount.label'),
        min: 0,
        max: REFLECTION_LIMITS.yesCount,
        ...(count !== undefined ? { value: count } : {}),
      },
      heading(translate(locale, 'reflect.holdingAlone.heading')),
      {
        type: 'Input.Text',
        id: REFLECTION_INPUTS.holdingAlone,
        label: translate(locale, 'reflect.holdingAlone.label'),
        isMultiline: true,
        maxLength: REFLECTION_LIMITS.holdingAlone,
        ...(form.holdingAlone ? { value: form.holdingAlone } : {}),
      },
      heading(translate(locale, 'reflect.connected.heading')),
      ...peopleInputs(
        locale,
        form.connected,
        { picked: REFLECTION_INPUTS.connectedPicked, names: REFLECTION_INPUTS.connectedNames },
        translate(locale, 'reflect.connected.label'),
      ),
    ],
    [
      executeAction(translate(locale, 'reflect.action.done'), REFLECTION_VERBS.save, {
        data: weekData,
        style: 'positive',
      }),
      executeAction(translate(locale, 'reflect.action.draft'), REFLECTION_VERBS.draft, {
        data: weekData,
      }),
      executeAction(translate(locale, 'reflect.action.chat'), REFLECTION_VERBS.chat, {
        data: weekData,
        ignoreInputs: true,
      }),
    ],
  );
}
