/**
 * Org defaults through the tab API of two running Spotter instances on one database: only the
 * caller's own admins read and change them (each change audited), a change reaches the other
 * instance without a restart, the switches close the rep and request routes with a reason, the
 * reminder defaults and challenge set reach people who chose nothing, a group override follows
 * the token's groups, and nothing of one tenant's defaults touches another tenant.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { AuditResponse, OrgDefaultsBody } from '../../../src/api/admin-contracts';
import {
  PROBLEM_TYPES,
  type AppInfoResponse,
  type ProblemDetails,
  type SettingsDto,
  type ThisWeekResponse,
} from '../../../src/api/contracts';
import { ADMIN_APP_ROLE } from '../../../src/auth/admin';
import { CHALLENGE_SETS } from '../../../src/domain/challenges';
import { builtInOrgDefaults } from '../../../src/domain/org-defaults';
import { defaultSettings } from '../../../src/domain/settings';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';
import { apiAs, type TabApi } from '../../support/tab-api';
import { startTokenIssuer, type TokenIssuer } from '../../support/token-issuer';

// Servers start slowly on a busy machine; the waits are generous, never a speed check.
jest.setTimeout(60_000);

const TENANT_A = 'd6000000-0000-4000-8000-00000000000a';
const TENANT_B = 'd6000000-0000-4000-8000-00000000000b';
const LISTED_ADMIN = 'd6000000-0000-4000-8000-0000000000ad';
const ROLE_ADMIN = 'd6000000-0000-4000-8000-0000000000ae';
const MEMBER = 'd6000000-0000-4000-8000-000000000001';
const PILOT_MEMBER = 'd6000000-0000-4000-8000-000000000002';
const PILOT = 'd6000000-0000-4000-8000-0000000000f1';
const NOW = new Date('2026-11-25T12:00:00Z');

const quiet: OrgDefaultsBody = {
  reminderDay: 3,
  reminderTime: '09:30',
  quietHours: { start: '20:00', end: '07:00' },
  challengeSet: 'gentle',
  features: { reps: false, helpRequests: false, composeExtension: false },
  groups: [{ groupId: PILOT, label: 'Pilot', features: { reps: true } }],
};

let issuer: TokenIssuer;
let directory: string;
let first: TestSpotter;
let second: TestSpotter;

/** A caller of one of the two instances. */
async function as(
  spotter: TestSpotter,
  tid: string,
  oid: string,
  claims: Record<string, unknown> = {},
): Promise<TabApi> {
  return apiAs(spotter.baseUrl, `Bearer ${await issuer.sign({ tid, oid, ...claims })}`);
}
const adminOf = (spotter: TestSpotter, tid: string) =>
  as(spotter, tid, ROLE_ADMIN, { roles: [ADMIN_APP_ROLE] });

/** Asks until `check` passes: the other instance's copy expires after a second. */
async function eventually(check: () => Promise<boolean>): Promise<void> {
  for (let attempt = 0; attempt < 200; attempt += 1) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the change never arrived');
}

beforeAll(async () => {
  issuer = await startTokenIssuer({ tenantId: TENANT_A });
  directory = mkdtempSync(path.join(os.tmpdir(), 'spotter-org-defaults-api-'));
  const env = {
    ...issuer.env,
    AAD_APP_CLIENT_ID: 'spotter-client-id',
    ADMIN_USER_IDS: `${TENANT_A}:${LISTED_ADMIN}`,
    ORG_DEFAULTS_CACHE_SECONDS: '1',
    // Two instances, one database: as two copies behind a load balancer.
    SQLITE_PATH: path.join(directory, 'shared.db'),
  };
  first = await startSpotter(env, { now: () => NOW });
  second = await startSpotter(env, { now: () => NOW });
});

afterAll(async () => {
  await second?.stop();
  await first?.stop();
  await issuer?.stop();
  rmSync(directory, { recursive: true, force: true });
});

describe('who may read and change org defaults', () => {
  it('answers 403 to a member and to a configured admin’s id in another tenant', async () => {
    const member = await as(first, TENANT_A, MEMBER, { roles: ['Reader'] });
    expect((await member.get('/admin/org-defaults')).status).toBe(403);
    expect((await member.put('/admin/org-defaults', quiet)).status).toBe(403);
    const listedHere = await as(first, TENANT_A, LISTED_ADMIN);
    expect((await listedHere.get('/admin/org-defaults')).status).toBe(200);
    const listedElsewhere = await as(first, TENANT_B, LISTED_ADMIN);
    expect((await listedElsewhere.get('/admin/org-defaults')).status).toBe(403);
    expect((await listedElsewhere.put('/admin/org-defaults', quiet)).status).toBe(403);
    const unchanged = await listedHere.get<OrgDefaultsBody>('/admin/org-defaults');
    expect(unchanged.body).toEqual(builtInOrgDefaults());
  });

  it('refuses what does not fit with a 422 naming the field, and changes nothing', async () => {
    const admin = await adminOf(first, TENANT_A);
    const answer = await admin.put<ProblemDetails>('/admin/org-defaults', {
      ...quiet,
      groups: [{ groupId: 'everyone' }],
    });
    expect(answer.status).toBe(422);
    expect(answer.body.errors).toEqual([expect.objectContaining({ path: 'groups.0.groupId' })]);
    expect((await admin.get('/admin/org-defaults')).body).toEqual(builtInOrgDefaults());
  });
});

