/**
 * All of a person's weeks of practice, newest first, for views that look at the whole record
 * (trends, support network).
 */
import type { Scope } from '../../auth/scope';
import type { PracticeWeek } from '../../domain/practice-week';
import type { PracticeService } from '../../services/practice-service';
import { PAGE_LIMITS } from '../../store/store';

/**
 * Most weeks read (ten years).
 *
 * @remarks
 * Bounds the work of one request; a person would need to practise every week for a decade to
 * reach it, and the oldest weeks then simply drop out of trends and the support network.
 */
export const MAX_WEEKS_ON_RECORD = 520;

/** The person's weeks, newest first, at most {@link MAX_WEEKS_ON_RECORD}. */
export async function weeksOnRecord(
  practice: PracticeService,
  scope: Scope,
): Promise<PracticeWeek[]> {
  const weeks: PracticeWeek[] = [];
  let cursor: string | undefined;
  do {
    const page = await practice.weeks(scope, {
      limit: PAGE_LIMITS.max,
      ...(cursor ? { cursor } : {}),
    });
    for (const record of page.items) weeks.push(record.data);
    cursor = page.items.length > 0 ? page.nextCursor : undefined;
  } while (cursor && weeks.length < MAX_WEEKS_ON_RECORD);
  return weeks.slice(0, MAX_WEEKS_ON_RECORD);
}
