import { addRep, emptyWeek, isPractised, undoLastRep } from '../../../src/domain/practice-week';
import { EMPTY_REFLECTION } from '../../../src/domain/reflection';
import { REP_LIMITS, type Rep } from '../../../src/domain/reps';
import { currentStreak } from '../../../src/domain/streak';

describe('currentStreak', () => {
  it('counts consecutive weeks up to this week', () => {
    expect(currentStreak(['2026-W46', '2026-W47', '2026-W48'], '2026-W48')).toBe(3);
  });
  it('does not break while this week is still ahead', () => {
    expect(currentStreak(['2026-W46', '2026-W47'], '2026-W48')).toBe(2);
  });
  it('starts again after a missed week, without going negative', () => {
    expect(currentStreak(['2026-W44', '2026-W46', '2026-W47'], '2026-W48')).toBe(2);
    expect(currentStreak(['2026-W40'], '2026-W48')).toBe(0);
    expect(currentStreak([], '2026-W48')).toBe(0);
  });
  it('runs across the end of a 53-week year', () => {
    expect(currentStreak(['2026-W52', '2026-W53', '2027-W01'], '2027-W01')).toBe(3);
  });
});

describe('practice week', () => {
  const rep = (id: string, source: Rep['source'] = 'logged'): Rep => ({
    id,
    kind: 'asked',
    at: '2026-11-27T10:00:00Z',
    source,
  });

  it('is practised with a rep or an answered reflection, not with an empty draft', () => {
    const week = emptyWeek('2026-W48', 'UTC');
    expect(isPractised(week)).toBe(false);
    expect(isPractised({ ...week, reflection: EMPTY_REFLECTION })).toBe(false);
    expect(isPractised({ ...week, reflection: { ...EMPTY_REFLECTION, yesCount: 0 } })).toBe(true);
    expect(isPractised({ ...week, reps: [rep('a')] })).toBe(true);
  });

  it('undoes the last hand-logged rep only', () => {
    const week = {
      ...emptyWeek('2026-W48', 'UTC'),
      reps: [rep('a'), rep('b'), rep('c', 'help-request')],
    };
    const result = undoLastRep(week);
    if (typeof result === 'string') throw new Error(result);
    expect(result.undone.id).toBe('b');
    expect(result.week.reps.map((r) => r.id)).toEqual(['a', 'c']);
    expect(undoLastRep(emptyWeek('2026-W48', 'UTC'))).toBe('nothing-to-undo');
  });

  it('refuses reps beyond the weekly bound', () => {
    const full = {
      ...emptyWeek('2026-W48', 'UTC'),
      reps: Array.from({ length: REP_LIMITS.perWeek }, (_, i) => rep(String(i))),
    };
    expect(addRep(full, rep('x'))).toBe('too-many-reps');
  });
});
