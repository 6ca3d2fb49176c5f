/**
 * `GET /api/v1/admin/aggregates?week=YYYY-Www`: the caller's organization's week in anonymous
 * figures; any figure from fewer than five people is `fewer-than-5`.
 */
import { z } from 'zod';
import { isWeekKey, weekKeyOf } from '../../../domain/week';
import type { AggregatesResponse } from '../../admin-contracts';
import type { ApiContext, ApiResult } from '../../api-route';
import { parseQuery } from '../../validation';
import { requireAdmin } from './require-admin';

const querySchema = z.object({
  week: z.string().refine(isWeekKey, 'an ISO week such as 2026-W10').optional(),
});

/** The figures of one week (default: the current UTC week). */
export async function getAggregates(context: ApiContext): Promise<ApiResult> {
  requireAdmin(context);
  const query = parseQuery(querySchema, context.query);
  const week = query.week ?? weekKeyOf(context.now(), 'UTC');
  const figures = await context.services.admin.aggregates(context.scope, week);
  context.log.info({ week }, 'aggregates read');
  const body: AggregatesResponse = { week, ...figures };
  return { body };
}
