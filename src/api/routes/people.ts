/**
 * `GET /people`: the support network — who helped, who the caller connected with, how often,
 * when last.
 */
import type { ApiContext, ApiResult } from '../api-route';
import { supportNetwork } from '../views/support-network';
import { weeksOnRecord } from '../views/weeks-on-record';

/** Answers with the people the caller's reflections name. */
export async function getPeople(context: ApiContext): Promise<ApiResult> {
  const weeks = await weeksOnRecord(context.services.practice, context.scope);
  return { body: supportNetwork(weeks) };
}
