/**
 * The caller's data rights: `GET /export?format=json|csv` (a download) and `DELETE /me/data`
 * (everything, after an explicit confirmation in the body).
 */
import { z } from 'zod';
import { deleteAll, exportAll, toCsv, toJson } from '../../services/data-rights-service';
import type { ApiContext, ApiResult } from '../api-route';
import { DELETE_CONFIRMATION, type DeleteDataResponse } from '../contracts';
import { parseBody, parseQuery } from '../validation';

/** Largest body of a delete request. */
export const MAX_DELETE_BODY_BYTES = 1024;

const exportQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
});

const deleteSchema = z
  .object({
    confirm: z.literal(DELETE_CONFIRMATION, {
      errorMap: () => ({ message: `must be "${DELETE_CONFIRMATION}"` }),
    }),
  })
  .strict();

/** `GET /export`: everything Spotter keeps about the caller, as a JSON or CSV file. */
export async function getExport(context: ApiContext): Promise<ApiResult> {
  const { format } = parseQuery(exportQuerySchema, context.query);
  const now = context.now();
  const bundle = await exportAll(context.services.store, context.scope, now);
  context.log.info({ format, records: bundle.records.length }, 'data exported');
  const filename = `spotter-export-${now.toISOString().slice(0, 10)}.${format}`;
  return format === 'csv'
    ? // The byte-order mark makes spreadsheet programs read the file as UTF-8.
      { file: `\uFEFF${toCsv(bundle)}`, contentType: 'text/csv; charset=utf-8', filename }
    : { file: toJson(bundle), contentType: 'application/json; charset=utf-8', filename };
}

/**
 * `DELETE /me/data`: deletes every record of the caller, once confirmed; first the traces in
 * colleagues' partitions that point at the caller's help requests (the service's own cleanup).
 */
export async function deleteMyData(context: ApiContext): Promise<ApiResult> {
  parseBody(deleteSchema, context.body);
  const { helpRequests, reminders, addressBook } = context.services;
  const deleted = await deleteAll(context.services.store, context.scope, [
    ...(reminders ? [reminders] : []),
    ...(helpRequests ? [helpRequests] : []),
    ...(addressBook ? [addressBook] : []),
  ]);
  context.log.info({ records: deleted }, 'data deleted');
  const body: DeleteDataResponse = { deleted };
  return { body };
}
