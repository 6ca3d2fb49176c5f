/**
 * The history: `GET /reflections` (newest first, search, cursor paging) and
 * `GET /reflections/:week` (one week in full).
 */
import { z } from 'zod';
import { isWeekKey } from '../../domain/week';
import { notFound, type ApiContext, type ApiResult } from '../api-route';
import { INPUT_LIMITS, type WeekResponse } from '../contracts';
import { personalWeek } from '../personal-week';
import { pageQueryShape, parseQuery } from '../validation';
import { searchHistory } from '../views/history-search';
import { weekView } from '../views/week-view';

const listQuerySchema = z.object({
  ...pageQueryShape,
  q: z
    .string()
    .trim()
    .max(INPUT_LIMITS.search, `at most ${INPUT_LIMITS.search} characters`)
    .optional(),
  person: z
    .string()
    .trim()
    .max(INPUT_LIMITS.nameLength, `at most ${INPUT_LIMITS.nameLength} characters`)
    .optional(),
});

/** `GET /reflections`: one page of the history. */
export async function listReflections(context: ApiContext): Promise<ApiResult> {
  const query = parseQuery(listQuerySchema, context.query);
  return { body: await searchHistory(context.services.practice, context.scope, query) };
}

/** `GET /reflections/:week`: one week's reflection and reps; 404 unless the caller has it. */
export async function getReflection(context: ApiContext): Promise<ApiResult> {
  const key = context.params['week'];
  // A malformed key is as unknown as a missing week: the same 404, no hint which.
  if (!isWeekKey(key)) throw notFound();
  const at = await personalWeek(context);
  const week = await context.services.practice.week(context.scope, key, at.timeZone);
  if (week.etag === undefined) throw notFound();
  const body: WeekResponse = weekView(week.value, at.currentWeek);
  return { body, etag: week.etag };
}
