/**
 * `GET` and `PUT /api/v1/admin/retention`: whether the caller's organization deletes reflections
 * older than N months (off by default). Every change is audited.
 */
import { z } from 'zod';
import { RETENTION_MONTHS } from '../../../domain/privacy';
import type { RetentionBody } from '../../admin-contracts';
import type { ApiContext, ApiResult } from '../../api-route';
import { parseBody } from '../../validation';
import { requireAdmin } from './require-admin';

/** Largest body of a retention change. */
export const MAX_RETENTION_BODY_BYTES = 256;

const retentionSchema = z
  .object({
    months: z
      .number()
      .int('a whole number of months')
      .min(RETENTION_MONTHS.min, `at least ${RETENTION_MONTHS.min}`)
      .max(RETENTION_MONTHS.max, `at most ${RETENTION_MONTHS.max}`)
      .nullable(),
  })
  .strict();

/** The current retention. */
export async function getRetention(context: ApiContext): Promise<ApiResult> {
  requireAdmin(context);
  const body: RetentionBody = { months: await context.services.retention.months(context.scope) };
  return { body };
}

/** Changes the retention and records who did it. */
export async function putRetention(context: ApiContext): Promise<ApiResult> {
  requireAdmin(context);
  const { months } = parseBody(retentionSchema, context.body);
  await context.services.retention.setMonths(context.scope, months);
  await context.services.admin.audit(context.scope, 'retention.changed', { months }, context.now());
  context.log.info({ months }, 'retention changed');
  const body: RetentionBody = { months };
  return { body };
}
