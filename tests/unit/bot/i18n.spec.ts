import en from '../../../bot/locales/en.json';
import de from '../../../bot/locales/de.json';
import { languageOf, translate } from '../../../bot/i18n';

describe('bot i18n', () => {
  it('has every English message in German too', () => {
    expect(Object.keys(de).sort()).toEqual(Object.keys(en).sort());
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
