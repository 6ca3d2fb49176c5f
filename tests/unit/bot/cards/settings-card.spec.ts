import {
  dayName,
  formOfSettings,
  SETTINGS_VERBS,
  settingsCard,
} from '../../../../bot/cards/settings-card';
import { defaultSettings } from '../../../../src/domain/settings';
import { adaptiveCardProblems } from '../../../support/adaptive-card';

describe('settings card', () => {
  it('shows the defaults with the Teams time zone, and a one-tap pause', () => {
    const card = settingsCard('en-US', { form: formOfSettings(defaultSettings('Europe/Berlin')) });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchSnapshot();
    const json = JSON.stringify(card);
    expect(json).toContain('"value":"Europe/Berlin"');
    expect(json).toContain('"value":"16:00"');
    expect((card.actions ?? []).map((a) => a.verb)).toEqual([
      SETTINGS_VERBS.save,
      SETTINGS_VERBS.pause,
    ]);
  });

  it('offers resume when paused, and shows quiet hours and a problem', () => {
    const card = settingsCard('de-DE', {
      form: formOfSettings({
        ...defaultSettings('UTC'),
        paused: true,
        quietHours: { start: '22:00', end: '07:00' },
      }),
      notice: { text: 'Uhrzeiten sehen so aus: 16:00.', tone: 'attention' },
    });
    expect(adaptiveCardProblems(card)).toEqual([]);
    expect(card).toMatchSnapshot();
    expect((card.actions ?? []).map((a) => a.verb)).toEqual([
      SETTINGS_VERBS.save,
      SETTINGS_VERBS.resume,
    ]);
    expect(JSON.stringify(card)).toContain('"value":"22:00"');
  });

  it('names weekdays Monday to Sunday', () => {
    expect(dayName('en', 1)).toBe('Monday');
    expect(dayName('de', 7)).toBe('Sonntag');
  });
});
