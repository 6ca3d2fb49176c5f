/**
 * Help requests in the tab and the Outlook pane: `GET /requests` (sent or received),
 * `POST /requests` (ask a colleague) and `POST /requests/:id/actions`.
 *
 * @remarks
 * Actions go through the help-request service the bot uses, so they run the one state machine
 * (`src/domain/help-request.ts`), count the same reps, and the service's listeners update both
 * parties' cards in Teams exactly as a press on the card would. A request the caller is not a
 * party to, or of another tenant, is a 404 like a missing one.
 *
 * Asking goes through the same service and the bot's own delivery as `ask` in chat, so the
 * colleague gets the same card in their 1:1 chat with Spotter. An optional `Idempotency-Key` (a
 * UUID) plays the part of the chat form's id: the request's id is derived from it and the
 * asker, so a double click or a retried call makes one request, and the repeat answers 200 with
 * that request (whatever its body says) instead of 201.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { isValidScopeId } from '../../auth/scope';
import {
  availableActions,
  HELP_REQUEST_LIMITS,
  safeLinkOf,
  type DraftProblem,
} from '../../domain/help-request';
import {
  requestIdOf,
  type CreateResult,
  type HelpRequestService,
  type HelpRequestView,
} from '../../services/help-request-service';
import { ApiProblem, notFound, type ApiContext, type ApiResult } from '../api-route';
import {
  PROBLEM_TYPES,
  type CreateRequestResponse,
  type FieldProblem,
  type HelpRequestDto,
  type RequestActionResponse,
  type RequestListResponse,
} from '../contracts';
import { formatEtag } from '../etag';
import { requireFeature } from '../feature-switch';
import { parseBody, pageQueryShape, parseQuery } from '../validation';

/** Largest body of an action. */
export const MAX_ACTION_BODY_BYTES = 4 * 1024;

/** Largest body of a new request (its text and link at their longest, in any script). */
export const MAX_CREATE_BODY_BYTES = 16 * 1024;

const listQuerySchema = z.object({
  box: z.enum(['sent', 'received']),
  ...pageQueryShape,
});

const text = (max: number) => z.string().max(max, `at most ${max} characters`);

const actionSchema = z.discriminatedUnion('action', [
  z.object({ action: z.literal('accept') }).strict(),
  z
    .object({ action: z.literal('decline'), reason: text(HELP_REQUEST_LIMITS.reason).optional() })
    .strict(),
  z
    .object({
      action: z.literal('redirect'),
      suggestion: text(HELP_REQUEST_LIMITS.name).trim().min(1, 'a name is needed'),
    })
    .strict(),
  z.object({ action: z.literal('cancel') }).strict(),
  z.object({ action: z.literal('done') }).strict(),
  z
    .object({ action: z.literal('thank'), note: text(HELP_REQUEST_LIMITS.note).optional() })
    .strict(),
]);

const REFUSALS = {
  'illegal-transition': {
    status: 409,
    detail: 'The request has moved on; this action no longer fits where it stands.',
    type: PROBLEM_TYPES.illegalTransition,
  },
  'wrong-party': {
    status: 409,
    detail: 'That action is for the other side of this request.',
    type: PROBLEM_TYPES.wrongParty,
  },
  'invalid-suggestion': {
    status: 422,
    detail: 'Suggest someone other than the two of you.',
    type: PROBLEM_TYPES.validation,
  },
} as const;

async function serviceOf(context: ApiContext): Promise<HelpRequestService> {
  const service = context.services.helpRequests;
  // With help requests not wired in this deployment, the routes are as absent as any unknown one.
  if (!service) throw notFound();
  await requireFeature(context, 'helpRequests');
  return service;
}