describe('a change by an admin of tenant A', () => {
  beforeAll(async () => {
    // The other instance has the old defaults in its cache before the change.
    const onSecond = await as(second, TENANT_A, MEMBER);
    expect((await onSecond.get<AppInfoResponse>('/app')).body.features.reps).toBe(true);
    const admin = await adminOf(first, TENANT_A);
    const before = await admin.get('/admin/org-defaults');
    expect(before.headers.get('etag')).toBeNull();
    const saved = await admin.put<OrgDefaultsBody>('/admin/org-defaults', quiet);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(quiet);
    expect(saved.headers.get('etag')).toMatch(/^"[A-Za-z0-9_-]+"$/);
  });

  it('is versioned: a save over an older version is a 412', async () => {
    const admin = await adminOf(first, TENANT_A);
    const read = await admin.get<OrgDefaultsBody>('/admin/org-defaults');
    const etag = read.headers.get('etag') ?? '';
    const saved = await admin.put('/admin/org-defaults', read.body, { 'if-match': etag });
    expect(saved.status).toBe(200);
    expect(saved.headers.get('etag')).not.toBe(etag);
    const stale = await admin.put<ProblemDetails>('/admin/org-defaults', read.body, {
      'if-match': etag,
    });
    expect(stale.status).toBe(412);
    expect(stale.body.type).toBe(PROBLEM_TYPES.stale);
  });

  it('is in the audit log: who, what, when', async () => {
    const log = await (await adminOf(first, TENANT_A)).get<AuditResponse>('/admin/audit');
    expect(log.body.items).toContainEqual({
      at: NOW.toISOString(),
      actorId: ROLE_ADMIN,
      action: 'org-defaults.changed',
      details: {
        reminderDay: 3,
        reminderTime: '09:30',
        quietHours: '20:00-07:00',
        challengeSet: 'gentle',
        reps: false,
        helpRequests: false,
        composeExtension: false,
        groups: PILOT,
      },
    });
  });

  it('reaches the other instance without a restart', async () => {
    const member = await as(second, TENANT_A, MEMBER);
    await eventually(
      async () => (await member.get<AppInfoResponse>('/app')).body.features.reps === false,
    );
    expect((await member.get<AppInfoResponse>('/app')).body.features).toEqual({
      reps: false,
      helpRequests: false,
      composeExtension: false,
    });
  });

  it('closes the rep and request routes with a reason', async () => {
    const member = await as(first, TENANT_A, MEMBER);
    for (const answer of [
      await member.post<ProblemDetails>('/week/reps', { kind: 'asked' }),
      await member.delete<ProblemDetails>('/week/reps/last'),
      await member.get<ProblemDetails>('/requests?box=sent'),
      await member.post<ProblemDetails>('/requests/d6000000-0000-4000-8000-000000000999/actions', {
        action: 'accept',
      }),
    ]) {
      expect(answer.status).toBe(403);
      expect(answer.body.type).toBe(PROBLEM_TYPES.featureOff);
      expect(answer.body.detail).toMatch(/Your organization has turned .* off/);
    }
  });

  it('gives people who chose nothing its reminder day, time, quiet hours and challenges', async () => {
    const member = await as(first, TENANT_A, MEMBER);
    const settings = await member.get<SettingsDto>('/settings');
    expect(settings.body).toMatchObject({
      reminderDay: 3,
      reminderTime: '09:30',
      quietHours: { start: '20:00', end: '07:00' },
    });
    const week = await member.get<ThisWeekResponse>('/week');
    expect(CHALLENGE_SETS.gentle).toContain(week.body.challenge.id);
  });

  it('leaves someone’s own saved settings alone', async () => {
    const member = await as(first, TENANT_A, 'd6000000-0000-4000-8000-000000000003');
    const own = { ...defaultSettings('UTC'), reminderDay: 1, reminderTime: '08:00' };
    expect((await member.put('/settings', own)).status).toBe(200);
    expect((await member.get('/settings')).body).toEqual(own);
  });

  it('lets a group override apply to members of the group, by their token', async () => {
    const pilot = await as(first, TENANT_A, PILOT_MEMBER, { groups: [PILOT] });
    expect((await pilot.get<AppInfoResponse>('/app')).body.features.reps).toBe(true);
    expect((await pilot.post('/week/reps', { kind: 'asked' })).status).toBe(201);
    const overage = await as(first, TENANT_A, MEMBER, { hasgroups: true });
    expect((await overage.post('/week/reps', { kind: 'asked' })).status).toBe(403);
  });

  it('never reaches tenant B: its admins see their own, its people keep everything on', async () => {
    const adminB = await adminOf(first, TENANT_B);
    expect((await adminB.get('/admin/org-defaults')).body).toEqual(builtInOrgDefaults());
    const memberB = await as(second, TENANT_B, MEMBER, { groups: [PILOT] });
    expect((await memberB.get<AppInfoResponse>('/app')).body.features).toEqual({
      reps: true,
      helpRequests: true,
      composeExtension: true,
    });
    expect((await memberB.get('/settings')).body).toEqual(defaultSettings('UTC'));
    expect((await memberB.post('/week/reps', { kind: 'asked' })).status).toBe(201);
    expect((await memberB.get('/requests?box=sent')).status).toBe(200);
  });

  it('cannot be changed by tenant B’s admin, whose save changes only tenant B', async () => {
    const adminB = await adminOf(first, TENANT_B);
    const gentleB = { ...builtInOrgDefaults(), challengeSet: 'gentle' as const };
    expect((await adminB.put('/admin/org-defaults', gentleB)).status).toBe(200);
    const adminA = await adminOf(first, TENANT_A);
    expect((await adminA.get('/admin/org-defaults')).body).toEqual(quiet);
    const logA = await adminA.get<AuditResponse>('/admin/audit');
    const changes = logA.body.items.filter((item) => item.action === 'org-defaults.changed');
    expect(changes.length).toBeGreaterThan(0);
    expect(changes.every((item) => item.details['reps'] === false)).toBe(true);
  });
});
