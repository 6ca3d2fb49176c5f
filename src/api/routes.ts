/**
 * Every route of the tab API, in one table: the router registers exactly these, and tests walk
 * the table to probe each one (authentication, tenant isolation, bad input).
 *
 * @remarks
 * Paths are under `/api/v1`; every route needs a signed-in caller and acts in the caller's own
 * partition only. Request and response types are in `./contracts`.
 */
import type { ApiRoute } from './api-route';
import { getAggregates } from './routes/admin/aggregates';
import { exportAuditLog, getAuditLog } from './routes/admin/audit';
import { postOnboarding } from './routes/admin/onboarding';
import {
  getOrgDefaults,
  MAX_ORG_DEFAULTS_BODY_BYTES,
  putOrgDefaults,
} from './routes/admin/org-defaults';
import { getRetention, MAX_RETENTION_BODY_BYTES, putRetention } from './routes/admin/retention';
import { getAppInfo } from './routes/app-info';
import { getMe } from './routes/me';
import { deleteMyData, getExport, MAX_DELETE_BODY_BYTES } from './routes/my-data';
import { getPeople } from './routes/people';
import { getReflection, listReflections } from './routes/reflections';
import { getColleagues } from './routes/colleagues';
import {
  listRequests,
  MAX_ACTION_BODY_BYTES,
  MAX_CREATE_BODY_BYTES,
  postRequest,
  postRequestAction,
} from './routes/requests';
import { getSettings, MAX_SETTINGS_BODY_BYTES, putSettings } from './routes/settings';
import { getTrends } from './routes/trends';
import {
  deleteLastRep,
  getThisWeek,
  MAX_REFLECTION_BODY_BYTES,
  MAX_REP_BODY_BYTES,
  postRep,
  putReflection,
} from './routes/week';

/** The tab API's routes. */
export const API_ROUTES: readonly ApiRoute[] = [
  { method: 'GET', path: '/me', summary: 'Who the caller is', handler: getMe },
  { method: 'GET', path: '/app', summary: 'Bot id and features switched on', handler: getAppInfo },
  {
    method: 'GET',
    path: '/week',
    summary: 'This week: reflection, reps, counts, streak (ETag)',
    handler: getThisWeek,
  },
  {
    method: 'PUT',
    path: '/week/reflection',
    summary: 'Save this week’s reflection, draft or finished (If-Match)',
    maxBodyBytes: MAX_REFLECTION_BODY_BYTES,
    handler: putReflection,
  },
  {
    method: 'POST',
    path: '/week/reps',
    summary: 'Log a rep in the current week',
    maxBodyBytes: MAX_REP_BODY_BYTES,
    handler: postRep,
  },
  {
    method: 'DELETE',
    path: '/week/reps/last',
    summary: 'Undo the last hand-logged rep of the current week',
    handler: deleteLastRep,
  },
  {
    method: 'GET',
    path: '/reflections',
    summary: 'History, newest first; search by text (q) and person; cursor paging',
    handler: listReflections,
  },
  {
    method: 'GET',
    path: '/reflections/:week',
    summary: 'One week in full; 404 unless the caller has it',
    handler: getReflection,
  },
  {
    method: 'GET',
    path: '/trends',
    summary: 'Reps per week and streaks',
    handler: getTrends,
  },
  { method: 'GET', path: '/people', summary: 'The support network', handler: getPeople },
  { method: 'GET', path: '/settings', summary: 'Settings (ETag)', handler: getSettings },
  {
    method: 'PUT',
    path: '/settings',
    summary: 'Replace the settings (If-Match)',
    maxBodyBytes: MAX_SETTINGS_BODY_BYTES,
    handler: putSettings,
  },
  {
    method: 'GET',
    path: '/requests',
    summary: 'Help requests sent or received (box), newest first; cursor paging',
    handler: listRequests,
  },
  {
    method: 'POST',
    path: '/requests',
    summary: 'Ask a colleague for a hand; the card reaches them in Teams (Idempotency-Key)',
    maxBodyBytes: MAX_CREATE_BODY_BYTES,
    handler: postRequest,
  },
  {
    method: 'GET',
    path: '/colleagues',
    summary: 'Colleagues to ask: the sender behind address, people known from Spotter (q)',
    handler: getColleagues,
  },
  {
    method: 'POST',
    path: '/requests/:id/actions',
    summary: 'Act on a help request as on its card (If-Match optional); 404 unless a party',
    maxBodyBytes: MAX_ACTION_BODY_BYTES,
    handler: postRequestAction,
  },
  {
    method: 'GET',
    path: '/export',
    summary: 'Everything of the caller’s as a JSON or CSV download',
    handler: getExport,
  },
  {
    method: 'DELETE',
    path: '/me/data',
    summary: 'Delete everything of the caller’s (confirmation in the body)',
    maxBodyBytes: MAX_DELETE_BODY_BYTES,
    handler: deleteMyData,
  },
  {
    method: 'POST',
    path: '/admin/onboarding',
    summary: 'Admins: turn Spotter on for their own organization (open to tenants not served)',
    openToUnservedTenants: true,
    handler: postOnboarding,
  },
  {
    method: 'GET',
    path: '/admin/audit',
    summary: 'Admins: the organization’s admin changes, newest first; cursor paging',
    handler: getAuditLog,
  },
  {
    method: 'GET',
    path: '/admin/audit/export',
    summary: 'Admins: the whole audit log as a CSV download',
    handler: exportAuditLog,
  },
  {
    method: 'GET',
    path: '/admin/aggregates',
    summary: 'Admins: anonymous weekly figures (week); groups under 5 hidden',
    handler: getAggregates,
  },
  {
    method: 'GET',
    path: '/admin/retention',
    summary: 'Admins: delete reflections older than N months (null: keep them)',
    handler: getRetention,
  },
  {
    method: 'PUT',
    path: '/admin/retention',
    summary: 'Admins: change the retention (audited)',
    maxBodyBytes: MAX_RETENTION_BODY_BYTES,
    handler: putRetention,
  },
  {
    method: 'GET',
    path: '/admin/org-defaults',
    summary: 'Admins: reminder defaults, challenge set, feature switches, group overrides (ETag)',
    handler: getOrgDefaults,
  },
  {
    method: 'PUT',
    path: '/admin/org-defaults',
    summary: 'Admins: replace the organization’s defaults (If-Match; audited)',
    maxBodyBytes: MAX_ORG_DEFAULTS_BODY_BYTES,
    handler: putOrgDefaults,
  },
];
