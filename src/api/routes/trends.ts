/**
 * `GET /trends?weeks=`: reps per week and streaks.
 */
import { z } from 'zod';
import type { ApiContext, ApiResult } from '../api-route';
import { personalWeek } from '../personal-week';
import { parseQuery } from '../validation';
import { trendsView } from '../views/trends-view';
import { weeksOnRecord } from '../views/weeks-on-record';

/** Most weeks a trend spans (five years). */
export const MAX_TREND_WEEKS = 260;

const trendsQuerySchema = z.object({
  weeks: z.coerce
    .number()
    .int('a whole number')
    .min(1, 'at least 1')
    .max(MAX_TREND_WEEKS, `at most ${MAX_TREND_WEEKS}`)
    .default(12),
});

/** Answers with the last `weeks` weeks, oldest first, and the streaks. */
export async function getTrends(context: ApiContext): Promise<ApiResult> {
  const { weeks: count } = parseQuery(trendsQuerySchema, context.query);
  const at = await personalWeek(context);
  const { practice } = context.services;
  const [weeks, streak] = await Promise.all([
    weeksOnRecord(practice, context.scope),
    practice.streak(context.scope, at.timeZone),
  ]);
  return { body: trendsView(weeks, at.currentWeek, count, streak) };
}
