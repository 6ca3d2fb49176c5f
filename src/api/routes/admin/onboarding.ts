/**
 * `POST /api/v1/admin/onboarding`: an organization's admin turns Spotter on for their own
 * organization (self-service onboarding, after granting consent).
 *
 * @remarks
 * The one route a caller of a tenant not served yet may reach. The tenant is the verified token's
 * `tid`, never anything in the request, so an admin can only ever enable their own organization.
 */
import { mayOnboard } from '../../../auth/admin';
import type { OnboardingResponse } from '../../admin-contracts';
import { ApiProblem, type ApiContext, type ApiResult } from '../../api-route';

/** Enables the caller's tenant; 403 unless the caller is one of its admins. */
export async function postOnboarding({
  caller,
  scope,
  services,
  now,
  log,
}: ApiContext): Promise<ApiResult> {
  if (!mayOnboard(caller, services.adminPolicy)) {
    throw new ApiProblem(
      403,
      'Only an admin of your organization can turn Spotter on for it (the Spotter.Admin role or Global Administrator).',
    );
  }
  const at = now();
  const outcome = await services.tenants.enable(scope, at);
  if (outcome === 'single-tenant') {
    throw new ApiProblem(409, 'This Spotter serves one organization, set by its configuration.');
  }
  if (outcome.changed) {
    await services.admin.audit(scope, 'tenant.enabled', { enabled: true }, at);
    log.info('tenant enabled through onboarding');
  }
  const body: OnboardingResponse = {
    tenantEnabled: true,
    enabledAt: outcome.tenant.enabledAt ?? at.toISOString(),
  };
  return { body };
}
