/**
 * `GET /api/v1/me`: who the caller is.
 */
import { isTenantAdmin } from '../../auth/admin';
import type { ApiContext, ApiResult } from '../api-route';
import type { MeResponse } from '../contracts';

/** Answers with the caller's name and tenant. */
export async function getMe({ caller, services }: ApiContext): Promise<ApiResult> {
  const body: MeResponse = {
    name: caller.name,
    ...(caller.givenName ? { givenName: caller.givenName } : {}),
    tenantId: caller.scope.tenantId,
    devIdentity: caller.devIdentity,
    ...(isTenantAdmin(caller, services.adminPolicy) ? { admin: true as const } : {}),
  };
  return { body };
}
