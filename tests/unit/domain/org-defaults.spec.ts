import fc from 'fast-check';
import { CHALLENGE_SETS, challengeOf, personKeyOf } from '../../../src/domain/challenges';
import {
  builtInOrgDefaults,
  membershipsOf,
  orgDefaultsSchema,
  policyFor,
  settingsUnderPolicy,
  type OrgDefaults,
} from '../../../src/domain/org-defaults';
import { defaultSettings } from '../../../src/domain/settings';
import { addWeeks, weekKeyOfDate } from '../../../src/domain/week';

const SALES = '0a000000-0000-4000-8000-00000000005a';
const PILOT = '0a000000-0000-4000-8000-0000000000b1';
const OTHER = '0a000000-0000-4000-8000-0000000000c3';

const base: OrgDefaults = {
  reminderDay: 3,
  reminderTime: '09:30',
  quietHours: { start: '20:00', end: '08:00' },
  challengeSet: 'gentle',
  features: { reps: true, helpRequests: false, composeExtension: true },
  groups: [
    { groupId: PILOT, label: 'Pilot', features: { helpRequests: true }, reminderTime: '11:00' },
    { groupId: SALES, reminderDay: 1, challengeSet: 'all', quietHours: null },
  ],
};

function problemsOf(value: unknown): string[] {
  const parsed = orgDefaultsSchema.safeParse(value);
  return parsed.success ? [] : parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
}

describe('org defaults', () => {
  it('start as Spotter’s own defaults, everything on', () => {
    const builtIn = builtInOrgDefaults();
    const settings = defaultSettings(undefined);
    expect(builtIn).toEqual({
      reminderDay: settings.reminderDay,
      reminderTime: settings.reminderTime,
      quietHours: null,
      challengeSet: 'all',
      features: { reps: true, helpRequests: true, composeExtension: true },
      groups: [],
    });
    expect(problemsOf(builtIn)).toEqual([]);
  });

  it('accept a full record with group overrides', () => {
    expect(problemsOf(base)).toEqual([]);
  });

  it.each([
    ['a day out of range', { ...base, reminderDay: 8 }, 'reminderDay'],
    ['a time that is not HH:MM', { ...base, reminderTime: '9:30' }, 'reminderTime'],
    [
      'quiet hours that start when they end',
      { ...base, quietHours: { start: '08:00', end: '08:00' } },
      'quietHours',
    ],
    ['an unknown challenge set', { ...base, challengeSet: 'hard' }, 'challengeSet'],
    [
      'a missing feature switch',
      { ...base, features: { reps: true, helpRequests: true } },
      'features.composeExtension',
    ],
    ['an unknown feature', { ...base, features: { ...base.features, chat: false } }, 'features'],
    [
      'a group id that is not a GUID',
      { ...base, groups: [{ groupId: 'sales' }] },
      'groups.0.groupId',
    ],
    [
      'a group listed twice',
      { ...base, groups: [{ groupId: SALES }, { groupId: SALES.toUpperCase() }] },
      'groups.1.groupId',
    ],
    ['an unknown field', { ...base, tenantId: 'someone-else' }, ''],
    [
      'too many groups',
      {
        ...base,
        groups: Array.from({ length: 51 }, (_, i) => ({
          groupId: `0a000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
        })),
      },
      'groups',
    ],
  ])('refuse %s, naming the field', (_name, value, path) => {
    const problems = problemsOf(value);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.some((problem) => problem.startsWith(`${path}:`))).toBe(true);
  });

  it('give someone in no listed group the base values', () => {
    expect(policyFor(base, [OTHER])).toEqual({
      reminderDay: 3,
      reminderTime: '09:30',
      quietHours: { start: '20:00', end: '08:00' },
      challengeSet: 'gentle',
      features: { reps: true, helpRequests: false, composeExtension: true },
    });
  });

  it('apply the first listed group a person is in, whole, over the base', () => {
    expect(policyFor(base, [SALES, PILOT.toUpperCase()])).toEqual({
      reminderDay: 3,
      reminderTime: '11:00',
      quietHours: { start: '20:00', end: '08:00' },
      challengeSet: 'gentle',
      features: { reps: true, helpRequests: true, composeExtension: true },
      groupId: PILOT,
    });
    const sales = policyFor(base, [SALES]);
    expect(sales).toMatchObject({ reminderDay: 1, challengeSet: 'all', quietHours: null });
    expect(sales.features.helpRequests).toBe(false);
  });

  it('turn a policy into the settings of someone who chose none', () => {
    const settings = settingsUnderPolicy(policyFor(base, []), 'Europe/Berlin');
    expect(settings).toEqual({
      ...defaultSettings('Europe/Berlin'),
      reminderDay: 3,
      reminderTime: '09:30',
      quietHours: { start: '20:00', end: '08:00' },
    });
  });

  it('remember only well-formed group ids from a token, once each', () => {
    expect(membershipsOf([SALES.toUpperCase(), 'not-a-group', PILOT, SALES]).groupIds).toEqual(
      [SALES, PILOT].sort(),
    );
    const many = Array.from(
      { length: 250 },
      (_, i) => `0b000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
    );
    expect(membershipsOf(many).groupIds).toHaveLength(200);
  });
});

describe('challenge sets', () => {
  const anyWeek = fc
    .record({
      year: fc.integer({ min: 1990, max: 2100 }),
      month: fc.integer({ min: 1, max: 12 }),
      day: fc.integer({ min: 1, max: 28 }),
    })
    .map(weekKeyOfDate);

  it('are subsets of every challenge', () => {
    for (const set of Object.values(CHALLENGE_SETS)) {
      expect(CHALLENGE_SETS.all).toEqual(expect.arrayContaining([...set]));
    }
    expect(CHALLENGE_SETS.gentle.length).toBeLessThan(CHALLENGE_SETS.all.length);
  });

  it('keep the gentle set’s challenges to itself, each once per round', () => {
    fc.assert(
      fc.property(fc.string({ minLength: 1, maxLength: 30 }), anyWeek, (userId, start) => {
        const key = personKeyOf({ tenantId: 't', userId });
        const round = Array.from({ length: CHALLENGE_SETS.gentle.length }, (_, i) =>
          challengeOf(key, addWeeks(start, i), 'gentle'),
        );
        expect(new Set(round).size).toBe(CHALLENGE_SETS.gentle.length);
        for (const id of round) expect(CHALLENGE_SETS.gentle).toContain(id);
      }),
      { numRuns: 300 },
    );
  });

  it('leave the full set as it was', () => {
    const key = personKeyOf({ tenantId: 't', userId: 'u' });
    expect(challengeOf(key, '2026-W48', 'all')).toBe(challengeOf(key, '2026-W48'));
  });
});
