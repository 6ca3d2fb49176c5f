/**
 * `GET /api/v1/admin/audit` and `GET /api/v1/admin/audit/export`: every admin change of the
 * caller's organization (who, what, when), newest first.
 */
import { z } from 'zod';
import { csvCell } from '../../../services/data-rights-service';
import type { AuditResponse } from '../../admin-contracts';
import type { ApiContext, ApiResult } from '../../api-route';
import { pageQueryShape, parseQuery } from '../../validation';
import { requireAdmin } from './require-admin';

const pageSchema = z.object({
  ...pageQueryShape,
});

/** One page of the caller's organization's audit log. */
export async function getAuditLog(context: ApiContext): Promise<ApiResult> {
  requireAdmin(context);
  const { cursor, limit } = parseQuery(pageSchema, context.query);
  const page = await context.services.admin.auditLog(context.scope, {
    limit,
    ...(cursor ? { cursor } : {}),
  });
  const body: AuditResponse = {
    items: page.items.map((record) => record.data),
    ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
  };
  return { body };
}

/** The whole log as a CSV download. */
export async function exportAuditLog(context: ApiContext): Promise<ApiResult> {
  requireAdmin(context);
  const entries = await context.services.admin.fullAuditLog(context.scope);
  const lines = [
    'at,actorId,action,details',
    ...entries.map((entry) =>
      [entry.at, entry.actorId, entry.action, JSON.stringify(entry.details)].map(csvCell).join(','),
    ),
  ];
  const now = context.now();
  return {
    // The byte-order mark makes spreadsheet programs read the file as UTF-8.
    file: `\uFEFF${lines.join('\r\n')}\r\n`,
    contentType: 'text/csv; charset=utf-8',
    filename: `spotter-audit-${now.toISOString().slice(0, 10)}.csv`,
  };
}
