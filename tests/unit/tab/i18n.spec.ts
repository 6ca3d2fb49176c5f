/**
 * The tab's language choice, message filling and date formats.
 */
import {
  formatLongDate,
  formatWeekSpan,
  weekdayName,
  weekNumber,
} from '../../../tab/src/i18n/formats';
import { format, isMessageKey, pickLanguage } from '../../../tab/src/i18n/messages';

it('picks the first supported language, else English', () => {
  expect(pickLanguage(['de-AT', 'en-US'])).toBe('de');
  expect(pickLanguage([undefined, 'fr-FR', 'en_GB'])).toBe('en');
  expect(pickLanguage(['fr'])).toBe('en');
});

it('fills placeholders and leaves unknown ones visible', () => {
  expect(format('Hi, {name} {missing}', { name: 'Alex' })).toBe('Hi, Alex {missing}');
});

it('knows its own keys only', () => {
  expect(isMessageKey('challenge.say-yes')).toBe(true);
  expect(isMessageKey('challenge.unknown')).toBe(false);
  expect(isMessageKey('toString')).toBe(false);
});

it('formats weeks and dates in the reader’s language', () => {
  // ICU puts thin spaces around the range dash; any space will do for the check.
  const spaced = (text: string) => text.replace(/\s/g, ' ');
  expect(spaced(formatWeekSpan('en', '2026-11-23', '2026-11-29'))).toBe('Nov 23 – 29, 2026');
  expect(spaced(formatWeekSpan('de', '2026-12-28', '2027-01-03'))).toMatch(
    /^28\. Dez\. 2026 – 3\. Jan\. 2027$/,
  );
  expect(formatLongDate('de', '2026-11-23')).toBe('23. November 2026');
  expect(weekdayName('en', 1)).toBe('Monday');
  expect(weekdayName('de', 7)).toBe('Sonntag');
  expect(weekNumber('2026-W05')).toBe(5);
});
