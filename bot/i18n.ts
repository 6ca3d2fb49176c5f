/**
 * The bot's words, looked up by key in the user's language.
 *
 * @remarks
 * Every sentence the bot says lives in `bot/locales/<language>/<feature>.json`; English is
 * complete and the fallback for any key or language that is missing. Each feature keeps its own
 * file so that features can grow side by side; their keys are prefixed with the feature's name.
 */
import enCore from './locales/en/core.json';
import deCore from './locales/de/core.json';
import enPractice from './locales/en/practice.json';
import dePractice from './locales/de/practice.json';
import enAsk from './locales/en/ask.json';
import deAsk from './locales/de/ask.json';
import enReminder from './locales/en/reminder.json';
import deReminder from './locales/de/reminder.json';

const en = { ...enCore, ...enPractice, ...enAsk, ...enReminder };
const de: Partial<Record<keyof typeof en, string>> = {
  ...deCore,
  ...dePractice,
  ...deAsk,
  ...deReminder,
};

/** A key of the bot's message catalogue. */
export type MessageKey = keyof typeof en;

const catalogues: Record<string, Partial<Record<MessageKey, string>>> = { en, de };

/** The languages the bot speaks. */
export const SUPPORTED_LANGUAGES = Object.keys(catalogues);

/** The catalogue language for a BCP 47 locale such as `de-DE`; English when unsupported. */
export function languageOf(locale: string | undefined): string {
  const language = (locale ?? 'en').toLowerCase().split(/[-_]/)[0] ?? 'en';
  return language in catalogues ? language : 'en';
}

/** A message in the user's language with `{placeholders}` filled in. */
export function translate(
  locale: string | undefined,
  key: MessageKey,
  values: Record<string, string | number> = {},
): string {
  const template = catalogues[languageOf(locale)]?.[key] ?? en[key];
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    values[name] === undefined ? whole : String(values[name]),
  );
}
