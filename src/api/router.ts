/**
 * The tab API: every route of {@link API_ROUTES} authenticated, its input checked, its errors
 * answered as problem details.
 *
 * @remarks
 * The router does for every route what no handler should repeat: authentication, the body's
 * type and size, the `If-Match` syntax, `Cache-Control: no-store` (every answer is personal),
 * a correlation id, and the mapping of known errors to 4xx. An error it does not know is a 500,
 * logged with the tenant and correlation id and never with the request's content.
 */
import { randomUUID } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import type { RequestAuthenticator } from '../auth/request-identity';
import { PracticeError } from '../services/practice-service';
import { ConflictError, InvalidStoreInputError, StoreUnavailableError } from '../store/errors';
import {
  ApiProblem,
  type ApiContext,
  type ApiResult,
  type ApiRoute,
  type ApiServices,
} from './api-route';
import { authenticateRequests, callerOf, requireServedTenant } from './authenticate';
import { PROBLEM_TYPES } from './contracts';
import { formatEtag, parseIfMatch } from './etag';
import { sendProblem } from './problem';
import { API_ROUTES } from './routes';

export type { ApiServices } from './api-route';

/** The pause a 503 asks for: long enough for a throttled or locked store to clear, short to wait. */
const STORE_RETRY_AFTER_SECONDS = 5;

/** Correlation ids a client may pass in `X-Correlation-Id`; anything else gets a fresh one. */
const CORRELATION_ID = /^[A-Za-z0-9._-]{1,64}$/;

const PRACTICE_PROBLEMS: Record<PracticeError['reason'], { detail: string; type: string }> = {
  'week-closed': {
    detail: 'That week is over; only the current week can change.',
    type: PROBLEM_TYPES.weekClosed,
  },
  'nothing-to-undo': {
    detail: 'There is no rep this week to undo.',
    type: PROBLEM_TYPES.nothingToUndo,
  },
  'too-many-reps': {
    detail: 'This week holds as many reps as it can.',
    type: PROBLEM_TYPES.tooManyReps,
  },
};

/** Builds the router mounted at `/api/v1`. */
export function createApiRouter(
  authenticator: RequestAuthenticator,
  services: ApiServices,
  routes: readonly ApiRoute[] = API_ROUTES,
): Router {
  const router = Router();
  router.use((req, res, next) => {
    res.set('Cache-Control', 'no-store');
    const offered = req.get('x-correlation-id');
    res.locals['correlationId'] = offered && CORRELATION_ID.test(offered) ? offered : randomUUID();
    res.set('X-Correlation-Id', res.locals['correlationId'] as string);
    next();
  });
  router.use(authenticateRequests(authenticator));
  router.use(
    requireServedTenant(
      services.tenants,
      new Set(
        routes
          .filter((route) => route.openToUnservedTenants === true)
          .map((route) => `${route.method} ${route.path}`),
      ),
    ),
  );
  for (const route of routes) {
    router[methodOf(route)](route.path, (req, res) => handle(route, services, req, res));
  }
  const allowed = new Map<string, string[]>();
  for (const route of routes)
    allowed.set(route.path, [...(allowed.get(route.path) ?? []), route.method]);
  for (const [path, methods] of allowed) {
    router.all(path, (_req, res) => {
      res.set('Allow', methods.join(', '));
      sendProblem(res, 405, `Use ${methods.join(' or ')}.`);
    });
  }
  router.use((_req, res) => sendProblem(res, 404, 'There is no such API route.'));
  return router;
}

function methodOf(route: ApiRoute): 'get' | 'put' | 'post' | 'delete' {
  return route.method.toLowerCase() as 'get' | 'put' | 'post' | 'delete';
}

async function handle(
  route: ApiRoute,
  services: ApiServices,
  req: Request,
  res: Response,
): Promise<void> {
  const caller = callerOf(res);
  const log = services.logger.child({
    tenantId: caller.scope.tenantId,
    correlationId: res.locals['correlationId'] as string,
    route: `${route.method} ${route.path}`,
  });
  try {
    const context: ApiContext = {
      caller,
      scope: caller.scope,
      params: req.params as Record<string, string>,
      query: req.query,
      body: bodyOf(route, req),
      ifMatch: parseIfMatch(req.get('if-match')),
      idempotencyKey: req.get('idempotency-key'),
      services,
      now: services.now,
      log,
    };
    send(res, await route.handler(context));
  } catch (error) {
    const known = problemOf(error);
    if (known) {
      if (known.status === 503) res.set('Retry-After', String(STORE_RETRY_AFTER_SECONDS));
      sendProblem(res, known.status, known.detail, known.type, known.errors);
      return;
    }
    log.error(
      { err: error instanceof Error ? { name: error.name, message: error.message } : 'unknown' },
      'API request failed',
    );
    sendProblem(res, 500, 'Something went wrong on our side; nothing was changed.');
  }
}

/** The JSON body of a route that takes one, after checking its type and size. */
function bodyOf(route: ApiRoute, req: Request): unknown {
  if (route.maxBodyBytes === undefined) return undefined;
  const length = Number(req.get('content-length') ?? '0');
  if (length > route.maxBodyBytes) {
    throw new ApiProblem(413, `The body is larger than ${route.maxBodyBytes} bytes.`);
  }
  if (!req.is(['application/json', 'application/*+json'])) {
    throw new ApiProblem(415, 'Send JSON (application/json).');
  }
  return req.body as unknown;
}

function send(res: Response, result: ApiResult): void {
  if ('file' in result) {
    res.set('Content-Disposition', `attachment; filename="${result.filename}"`);
    write(res, 200, result.contentType, result.file);
    return;
  }
  if (result.etag) res.set('ETag', formatEtag(result.etag));
  write(res, result.status ?? 200, 'application/json; charset=utf-8', JSON.stringify(result.body));
}

/**
 * Writes a body with `res.end`, not `res.send`: Express would add weak ETags of its own to
 * answers, and clients must only ever see the entity tags of stored records.
 */
function write(res: Response, status: number, contentType: string, text: string): void {
  res
    .status(status)
    .set({ 'Content-Type': contentType, 'Content-Length': String(Buffer.byteLength(text)) })
    .end(text);
}

/** The problem a known error stands for, or undefined for a fault of ours. */
function problemOf(error: unknown): ApiProblem | undefined {
  if (error instanceof ApiProblem) return error;
  if (error instanceof ConflictError) {
    return error.reason === 'stale'
      ? new ApiProblem(
          412,
          'This changed since you loaded it (perhaps in the chat). Load it again, then save.',
          PROBLEM_TYPES.stale,
        )
      : new ApiProblem(409, 'That exists already.');
  }
  if (error instanceof PracticeError) {
    const { detail, type } = PRACTICE_PROBLEMS[error.reason];
    return new ApiProblem(409, detail, type);
  }
  if (error instanceof InvalidStoreInputError) {
    return new ApiProblem(
      400,
      'The cursor is not one this API handed out.',
      PROBLEM_TYPES.validation,
    );
  }
  if (error instanceof StoreUnavailableError) {
    return new ApiProblem(503, 'Spotter’s storage is busy; try again in a moment.');
  }
  return undefined;
}
