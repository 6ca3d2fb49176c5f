/**
 * Who may act as an organization's admin in Spotter.
 *
 * @remarks
 * Only claims of a verified token and the server's configuration count, never the request. An
 * admin is an admin of their own tenant only: a configured admin names a tenant and a user, so
 * a token of another tenant never matches, and every admin route acts in the caller's tenant.
 * Onboarding also accepts the Global Administrator directory role (`wids`), who is the one that
 * grants consent when an organization turns Spotter on and may not have the app role yet.
 * The local development identity has no roles, so it is an admin only when `ADMIN_USER_IDS`
 * names it (development and tests; it never exists in production).
 */
import type { Config } from '../config/config';
import type { AuthenticatedUser } from './token-validator';

/** The Entra app role that makes a user a Spotter admin of their organization. */
export const ADMIN_APP_ROLE = 'Spotter.Admin';

/** Role template id of the Entra Global Administrator directory role. */
export const GLOBAL_ADMINISTRATOR_ROLE = '62e90394-69f5-4237-9190-012177145e10';

/** The admin settings of the configuration. */
export type AdminPolicy = Pick<Config['auth'], 'adminUserIds'>;

/** True when the caller may administer Spotter for their own tenant. */
export function isTenantAdmin(caller: AuthenticatedUser, policy: AdminPolicy): boolean {
  const { tenantId, userId } = caller.scope;
  return (
    caller.roles.includes(ADMIN_APP_ROLE) ||
    policy.adminUserIds.includes(`${tenantId}:${userId}`.toLowerCase())
  );
}

/** True when the caller may turn Spotter on for their own tenant. */
export function mayOnboard(caller: AuthenticatedUser, policy: AdminPolicy): boolean {
  return (
    isTenantAdmin(caller, policy) ||
    (caller.directoryRoles ?? []).includes(GLOBAL_ADMINISTRATOR_ROLE)
  );
}
