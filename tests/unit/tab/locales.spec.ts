/**
 * The tab's words: English and German complete and alike in their placeholders, and the words
 * it shares with the chat (the reflection's prompts, the rep kinds, the challenges) the very
 * words the bot uses.
 */
import botAskDe from '../../../bot/locales/de/ask.json';
import botAskEn from '../../../bot/locales/en/ask.json';
import botDe from '../../../bot/locales/de/practice.json';
import botEn from '../../../bot/locales/en/practice.json';
import { CHALLENGE_IDS } from '../../../src/domain/challenges';
import de from '../../../tab/src/locales/de.json';
import en from '../../../tab/src/locales/en.json';

const tabCatalogues = { en: en as Record<string, string>, de: de as Record<string, string> };
const botCatalogues = {
  en: { ...botEn, ...botAskEn } as Record<string, string>,
  de: { ...botDe, ...botAskDe } as Record<string, string>,
};

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{(\w+)\}/g)].map((match) => match[1] as string).sort();
}

it('has the same keys in English and German, none of them empty', () => {
  expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
  for (const catalogue of Object.values(tabCatalogues)) {
    for (const [key, text] of Object.entries(catalogue)) {
      expect([key, text.trim().length > 0]).toEqual([key, true]);
    }
  }
});

it('uses the same placeholders in both languages', () => {
  for (const key of Object.keys(en)) {
    expect([key, placeholders(tabCatalogues.de[key] ?? '')]).toEqual([
      key,
      placeholders(tabCatalogues.en[key] ?? ''),
    ]);
  }
});

it('has both plural forms of every counted message', () => {
  for (const key of Object.keys(en)) {
    if (key.endsWith('.one')) expect(Object.keys(en)).toContain(key.replace(/\.one$/, '.other'));
    if (key.endsWith('.other')) expect(Object.keys(en)).toContain(key.replace(/\.other$/, '.one'));
  }
});

it.each(['en', 'de'] as const)(
  'shares the chat’s words for prompts, reps and challenges (%s)',
  (language) => {
    const tab = tabCatalogues[language];
    const bot = botCatalogues[language];
    for (const id of CHALLENGE_IDS) {
      expect(tab[`challenge.${id}`]).toBe(bot[`challenge.${id}`]);
    }
    const shared = Object.keys(tab).filter(
      (key) => /^(reflect|reps|challenge|ask)\./.test(key) && key in bot,
    );
    expect(shared.length).toBeGreaterThan(20);
    for (const key of shared) expect([key, tab[key]]).toEqual([key, bot[key]]);
    for (const key of [
      'reflect.helpedBy.label',
      'reflect.yesCount.label',
      'reflect.holdingAlone.label',
      'reflect.connected.label',
    ]) {
      expect(shared).toContain(key);
    }
  },
);
