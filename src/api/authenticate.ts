/**
 * Express middleware that authenticates every tab API request before any route runs.
 */
import type { NextFunction, Request, Response } from 'express';
import type { RequestAuthenticator } from '../auth/request-identity';
import { AuthError, type AuthenticatedUser } from '../auth/token-validator';
import { PROBLEM_TYPES } from './contracts';
import { sendProblem } from './problem';

/** The authenticated caller of the current request (set by {@link authenticateRequests}). */
export function callerOf(res: Response): AuthenticatedUser {
  const caller = res.locals['caller'] as AuthenticatedUser | undefined;
  if (!caller) throw new Error('route mounted without authentication');
  return caller;
}

/** Refuses requests without a valid token: 401 with a reason, or 503 when keys cannot be fetched. */
export function authenticateRequests(authenticator: RequestAuthenticator) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    try {
      res.locals['caller'] = await authenticator.authenticate(req.get('authorization'));
      next();
    } catch (error) {
      if (!(error instanceof AuthError)) throw error;
      if (error.reason === 'unavailable') {
        sendProblem(res, 503, error.message);
        return;
      }
      res.set('WWW-Authenticate', 'Bearer');
      sendProblem(
        res,
        401,
        error.message,
        error.reason === 'tenant' ? PROBLEM_TYPES.tenantNotEnabled : undefined,
      );
    }
  };
}
