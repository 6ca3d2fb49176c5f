/**
 * The settings card: reminder day and time, time zone, pause, quiet hours.
 */
import type { UserSettings } from '../../src/domain/settings';
import { translate, type MessageKey } from '../i18n';
import {
  adaptiveCard,
  executeAction,
  noticeBlock,
  type AdaptiveCard,
  type CardNotice,
} from './card-elements';

/** Verbs of the settings card's buttons (each also arrives as an `Action.Submit`). */
export const SETTINGS_VERBS = {
  /** Save the form. */
  save: 'settings.save',
  /** Pause reminders in one tap. */
  pause: 'settings.pause',
  /** Resume reminders in one tap. */
  resume: 'settings.resume',
} as const;

/** Ids of the card's inputs, which are the keys of the submitted data. */
export const SETTINGS_INPUTS = {
  reminderDay: 'reminderDay',
  reminderTime: 'reminderTime',
  timeZone: 'timeZone',
  paused: 'paused',
  quietStart: 'quietStart',
  quietEnd: 'quietEnd',
} as const;

/** The form's values as the person sees them (all text, as inputs submit them). */
export interface SettingsForm {
  /** ISO weekday 1–7. */
  readonly reminderDay: string;
  /** `HH:MM`. */
  readonly reminderTime: string;
  /** IANA time zone. */
  readonly timeZone: string;
  /** Reminders paused. */
  readonly paused: boolean;
  /** Quiet hours start, `HH:MM` or empty. */
  readonly quietStart: string;
  /** Quiet hours end, `HH:MM` or empty. */
  readonly quietEnd: string;
}

/** What the settings card shows. */
export interface SettingsView {
  /** Current values. */
  readonly form: SettingsForm;
  /** A confirmation or a problem to show on top. */
  readonly notice?: CardNotice;
}

/** The form showing stored settings. */
export function formOfSettings(settings: UserSettings): SettingsForm {
  return {
    reminderDay: String(settings.reminderDay),
    reminderTime: settings.reminderTime,
    timeZone: settings.timeZone,
    paused: settings.paused,
    quietStart: settings.quietHours?.start ?? '',
    quietEnd: settings.quietHours?.end ?? '',
  };
}

const DAY_KEYS: readonly MessageKey[] = [
  'settings.day.1',
  'settings.day.2',
  'settings.day.3',
  'settings.day.4',
  'settings.day.5',
  'settings.day.6',
  'settings.day.7',
];

/** The name of an ISO weekday (1 = Monday … 7 = Sunday) in the person's language. */
export function dayName(locale: string | undefined, day: number): string {
  return translate(locale, DAY_KEYS[day - 1] ?? 'settings.day.5');
}

const DAYS = [1, 2, 3, 4, 5, 6, 7] as const;

/** The settings card. */
export function settingsCard(locale: string | undefined, view: SettingsView): AdaptiveCard {
  const { form } = view;
  const time = (value: string) => (value ? { value } : {});
  return adaptiveCard(
    [
      {
        type: 'TextBlock',
        text: translate(locale, 'settings.card.title'),
        size: 'medium',
        weight: 'bolder',
        wrap: true,
      },
      ...(view.notice ? [noticeBlock(view.notice)] : []),
      {
        type: 'Input.ChoiceSet',
        id: SETTINGS_INPUTS.reminderDay,
        label: translate(locale, 'settings.day.label'),
        style: 'compact',
        choices: DAYS.map((day) => ({ title: dayName(locale, day), value: String(day) })),
        ...(form.reminderDay ? { value: form.reminderDay } : {}),
      },
      {
        type: 'Input.Time',
        id: SETTINGS_INPUTS.reminderTime,
        label: translate(locale, 'settings.time.label'),
        ...time(form.reminderTime),
      },
      {
        type: 'Input.Text',
        id: SETTINGS_INPUTS.timeZone,
        label: translate(locale, 'settings.zone.label'),
        placeholder: translate(locale, 'settings.zone.placeholder'),
        maxLength: 64,
        ...(form.timeZone ? { value: form.timeZone } : {}),
      },
      {
        type: 'Input.Toggle',
        id: SETTINGS_INPUTS.paused,
        title: translate(locale, 'settings.paused.title'),
        value: String(form.paused),
        valueOn: 'true',
        valueOff: 'false',
      },
      {
        type: 'TextBlock',
        text: translate(locale, 'settings.quiet.heading'),
        wrap: true,
        spacing: 'medium',
      },
      {
        type: 'Input.Time',
        id: SETTINGS_INPUTS.quietStart,
        label: translate(locale, 'settings.quietStart.label'),
        ...time(form.quietStart),
      },
      {
        type: 'Input.Time',
        id: SETTINGS_INPUTS.quietEnd,
        label: translate(locale, 'settings.quietEnd.label'),
        ...time(form.quietEnd),
      },
    ],
    [
      executeAction(translate(locale, 'settings.action.save'), SETTINGS_VERBS.save, {
        style: 'positive',
      }),
      form.paused
        ? executeAction(translate(locale, 'settings.action.resume'), SETTINGS_VERBS.resume, {
            ignoreInputs: true,
          })
        : executeAction(translate(locale, 'settings.action.pause'), SETTINGS_VERBS.pause, {
            ignoreInputs: true,
          }),
    ],
  );
}
