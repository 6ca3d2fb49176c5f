/**
 * `GET /api/v1/me`: who the caller is.
 */
import type { Request, Response } from 'express';
import { callerOf } from '../authenticate';
import type { MeResponse } from '../contracts';

/** Answers with the caller's name and tenant. */
export function getMe(_req: Request, res: Response): void {
  const caller = callerOf(res);
  const body: MeResponse = {
    name: caller.name,
    ...(caller.givenName ? { givenName: caller.givenName } : {}),
    tenantId: caller.scope.tenantId,
    devIdentity: caller.devIdentity,
  };
  res.json(body);
}