function requestDto(view: HelpRequestView, viewerId: string): HelpRequestDto {
  const request = view.request;
  return {
    id: request.id,
    role: view.role === 'helper' ? 'helper' : 'asker',
    status: request.status,
    what: request.what,
    ...(request.byWhen ? { byWhen: request.byWhen } : {}),
    weight: request.weight,
    ...(request.link ? { link: request.link } : {}),
    askerName: request.asker.name,
    helperName: request.helper.name,
    createdAt: request.createdAt,
    updatedAt: request.updatedAt,
    ...(request.declineReason ? { declineReason: request.declineReason } : {}),
    ...(request.suggestion ? { suggestion: request.suggestion.name } : {}),
    ...(request.thanks
      ? {
          thanks: {
            at: request.thanks.at,
            ...(request.thanks.note ? { note: request.thanks.note } : {}),
          },
        }
      : {}),
    actions: availableActions(request, viewerId),
    etag: formatEtag(view.etag),
  };
}

/** `GET /requests`: one page of the requests the caller sent or received, newest first. */
export async function listRequests(context: ApiContext): Promise<ApiResult> {
  const service = await serviceOf(context);
  const query = parseQuery(listQuerySchema, context.query);
  const page = { limit: query.limit, ...(query.cursor ? { cursor: query.cursor } : {}) };
  const listed =
    query.box === 'sent'
      ? await service.listSent(context.scope, page)
      : await service.listReceived(context.scope, page);
  const body: RequestListResponse = {
    items: listed.items.map((view) => requestDto(view, context.scope.userId)),
    ...(listed.nextCursor ? { nextCursor: listed.nextCursor } : {}),
  };
  return { body };
}

