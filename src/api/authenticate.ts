/**
 * Express middleware that authenticates every tab API request before any route runs.
 */
import type { NextFunction, Request, Response } from 'express';
import type { RequestAuthenticator } from '../auth/request-identity';
import type { TenantRegistry } from '../services/tenant-registry';
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
      refuse(res, error);
    }
  };
}

/**
 * Refuses callers whose organization Spotter does not serve, with the same 401 a bad token gets,
 * except on the routes in `open` (`METHOD /path`), which such a caller must reach to enable it.
 *
 * @remarks
 * Runs after {@link authenticateRequests}: the tenant comes from the verified token only, and the
 * answer cannot be used to probe which tenants are served without one. A path that is not exactly
 * an open route (a trailing slash, other casing) is gated, so the exemption fails closed.
 */
export function requireServedTenant(tenants: TenantRegistry, open: ReadonlySet<string>) {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    if (open.has(`${req.method} ${req.path}`) || (await tenants.isServed(callerOf(res).scope))) {
      next();
      return;
    }
    refuse(res, new AuthError('tenant'));
  };
}

function refuse(res: Response, error: AuthError): void {
  res.set('WWW-Authenticate', 'Bearer');
  sendProblem(
    res,
    401,
    error.message,
    error.reason === 'tenant' ? PROBLEM_TYPES.tenantNotEnabled : undefined,
  );
}
