/**
 * `settings`: reminder day and time, time zone, pause and quiet hours, on one card.
 *
 * @remarks
 * Whatever the card sends is checked against the settings schema before anything is written;
 * a problem answers the card again with the person's values and a friendly line, nothing saved.
 */
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import { z } from 'zod';
import type { Scope } from '../../src/auth/scope';
import { settingsSchema, type UserSettings } from '../../src/domain/settings';
import type { BotDependencies } from '../bot-context';
import type { CardNotice } from '../cards/card-elements';
import { escapeCardText } from '../cards/card-text';
import {
  dayName,
  formOfSettings,
  SETTINGS_INPUTS,
  SETTINGS_VERBS,
  settingsCard,
  type SettingsForm,
} from '../cards/settings-card';
import { translate, type MessageKey } from '../i18n';
import type { SpotterTurnState } from '../state/spotter-turn-state';
import { personalScope } from './personal-scope';
import { cardMessage, registerCardAction, type CardReply } from './universal-action';

const field = z.union([z.string().max(100), z.number(), z.boolean()]).optional();

/** What the settings card submits; loose on purpose, the settings schema decides. */
const cardDataSchema = z.object({
  [SETTINGS_INPUTS.reminderDay]: field,
  [SETTINGS_INPUTS.reminderTime]: field,
  [SETTINGS_INPUTS.timeZone]: field,
  [SETTINGS_INPUTS.paused]: field,
  [SETTINGS_INPUTS.quietStart]: field,
  [SETTINGS_INPUTS.quietEnd]: field,
});

const textOf = (value: string | number | boolean | undefined): string =>
  value === undefined ? '' : String(value).trim();

/** The form as the card submitted it. */
function formOfCardData(data: z.infer<typeof cardDataSchema>): SettingsForm {
  return {
    reminderDay: textOf(data.reminderDay),
    reminderTime: textOf(data.reminderTime),
    timeZone: textOf(data.timeZone),
    paused: textOf(data.paused) === 'true',
    quietStart: textOf(data.quietStart),
    quietEnd: textOf(data.quietEnd),
  };
}

/** The message for a problem with each settings field. */
const PROBLEMS: Readonly<Record<string, MessageKey>> = {
  reminderDay: 'settings.invalid.day',
  reminderTime: 'settings.invalid.time',
  timeZone: 'settings.invalid.zone',
  quietHours: 'settings.invalid.quiet',
};

/** Settings from the form, or the message key of the first problem. */
export function settingsFromForm(
  form: SettingsForm,
  previous: UserSettings,
): { settings: UserSettings } | { problem: MessageKey } {
  const hasQuiet = form.quietStart !== '' || form.quietEnd !== '';
  if (hasQuiet && (!form.quietStart || !form.quietEnd || form.quietStart === form.quietEnd)) {
    return { problem: 'settings.invalid.quiet' };
  }
  const parsed = settingsSchema.safeParse({
    reminderDay: /^[1-7]$/.test(form.reminderDay) ? Number(form.reminderDay) : undefined,
    reminderTime: form.reminderTime,
    timeZone: form.timeZone,
    paused: form.paused,
    quietHours: hasQuiet ? { start: form.quietStart, end: form.quietEnd } : null,
    language: previous.language,
  });
  if (parsed.success) return { settings: parsed.data };
  const path = String(parsed.error.issues[0]?.path[0] ?? '');
  return { problem: PROBLEMS[path] ?? 'practice.badCard' };
}

/** The saved settings in words. */
export function confirmationOf(locale: string | undefined, settings: UserSettings): string {
  if (settings.paused) return translate(locale, 'settings.saved.paused');
  const when = translate(locale, 'settings.saved.active', {
    day: dayName(locale, settings.reminderDay),
    time: settings.reminderTime,
    zone: escapeCardText(settings.timeZone),
  });
  const quiet = settings.quietHours
    ? [translate(locale, 'settings.saved.quiet', settings.quietHours)]
    : [];
  return [when, ...quiet].join(' ');
}

function card(locale: string | undefined, form: SettingsForm, notice?: CardNotice): CardReply {
  return { card: settingsCard(locale, { form, ...(notice ? { notice } : {}) }) };
}

async function save(
  scope: Scope,
  locale: string | undefined,
  deps: BotDependencies,
  settings: UserSettings,
): Promise<CardReply> {
  const saved = await deps.practice.saveSettings(scope, settings);
  return card(locale, formOfSettings(saved.value), {
    text: confirmationOf(locale, saved.value),
    tone: 'good',
  });
}

function outOfChat(context: TurnContext): CardReply {
  return { text: translate(context.activity.locale, 'practice.personalOnly') };
}

/** Registers `settings` and the settings card's buttons. */
export function registerSettings(app: Application<SpotterTurnState>, deps: BotDependencies): void {
  app.message(/^\s*settings\s*$/i, async (context) => {
    const locale = context.activity.locale;
    const scope = personalScope(context);
    if (!scope) {
      await context.sendActivity(translate(locale, 'practice.personalOnly'));
      return;
    }
    const { value } = await deps.practice.settings(scope);
    await context.sendActivity(cardMessage(settingsCard(locale, { form: formOfSettings(value) })));
  });

  registerCardAction(app, SETTINGS_VERBS.save, async (context, _state, data) => {
    const scope = personalScope(context);
    if (!scope) return outOfChat(context);
    const locale = context.activity.locale;
    const current = (await deps.practice.settings(scope)).value;
    const parsed = cardDataSchema.safeParse(data);
    if (!parsed.success) {
      const text = translate(locale, 'practice.badCard');
      return card(locale, formOfSettings(current), { text, tone: 'attention' });
    }
    const form = formOfCardData(parsed.data);
    const result = settingsFromForm(form, current);
    if ('problem' in result) {
      const text = translate(locale, result.problem, { zone: escapeCardText(form.timeZone) });
      return card(locale, form, { text, tone: 'attention' });
    }
    return save(scope, locale, deps, result.settings);
  });

  for (const [verb, paused] of [
    [SETTINGS_VERBS.pause, true],
    [SETTINGS_VERBS.resume, false],
  ] as const) {
    registerCardAction(app, verb, async (context) => {
      const scope = personalScope(context);
      if (!scope) return outOfChat(context);
      const current = (await deps.practice.settings(scope)).value;
      return save(scope, context.activity.locale, deps, { ...current, paused });
    });
  }
}
