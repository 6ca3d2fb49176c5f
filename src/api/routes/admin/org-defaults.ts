/**
 * `GET` and `PUT /api/v1/admin/org-defaults` (with `If-Match`): the caller's organization's
 * reminder defaults, challenge set, feature switches and Entra group overrides. Every change is
 * audited, and takes effect without a restart (see `services/org-defaults-service`).
 */
import { orgDefaultsSchema, type OrgDefaults } from '../../../domain/org-defaults';
import type { AuditEntry } from '../../../services/admin-service';
import type { ApiContext, ApiResult } from '../../api-route';
import { parseBody } from '../../validation';
import { requireAdmin } from './require-admin';

/** Largest body of a save: fifty labelled group overrides fit with room to spare. */
export const MAX_ORG_DEFAULTS_BODY_BYTES = 32 * 1024;

/** What the audit log keeps of a save: the values, flattened; group ids but not their labels. */
function auditDetails(defaults: OrgDefaults): AuditEntry['details'] {
  const hours = defaults.quietHours;
  return {
    reminderDay: defaults.reminderDay,
    reminderTime: defaults.reminderTime,
    quietHours: hours ? `${hours.start}-${hours.end}` : null,
    challengeSet: defaults.challengeSet,
    reps: defaults.features.reps,
    helpRequests: defaults.features.helpRequests,
    composeExtension: defaults.features.composeExtension,
    groups: defaults.groups.map((group) => group.groupId).join(' ') || null,
  };
}

/** The organization's defaults (Spotter's own until first saved, then with an ETag). */
export async function getOrgDefaults(context: ApiContext): Promise<ApiResult> {
  requireAdmin(context);
  const defaults = await context.services.orgDefaults.read(context.scope);
  return { body: defaults.value, etag: defaults.etag };
}

/** Replaces the organization's defaults and records who did it. */
export async function putOrgDefaults(context: ApiContext): Promise<ApiResult> {
  requireAdmin(context);
  const defaults = parseBody(orgDefaultsSchema, context.body);
  const saved = await context.services.orgDefaults.save(context.scope, defaults, context.ifMatch);
  await context.services.admin.audit(
    context.scope,
    'org-defaults.changed',
    auditDetails(saved.value),
    context.now(),
  );
  context.log.info({ groups: defaults.groups.length }, 'org defaults changed');
  return { body: saved.value, etag: saved.etag };
}
