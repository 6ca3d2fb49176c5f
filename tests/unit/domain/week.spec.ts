import {
  addWeeks,
  instantOf,
  isWeekKey,
  localDateTimeOf,
  mondayOf,
  weekKeyOf,
  weekKeyOfDate,
  weeksBetween,
  weeksInIsoYear,
} from '../../../src/domain/week';

describe('ISO weeks', () => {
  it.each([
    [{ year: 2026, month: 11, day: 27 }, '2026-W48'],
    [{ year: 2021, month: 1, day: 3 }, '2020-W53'],
    [{ year: 2024, month: 12, day: 30 }, '2025-W01'],
    [{ year: 2026, month: 1, day: 1 }, '2026-W01'],
    [{ year: 2027, month: 1, day: 1 }, '2026-W53'],
    [{ year: 2027, month: 1, day: 4 }, '2027-W01'],
  ])('puts %p in %p', (date, week) => {
    expect(weekKeyOfDate(date)).toBe(week);
  });

  it('knows long years', () => {
    expect(weeksInIsoYear(2020)).toBe(53);
    expect(weeksInIsoYear(2026)).toBe(53);
    expect(weeksInIsoYear(2025)).toBe(52);
    expect(isWeekKey('2026-W53')).toBe(true);
    expect(isWeekKey('2025-W53')).toBe(false);
    expect(isWeekKey('2025-W00')).toBe(false);
    expect(isWeekKey('2025-w01')).toBe(false);
  });

  it('finds the Monday of a week and steps between weeks across year ends', () => {
    expect(mondayOf('2026-W48')).toEqual({ year: 2026, month: 11, day: 23 });
    expect(mondayOf('2025-W01')).toEqual({ year: 2024, month: 12, day: 30 });
    expect(addWeeks('2026-W53', 1)).toBe('2027-W01');
    expect(addWeeks('2027-W01', -1)).toBe('2026-W53');
    expect(weeksBetween('2025-W50', '2026-W02')).toBe(4);
  });

  it('reckons the week in the person’s time zone', () => {
    const sundayNightUtc = new Date('2026-11-29T23:30:00Z');
    expect(weekKeyOf(sundayNightUtc, 'UTC')).toBe('2026-W48');
    expect(weekKeyOf(sundayNightUtc, 'Europe/Berlin')).toBe('2026-W49');
    expect(weekKeyOf(sundayNightUtc, 'America/Los_Angeles')).toBe('2026-W48');
    expect(weekKeyOf(new Date('2026-11-23T09:00:00Z'), 'Pacific/Kiritimati')).toBe('2026-W48');
    expect(weekKeyOf(new Date('2026-11-22T23:00:00Z'), 'Pacific/Kiritimati')).toBe('2026-W48');
  });

  it('keeps the wall clocks of zones apart when it asks them again and again', () => {
    const instant = new Date('2026-11-27T15:45:00Z');
    const zones = ['Europe/Berlin', 'Asia/Kolkata', 'America/Los_Angeles'];
    const expected = [
      { year: 2026, month: 11, day: 27, hour: 16, minute: 45 },
      { year: 2026, month: 11, day: 27, hour: 21, minute: 15 },
      { year: 2026, month: 11, day: 27, hour: 7, minute: 45 },
    ];
    for (let round = 0; round < 3; round += 1) {
      expect(zones.map((zone) => localDateTimeOf(instant, zone))).toEqual(expected);
    }
  });

  it('refuses an unknown time zone every time it is asked', () => {
    for (let round = 0; round < 2; round += 1) {
      expect(() => localDateTimeOf(new Date(), 'Mars/Olympus_Mons')).toThrow(RangeError);
    }
  });
});

describe('instantOf', () => {
  it('turns wall-clock time into an instant on ordinary days', () => {
    expect(
      instantOf(
        { year: 2026, month: 11, day: 27, hour: 16, minute: 0 },
        'Europe/Berlin',
      ).toISOString(),
    ).toBe('2026-11-27T15:00:00.000Z');
    expect(
      instantOf(
        { year: 2026, month: 7, day: 3, hour: 16, minute: 0 },
        'Europe/Berlin',
      ).toISOString(),
    ).toBe('2026-07-03T14:00:00.000Z');
  });

  it('moves a time skipped by spring-forward past the gap', () => {
    expect(
      instantOf(
        { year: 2026, month: 3, day: 29, hour: 2, minute: 30 },
        'Europe/Berlin',
      ).toISOString(),
    ).toBe('2026-03-29T01:30:00.000Z');
  });

  it('takes the first of a time repeated by fall-back', () => {
    expect(
      instantOf(
        { year: 2026, month: 10, day: 25, hour: 2, minute: 30 },
        'Europe/Berlin',
      ).toISOString(),
    ).toBe('2026-10-25T00:30:00.000Z');
    expect(
      instantOf(
        { year: 2026, month: 11, day: 1, hour: 1, minute: 30 },
        'America/New_York',
      ).toISOString(),
    ).toBe('2026-11-01T05:30:00.000Z');
  });
});

describe('wall clocks read again within a minute', () => {
  it('answer the next minute and the next day as soon as they begin', () => {
    const berlin = 'Europe/Berlin';
    expect(localDateTimeOf(new Date('2026-11-29T22:59:59.999Z'), berlin)).toEqual({
      year: 2026,
      month: 11,
      day: 29,
      hour: 23,
      minute: 59,
    });
    expect(localDateTimeOf(new Date('2026-11-29T23:00:00.000Z'), berlin)).toEqual({
      year: 2026,
      month: 11,
      day: 30,
      hour: 0,
      minute: 0,
    });
    expect(weekKeyOf(new Date('2026-11-29T22:59:59.999Z'), berlin)).toBe('2026-W48');
    expect(weekKeyOf(new Date('2026-11-29T23:00:00.000Z'), berlin)).toBe('2026-W49');
  });

  it('keep zones apart', () => {
    const instant = new Date('2026-11-25T12:00:30Z');
    expect(localDateTimeOf(instant, 'Asia/Tokyo').hour).toBe(21);
    expect(localDateTimeOf(instant, 'America/Los_Angeles').hour).toBe(4);
    expect(localDateTimeOf(instant, 'Asia/Tokyo').hour).toBe(21);
  });

  it('read every instant afresh before 1972, when offsets were not whole minutes', () => {
    // Liberia ran at UTC−0:44:30 until 1972: one UTC minute spans two of its wall-clock minutes.
    const monrovia = 'Africa/Monrovia';
    expect(localDateTimeOf(new Date(Date.UTC(1971, 5, 1, 12, 0, 0)), monrovia).minute).toBe(15);
    expect(localDateTimeOf(new Date(Date.UTC(1971, 5, 1, 12, 0, 40)), monrovia).minute).toBe(16);
  });
});
