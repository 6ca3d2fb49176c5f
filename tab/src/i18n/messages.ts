/**
 * The tab's message catalogues: every user-facing string, per language.
 *
 * @remarks
 * English is the source; typing the German catalogue on English's keys makes a missing
 * translation a compile error instead of a blank on screen.
 */
import de from '../locales/de.json';
import en from '../locales/en.json';

/** The key of one user-facing message. */
export type MessageKey = keyof typeof en;

type PluralBase<K> = K extends `${infer Base}.one`
  ? `${Base}.other` extends MessageKey
    ? Base
    : never
  : never;

/** The key of a counted message, which has a `.one` and an `.other` form. */
export type PluralKey = PluralBase<MessageKey>;

/** Languages the tab speaks. */
export type Language = 'en' | 'de';

/** Every message of every language. */
export const catalogues: Readonly<Record<Language, Readonly<Record<MessageKey, string>>>> = {
  en,
  de,
};

/** True when `key` names a message (for keys built from data, such as a challenge's id). */
export function isMessageKey(key: string): key is MessageKey {
  return Object.hasOwn(en, key);
}

/**
 * Picks the first supported language from BCP 47 tags in order of preference (the host's locale
 * first, then the browser's), falling back to English.
 */
export function pickLanguage(tags: readonly (string | undefined)[]): Language {
  for (const tag of tags) {
    const primary = tag?.toLowerCase().split(/[-_]/)[0];
    if (primary === 'en' || primary === 'de') return primary;
  }
  return 'en';
}

/** Fills `{name}`-style placeholders; an unknown placeholder stays visible, so it gets noticed. */
export function format(template: string, values: Readonly<Record<string, string>> = {}): string {
  return template.replace(/\{(\w+)\}/g, (placeholder, name: string) => values[name] ?? placeholder);
}
