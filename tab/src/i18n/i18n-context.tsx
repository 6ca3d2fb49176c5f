/**
 * Makes the chosen language available to every component and keeps the document's `lang` in
 * step, so screen readers pronounce the text in the right language.
 */
import { createContext, useContext, useEffect, useMemo, type ReactNode } from 'react';
import { catalogues, format, type Language, type MessageKey, type PluralKey } from './messages';

/** Looks up a message and fills its placeholders. */
export type Translate = (key: MessageKey, values?: Readonly<Record<string, string>>) => string;

/** Looks up the plural form of a message for `count` (filling `{count}` too). */
export type TranslatePlural = (
  key: PluralKey,
  count: number,
  values?: Readonly<Record<string, string>>,
) => string;

/** What `useI18n` gives a component. */
export interface I18n {
  /** The language in use. */
  readonly language: Language;
  /** Looks up a message in that language. */
  readonly t: Translate;
  /** Looks up a counted message in that language. */
  readonly tp: TranslatePlural;
}

function createI18n(language: Language): I18n {
  const catalogue = catalogues[language];
  const rules = new Intl.PluralRules(language);
  const numbers = new Intl.NumberFormat(language);
  // Plural rules and number formatting are slow next to everything else in a long list, and
  // the same few counts come up again and again.
  const counted = new Map<number, { form: 'one' | 'other'; text: string }>();
  const countOf = (count: number) => {
    let known = counted.get(count);
    if (!known) {
      known = {
        form: rules.select(count) === 'one' ? 'one' : 'other',
        text: numbers.format(count),
      };
      counted.set(count, known);
    }
    return known;
  };
  return {
    language,
    t: (key, values) => format(catalogue[key], values),
    tp: (key, count, values) => {
      const { form, text } = countOf(count);
      return format(catalogue[`${key}.${form}`], { ...values, count: text });
    },
  };
}

const I18nContext = createContext<I18n>(createI18n('en'));

/** Provides one language to everything below it. */
export function I18nProvider({
  language,
  children,
}: {
  readonly language: Language;
  readonly children: ReactNode;
}) {
  const i18n = useMemo(() => createI18n(language), [language]);
  useEffect(() => {
    document.documentElement.lang = language;
  }, [language]);
  return <I18nContext value={i18n}>{children}</I18nContext>;
}

/** The current language and its message lookup. */
export function useI18n(): I18n {
  return useContext(I18nContext);
}
