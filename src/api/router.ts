/**
 * The tab API: every route authenticated, inputs validated, errors as problem details.
 */
import { Router } from 'express';
import type { RequestAuthenticator } from '../auth/request-identity';
import type { PracticeService } from '../services/practice-service';
import { authenticateRequests } from './authenticate';
import { sendProblem } from './problem';
import { getMe } from './routes/me';

/** The use cases behind the API's routes. */
export interface ApiServices {
  /** The weekly practice. */
  readonly practice: PracticeService;
}

/** Builds the router mounted at `/api/v1`. */
export function createApiRouter(
  authenticator: RequestAuthenticator,
  _services: ApiServices,
): Router {
  const router = Router();
  router.use(authenticateRequests(authenticator));
  router.get('/me', getMe);
  router.use((_req, res) => sendProblem(res, 404, 'There is no such API route.'));
  return router;
}
