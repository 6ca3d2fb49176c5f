/**
 * Writes weeks of practice straight into a store, as the practice service would have, so tests
 * and benchmarks can start from years of history without living through them.
 */
import type { Scope } from '../../src/auth/scope';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../src/domain/practice-week';
import type { RepKind } from '../../src/domain/reps';
import { addWeeks, mondayOf, type WeekKey } from '../../src/domain/week';
import type { Store } from '../../src/store/store';

const KINDS: readonly RepKind[] = ['asked', 'accepted', 'thanked'];
const NAMES = ['Sam Okafor', 'Dana Ortiz', 'Lee Park', 'José Nuñez', 'Mia Chen', 'Ravi Rao'];
const WORRIES = [
  'the quarterly budget review',
  'onboarding the new teammate',
  'a tricky customer escalation',
  'the migration plan nobody owns',
  'my talk at the all-hands',
];

/** A plausible week of practice, different for each index, completed on its Friday. */
export function sampleWeek(week: WeekKey, index: number, timeZone = 'UTC'): PracticeWeek {
  const monday = mondayOf(week);
  const friday = new Date(Date.UTC(monday.year, monday.month - 1, monday.day + 4, 15, 0));
  const reps = Array.from({ length: index % 5 }, (_, n) => ({
    id: `00000000-0000-4000-8000-${String(index * 10 + n).padStart(12, '0')}`,
    kind: KINDS[(index + n) % 3] as RepKind,
    at: new Date(friday.getTime() - (n + 1) * 3_600_000).toISOString(),
    source: 'logged' as const,
  }));
  return {
    week,
    timeZone,
    reflection: {
      helpedBy: [{ name: NAMES[index % NAMES.length] as string }],
      yesCount: index % 4,
      holdingAlone: `Week ${index}: still carrying ${WORRIES[index % WORRIES.length]} alone.`,
      connected: [{ name: NAMES[(index + 2) % NAMES.length] as string }],
      completedAt: friday.toISOString(),
    },
    reps,
  };
}

/**
 * Stores `count` weeks ending with `lastWeek` (newest index 0), made by `make`; returns them
 * newest first.
 */
export async function seedWeeks(
  store: Store,
  scope: Scope,
  lastWeek: WeekKey,
  count: number,
  make: (week: WeekKey, index: number) => PracticeWeek = sampleWeek,
): Promise<PracticeWeek[]> {
  const weeks: PracticeWeek[] = [];
  for (let index = 0; index < count; index += 1) {
    const week = make(addWeeks(lastWeek, -index), index);
    await store.put(scope, PRACTICE_WEEK_KIND, week.week, week, { sortKey: week.week });
    weeks.push(week);
  }
  return weeks;
}