/** `POST /requests/:id/actions`: one action by the caller, as on the card. */
export async function postRequestAction(context: ApiContext): Promise<ApiResult> {
  const service = await serviceOf(context);
  const id = context.params['id'] ?? '';
  const input = parseBody(actionSchema, context.body);
  const action =
    input.action === 'redirect'
      ? { type: input.action, suggestion: { name: input.suggestion } }
      : input.action === 'decline'
        ? { type: input.action, ...(input.reason ? { reason: input.reason } : {}) }
        : input.action === 'thank'
          ? { type: input.action, ...(input.note ? { note: input.note } : {}) }
          : { type: input.action };
  const result = await service.act(context.scope, id, action, {
    ...(context.ifMatch ? { ifMatch: context.ifMatch } : {}),
  });
  switch (result.kind) {
    case 'not-found':
      throw notFound();
    case 'stale':
      throw new ApiProblem(
        412,
        'This request changed since you loaded it. Load it again, then decide.',
        PROBLEM_TYPES.stale,
      );
    case 'refused': {
      const refusal = REFUSALS[result.reason];
      throw new ApiProblem(refusal.status, refusal.detail, refusal.type);
    }
    case 'changed':
    case 'unchanged': {
      context.log.info(
        { action: action.type, changed: result.kind === 'changed' },
        'request acted on',
      );
      const body: RequestActionResponse = {
        request: requestDto(result.view, context.scope.userId),
        changed: result.kind === 'changed',
      };
      return { body, etag: result.view.etag };
    }
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const createSchema = z
  .object({
    colleagueId: z.string().min(1, 'pick a colleague').max(128, 'at most 128 characters'),
    what: text(HELP_REQUEST_LIMITS.what).trim().min(1, 'say in a few words what you need'),
    link: z
      .string()
      .max(HELP_REQUEST_LIMITS.link, `at most ${HELP_REQUEST_LIMITS.link} characters`)
      .refine((link) => safeLinkOf(link) !== null, 'a full https:// address')
      .optional(),
    source: z.literal('outlook'),
  })
  .strict();

/** Which field each domain problem of a draft is about. */
const DRAFT_FIELDS: Record<DraftProblem, FieldProblem> = {
  'what-missing': { path: 'what', message: 'say in a few words what you need' },
  'what-too-long': { path: 'what', message: `at most ${HELP_REQUEST_LIMITS.what} characters` },
  'link-invalid': { path: 'link', message: 'a full https:// address' },
  'asking-yourself': { path: 'colleagueId', message: 'pick someone other than yourself' },
  'by-when-invalid': { path: '(body)', message: 'the date does not fit' },
  'by-when-past': { path: '(body)', message: 'the date does not fit' },
  'by-when-too-far': { path: '(body)', message: 'the date does not fit' },
};

const UNREACHABLE =
  'Spotter can’t bring this colleague a request yet: they need Spotter in Teams first.';

/** `POST /requests`: asks a colleague, delivering the card as in chat (`Idempotency-Key`). */
export async function postRequest(context: ApiContext): Promise<ApiResult> {
  const service = await serviceOf(context);
  const delivery = context.services.helpRequestDelivery;
  if (!delivery) throw notFound();
  const input = parseBody(createSchema, context.body);
  const key = context.idempotencyKey;
  if (key !== undefined && !UUID.test(key)) {
    throw new ApiProblem(400, 'Idempotency-Key must be a UUID.', PROBLEM_TYPES.validation, [
      { path: 'Idempotency-Key', message: 'a UUID' },
    ]);
  }
  const { scope } = context;
  if (key !== undefined) {
    // A repeat answers with the first call's request before anything else is weighed again.
    const earlier = await service.view(scope, requestIdOf(scope, key));
    if (earlier?.role === 'asker') return created(context, earlier, false);
  }
  const colleague = isValidScopeId(input.colleagueId)
    ? await delivery.reach(scope, input.colleagueId)
    : undefined;
  if (!colleague) {
    throw new ApiProblem(409, UNREACHABLE, PROBLEM_TYPES.colleagueUnreachable);
  }
  const result = await service.create(
    scope,
    {
      formId: key ?? randomUUID(),
      helperUserId: input.colleagueId,
      helperName: colleague.name,
      askerName: context.caller.name,
      askerTeamsUserId: colleague.askerTeamsUserId,
      helperTeamsUserId: colleague.teamsUserId,
      what: input.what,
      weight: 'light',
      link: input.link,
    },
    colleague.deliver,
  );
  context.log.info({ source: input.source, outcome: result.kind }, 'request asked');
  return answerOf(context, service, result);
}

function answerOf(
  context: ApiContext,
  service: HelpRequestService,
  result: CreateResult,
): ApiResult {
  switch (result.kind) {
    case 'created':
    case 'existing':
      return created(context, result.view, result.kind === 'created');
    case 'invalid':
      throw new ApiProblem(
        422,
        'Some of what was sent does not fit; see errors.',
        PROBLEM_TYPES.validation,
        result.problems.map((problem) => DRAFT_FIELDS[problem]),
      );
    case 'limited':
      throw new ApiProblem(
        409,
        result.limit === 'daily-limit'
          ? `That is ${service.limits.perDay} requests today. Give people time to answer, and ask again tomorrow.`
          : `You asked this colleague ${service.limits.perPairPerDay} times today. Give them room to answer.`,
        PROBLEM_TYPES.askLimit,
      );
    case 'muted':
      throw new ApiProblem(
        409,
        'This colleague is not taking requests through Spotter right now.',
        PROBLEM_TYPES.colleagueMuted,
      );
    case 'unknown-colleague':
      throw new ApiProblem(409, UNREACHABLE, PROBLEM_TYPES.colleagueUnreachable);
    case 'undeliverable':
      throw new ApiProblem(
        409,
        'Spotter could not reach this colleague just now. Nothing was sent; try again shortly.',
        PROBLEM_TYPES.colleagueUnreachable,
      );
    case 'switched-off':
      throw new ApiProblem(
        403,
        'Your organization has turned help requests off in Spotter.',
        PROBLEM_TYPES.featureOff,
      );
  }
}

function created(context: ApiContext, view: HelpRequestView, isNew: boolean): ApiResult {
  const body: CreateRequestResponse = {
    request: requestDto(view, context.scope.userId),
    created: isNew,
  };
  return { status: isNew ? 201 : 200, body, etag: view.etag };
}
