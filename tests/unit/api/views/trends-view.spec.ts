/**
 * Trends: the window of weeks, empty weeks, running streaks and the longest run.
 */
import { trendsView } from '../../../../src/api/views/trends-view';
import type { PracticeWeek } from '../../../../src/domain/practice-week';
import { EMPTY_REFLECTION } from '../../../../src/domain/reflection';

function week(key: string, reps = 1, reflected = false): PracticeWeek {
  return {
    week: key,
    timeZone: 'UTC',
    ...(reflected ? { reflection: { ...EMPTY_REFLECTION, holdingAlone: 'x' } } : {}),
    reps: Array.from({ length: reps }, (_, i) => ({
      id: `${key}-${i}`,
      kind: 'asked' as const,
      at: '',
      source: 'logged' as const,
    })),
  };
}

it('spans the asked weeks oldest first, across a year end, with empty weeks', () => {
  const view = trendsView([week('2026-W02', 2), week('2025-W52', 0, true)], '2026-W02', 4, 2);
  expect(view.weeks.map((w) => [w.week, w.reps.total, w.reflected, w.streak])).toEqual([
    ['2025-W51', 0, false, 0],
    ['2025-W52', 0, true, 1],
    ['2026-W01', 0, false, 0],
    ['2026-W02', 2, false, 1],
  ]);
  expect(view.streak).toBe(2);
});

it('carries a run that started before the window into it', () => {
  const weeks = ['2026-W05', '2026-W04', '2026-W03', '2026-W02', '2026-W01'].map((k) => week(k));
  const view = trendsView(weeks, '2026-W05', 2, 5);
  expect(view.weeks.map((w) => w.streak)).toEqual([4, 5]);
  expect(view.longestStreak).toBe(5);
  expect(view.practisedWeeks).toBe(5);
});

it('finds the longest run anywhere on record', () => {
  const keys = ['2026-W10', '2026-W08', '2026-W07', '2026-W06', '2026-W01'];
  const view = trendsView(
    keys.map((k) => week(k)),
    '2026-W10',
    1,
    1,
  );
  expect(view.longestStreak).toBe(3);
  expect(view.weeks).toHaveLength(1);
});

it('is all zeros for someone who has not started', () => {
  const view = trendsView([], '2026-W10', 3, 0);
  expect(view).toMatchObject({ streak: 0, longestStreak: 0, practisedWeeks: 0 });
  expect(view.weeks.every((w) => w.reps.total === 0 && w.streak === 0)).toBe(true);
});
