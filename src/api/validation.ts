/**
 * Input validation of the tab API with zod: a malformed query or path is a 400, a JSON body
 * that breaks the rules a 422, both naming each broken rule.
 */
import { z } from 'zod';
import { PAGE_LIMITS } from '../store/store';
import { ApiProblem } from './api-route';
import { PROBLEM_TYPES, type FieldProblem } from './contracts';

/** At most this many broken rules are listed; more would only be noise. */
const MAX_LISTED_PROBLEMS = 20;

function fieldProblems(error: z.ZodError): FieldProblem[] {
  return error.issues.slice(0, MAX_LISTED_PROBLEMS).map((issue) => ({
    path: issue.path.length > 0 ? issue.path.join('.') : '(body)',
    message: issue.message,
  }));
}

/** The body, checked by `schema`; a 422 problem listing the broken rules otherwise. */
export function parseBody<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (parsed.success) return parsed.data;
  throw new ApiProblem(
    422,
    'Some of what was sent does not fit; see errors.',
    PROBLEM_TYPES.validation,
    fieldProblems(parsed.error),
  );
}

/** The query string, checked by `schema`; a 400 problem listing the broken rules otherwise. */
export function parseQuery<T>(schema: z.ZodType<T, z.ZodTypeDef, unknown>, query: unknown): T {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  throw new ApiProblem(
    400,
    'The query string does not fit; see errors.',
    PROBLEM_TYPES.validation,
    fieldProblems(parsed.error),
  );
}

/** Query fields of every paged listing: an opaque cursor and a page size within the store's bounds. */
export const pageQueryShape = {
  cursor: z
    .string()
    .min(1)
    .max(16 * 1024)
    .optional(),
  limit: z.coerce
    .number()
    .int('a whole number')
    .min(1, 'at least 1')
    .max(PAGE_LIMITS.max, `at most ${PAGE_LIMITS.max}`)
    .default(PAGE_LIMITS.default),
};
