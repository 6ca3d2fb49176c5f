import { firstNameOf, isValidLocale, isValidTimeZone } from '../../../src/domain/profile';

describe('firstNameOf', () => {
  it.each([
    ['Alex Rivera', 'Alex'],
    ['  Tomás García ', 'Tomás'],
    ["O'Neil Smith", "O'Neil"],
    ['Anne-Marie Duval', 'Anne-Marie'],
    ['**Bold** Name', 'Bold'],
    ['[click](http://evil)', 'clickhttpevil'],
  ])('greets %p as %p', (displayName, expected) => {
    expect(firstNameOf(displayName)).toBe(expected);
  });

  it.each([undefined, '', '   ', '***', '<>'])('has no name for %p', (displayName) => {
    expect(firstNameOf(displayName)).toBeUndefined();
  });

  it('keeps names short', () => {
    expect(firstNameOf('A'.repeat(500))).toHaveLength(40);
  });
});

describe('isValidTimeZone', () => {
  it.each(['Europe/Berlin', 'America/New_York', 'UTC'])('accepts %p', (zone) => {
    expect(isValidTimeZone(zone)).toBe(true);
  });
  it.each([undefined, '', 'Mars/Olympus', 'x'.repeat(65)])('refuses %p', (zone) => {
    expect(isValidTimeZone(zone)).toBe(false);
  });
});

describe('isValidLocale', () => {
  it.each(['en-US', 'de', 'pt-BR'])('accepts %p', (locale) => {
    expect(isValidLocale(locale)).toBe(true);
  });
  it.each([undefined, '', 'not a locale', '12'])('refuses %p', (locale) => {
    expect(isValidLocale(locale)).toBe(false);
  });
});
