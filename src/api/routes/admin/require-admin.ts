/**
 * The check every admin route makes first.
 */
import { isTenantAdmin } from '../../../auth/admin';
import { ApiProblem, type ApiContext } from '../../api-route';

/** Throws a 403 unless the caller administers Spotter for their own tenant. */
export function requireAdmin({ caller, services }: ApiContext): void {
  if (!isTenantAdmin(caller, services.adminPolicy)) {
    throw new ApiProblem(403, 'This is for your organization’s Spotter admins.');
  }
}
