/**
 * This week: `GET /week`, `PUT /week/reflection`, `POST /week/reps`, `DELETE /week/reps/last`.
 *
 * @remarks
 * Every change goes through the practice service, the same code the bot calls, so a reflection
 * or rep from the tab is the very record the chat shows, and the other way round.
 */
import { z } from 'zod';
import { challengeOf, personKeyOf } from '../../domain/challenges';
import { reflectionAnswersSchema } from '../../domain/reflection';
import { REP_KINDS, REP_LIMITS } from '../../domain/reps';
import { isWeekKey } from '../../domain/week';
import type { Versioned, WeekRead } from '../../services/practice-service';
import type { PracticeWeek } from '../../domain/practice-week';
import type { ApiContext, ApiResult } from '../api-route';
import { requireFeature } from '../feature-switch';
import type { RepChangeResponse, ThisWeekResponse } from '../contracts';
import { personalWeek, personalWeekWith, type PersonalWeek } from '../personal-week';
import { parseBody } from '../validation';
import { repDto, weekView } from '../views/week-view';

/** Largest body of a reflection save: the longest answers fit with room to spare. */
export const MAX_REFLECTION_BODY_BYTES = 32 * 1024;
/** Largest body of a rep. */
export const MAX_REP_BODY_BYTES = 2 * 1024;

const saveReflectionSchema = z
  .object({
    week: z.string().max(10).refine(isWeekKey, 'an ISO week such as 2026-W48'),
    answers: reflectionAnswersSchema,
    complete: z.boolean(),
  })
  .strict();

const logRepSchema = z
  .object({
    kind: z.enum(REP_KINDS),
    note: z.string().max(REP_LIMITS.note, `at most ${REP_LIMITS.note} characters`).optional(),
  })
  .strict();

/** The answer about this week; `read` is what a change read first, to count the streak from. */
async function thisWeek(
  context: ApiContext,
  at: PersonalWeek,
  week: Versioned<PracticeWeek>,
  read?: WeekRead,
): Promise<ThisWeekResponse> {
  const { practice } = context.services;
  const [streak, policy] = await Promise.all([
    read
      ? practice.streakWith(context.scope, at.timeZone, read, week.value)
      : practice.streak(context.scope, at.timeZone),
    context.services.orgDefaults.policy(context.scope, context.caller.groups),
  ]);
  return {
    ...weekView(week.value, at.currentWeek),
    streak,
    challenge: {
      id: challengeOf(personKeyOf(context.scope), at.currentWeek, policy.challengeSet),
    },
  };
}

/** `GET /week`: this week's reflection, reps, counts and streak. */
export async function getThisWeek(context: ApiContext): Promise<ApiResult> {
  const at = await personalWeek(context);
  const week = await context.services.practice.week(context.scope, at.currentWeek, at.timeZone);
  return { body: await thisWeek(context, at, week), etag: week.etag };
}

/** `PUT /week/reflection`: saves this week's answers, as a draft or finished. */
export async function putReflection(context: ApiContext): Promise<ApiResult> {
  const request = parseBody(saveReflectionSchema, context.body);
  const at = await personalWeekWith(context, request.week);
  const week = await context.services.practice.saveReflection(
    context.scope,
    at.timeZone,
    request.week,
    request.answers,
    {
      complete: request.complete,
      current: at.read.week,
      ...(context.ifMatch ? { ifMatch: context.ifMatch } : {}),
    },
  );
  context.log.info({ complete: request.complete }, 'reflection saved');
  return { body: await thisWeek(context, at, week, at.read), etag: week.etag };
}

/** `POST /week/reps`: logs a rep in the current week. */
export async function postRep(context: ApiContext): Promise<ApiResult> {
  await requireFeature(context, 'reps');
  const request = parseBody(logRepSchema, context.body);
  const at = await personalWeek(context);
  const { week, rep } = await context.services.practice.logRep(
    context.scope,
    at.timeZone,
    request.kind,
    request.note ? { note: request.note } : {},
  );
  const body: RepChangeResponse = { rep: repDto(rep), week: await thisWeek(context, at, week) };
  return { status: 201, body, etag: week.etag };
}

/** `DELETE /week/reps/last`: undoes the most recent hand-logged rep of the current week. */
export async function deleteLastRep(context: ApiContext): Promise<ApiResult> {
  await requireFeature(context, 'reps');
  const at = await personalWeek(context);
  const { week, undone } = await context.services.practice.undoLastRep(context.scope, at.timeZone);
  const body: RepChangeResponse = { rep: repDto(undone), week: await thisWeek(context, at, week) };
  return { body, etag: week.etag };
}
