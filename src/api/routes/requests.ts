/**
 * Help requests in the tab: `GET /requests` (sent or received) and `POST /requests/:id/actions`.
 *
 * @remarks
 * Actions go through the help-request service the bot uses, so they run the one state machine
 * (`src/domain/help-request.ts`), count the same reps, and the service's listeners update both
 * parties' cards in Teams exactly as a press on the card would. A request the caller is not a
 * party to, or of another tenant, is a 404 like a missing one.
 */
import { z } from 'zod';
import { availableActions, HELP_REQUEST_LIMITS } from '../../domain/help-request';
import type { HelpRequestView } from '../../services/help-request-service';
import type { HelpRequestService } from '../../services/help-request-service';
import { ApiProblem, notFound, type ApiContext, type ApiResult } from '../api-route';
import {
  PROBLEM_TYPES,
  type HelpRequestDto,
  type RequestActionResponse,
  type RequestListResponse,
} from '../contracts';
import { formatEtag } from '../etag';
import { parseBody, pageQueryShape, parseQuery } from '../validation';

/** Largest body of an action. */
export const MAX_ACTION_BODY_BYTES = 4 * 1024;

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

function serviceOf(context: ApiContext): HelpRequestService {
  const service = context.services.helpRequests;
  // With help requests switched off, the routes are as absent as any unknown one.
  if (!service) throw notFound();
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
  const service = serviceOf(context);
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
  const service = serviceOf(context);
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
