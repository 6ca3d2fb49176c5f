import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { languageOf, translate } from '../../../bot/i18n';

const LOCALES = path.resolve(__dirname, '../../../bot/locales');

function catalogue(language: string): Record<string, string> {
  return Object.assign(
    {},
    ...readdirSync(path.join(LOCALES, language)).map(
      (file) => JSON.parse(readFileSync(path.join(LOCALES, language, file), 'utf8')) as object,
    ),
  ) as Record<string, string>;
}

describe('bot i18n', () => {
  it('has every English message in German too, with the same placeholders', () => {
    const en = catalogue('en');
    const de = catalogue('de');
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
    const placeholders = (text: string) => (text.match(/\{\w+\}/g) ?? []).sort();
    for (const key of Object.keys(en)) {
      expect([key, placeholders(de[key] ?? '')]).toEqual([key, placeholders(en[key] ?? '')]);
    }
  });

  it('has the same feature files in every language', () => {
    expect(readdirSync(path.join(LOCALES, 'de')).sort()).toEqual(
      readdirSync(path.join(LOCALES, 'en')).sort(),
    );
  });

  it('picks the language from a locale and falls back to English', () => {
    expect(languageOf('de-AT')).toBe('de');
    expect(languageOf('fr-FR')).toBe('en');
    expect(languageOf(undefined)).toBe('en');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en-US', 'welcome.greeting', { name: 'Sam' })).toBe("Hi Sam, I'm Spotter.");
    expect(translate('de-DE', 'welcome.greeting', { name: 'Sam' })).toBe(
      'Hallo Sam, ich bin Spotter.',
    );
    expect(translate('en', 'welcome.greeting')).toContain('{name}');
  });
});
