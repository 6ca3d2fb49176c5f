import fc from 'fast-check';
import {
  CHALLENGE_IDS,
  challengeOf as challengeFor,
  personKeyOf,
} from '../../../src/domain/challenges';
import { addWeeks, weekKeyOfDate } from '../../../src/domain/week';
import enPractice from '../../../bot/locales/en/practice.json';
import dePractice from '../../../bot/locales/de/practice.json';

const anyWeek = fc
  .record({
    year: fc.integer({ min: 1990, max: 2100 }),
    month: fc.integer({ min: 1, max: 12 }),
    day: fc.integer({ min: 1, max: 28 }),
  })
  .map(weekKeyOfDate);
const anyPerson = fc.record({
  tenantId: fc.string({ minLength: 1, maxLength: 40 }),
  userId: fc.string({ minLength: 1, maxLength: 40 }),
});
const person = (userId: string) => ({ tenantId: 't', userId });
const challengeOf = (someone: { tenantId: string; userId: string }, week: string) =>
  challengeFor(personKeyOf(someone), week);

describe('weekly challenges', () => {
  it('has at least twelve, each with words in English and German', () => {
    expect(CHALLENGE_IDS.length).toBeGreaterThanOrEqual(12);
    expect(new Set(CHALLENGE_IDS).size).toBe(CHALLENGE_IDS.length);
    for (const id of CHALLENGE_IDS) {
      const key = `challenge.${id}`;
      expect([key, (enPractice as Record<string, string>)[key]]).toEqual([key, expect.any(String)]);
      expect([key, (dePractice as Record<string, string>)[key]]).toEqual([key, expect.any(String)]);
    }
  });

  it('gives a person the same challenge for the same week, every time', () => {
    fc.assert(
      fc.property(anyPerson, anyWeek, (someone, week) => {
        expect(challengeOf(someone, week)).toBe(challengeOf({ ...someone }, week));
        expect(CHALLENGE_IDS).toContain(challengeOf(someone, week));
      }),
    );
  });

  it('never repeats within twelve consecutive weeks, across year ends too', () => {
    fc.assert(
      fc.property(anyPerson, anyWeek, (someone, start) => {
        const weeks = Array.from({ length: 12 }, (_, i) => addWeeks(start, i));
        const challenges = weeks.map((week) => challengeOf(someone, week));
        expect(new Set(challenges).size).toBe(12);
      }),
      { numRuns: 500 },
    );
    const overNewYear = ['2026-W50', '2026-W51', '2026-W52', '2026-W53', '2027-W01'];
    const seen = overNewYear.map((week) => challengeOf(person('user'), week));
    expect(new Set(seen).size).toBe(overNewYear.length);
  });

  it('keys a person by tenant and user', () => {
    expect(personKeyOf({ tenantId: 't1', userId: 'u1' })).toBe('t1/u1');
  });

  it('walks each person through every challenge in their own order', () => {
    const orders = ['alice', 'bob', 'carol', 'dan'].map((name) =>
      Array.from({ length: CHALLENGE_IDS.length }, (_, i) =>
        challengeOf(person(name), addWeeks('2026-W01', i)),
      ).join(','),
    );
    expect(new Set(orders).size).toBeGreaterThan(1);
    const thisWeek = Array.from({ length: 100 }, (_, i) =>
      challengeOf(person(`user-${i}`), '2026-W48'),
    );
    expect(new Set(thisWeek).size).toBeGreaterThanOrEqual(8);
  });
});
