/**
 * Settings with entity tags, the export download (exactly the caller's data, in JSON and CSV)
 * and deleting everything after a confirmation, through the real server.
 */
import {
  DELETE_CONFIRMATION,
  PROBLEM_TYPES,
  type DeleteDataResponse,
  type ProblemDetails,
  type SettingsDto,
} from '../../../src/api/contracts';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { PracticeService } from '../../../src/services/practice-service';
import { exportAll, toJson } from '../../../src/services/data-rights-service';
import { parseCsvRecords } from '../../support/csv';
import { seedWeeks } from '../../support/practice-seed';
import { startSpotter, type TestSpotter } from '../../support/spotter-server';
import { apiAs, type TabApi } from '../../support/tab-api';
import { startTokenIssuer, type TokenIssuer } from '../../support/token-issuer';

const TENANT = 'd1000000-0000-4000-8000-000000000001';
const USER = 'd1000000-0000-4000-8000-000000000011';
const COLLEAGUE = 'd1000000-0000-4000-8000-000000000012';
const NOW = new Date('2026-11-26T12:00:00Z');

let issuer: TokenIssuer;
let spotter: TestSpotter;
let api: TabApi;
const scope = scopeFromClaims({ tid: TENANT, oid: USER }) as Scope;
const colleague = scopeFromClaims({ tid: TENANT, oid: COLLEAGUE }) as Scope;

const settings: SettingsDto = {
  reminderDay: 4,
  reminderTime: '15:30',
  timeZone: 'Europe/Berlin',
  paused: false,
  quietHours: { start: '22:00', end: '07:00' },
  language: 'de',
};

beforeAll(async () => {
  issuer = await startTokenIssuer({ tenantId: TENANT, userId: USER });
  spotter = await startSpotter(
    { ...issuer.env, AAD_APP_CLIENT_ID: 'spotter-client-id' },
    { now: () => NOW },
  );
  api = apiAs(spotter.baseUrl, `Bearer ${await issuer.sign()}`);
});

afterAll(async () => {
  await spotter?.stop();
  await issuer?.stop();
});

beforeEach(async () => {
  await spotter.store.deleteUser(scope);
  await spotter.store.deleteUser(colleague);
});

describe('settings', () => {
  it('starts from the defaults without an ETag, then saves and guards with If-Match', async () => {
    const initial = await api.get<SettingsDto>('/settings');
    expect(initial.body).toEqual({
      reminderDay: 5,
      reminderTime: '16:00',
      timeZone: 'UTC',
      paused: false,
      quietHours: null,
      language: null,
    });
    expect(initial.headers.get('etag')).toBeNull();

    const saved = await api.put<SettingsDto>('/settings', settings);
    expect(saved.status).toBe(200);
    expect(saved.body).toEqual(settings);
    const etag = saved.headers.get('etag') as string;
    const practice = new PracticeService(spotter.store, () => NOW);
    await expect(practice.settings(scope)).resolves.toMatchObject({ value: settings });

    const again = await api.put('/settings', { ...settings, paused: true }, { 'if-match': etag });
    expect(again.status).toBe(200);
    const stale = await api.put<ProblemDetails>(
      '/settings',
      { ...settings, paused: false },
      { 'if-match': etag },
    );
    expect(stale.status).toBe(412);
    expect(stale.body.type).toBe(PROBLEM_TYPES.stale);
    expect((await api.get<SettingsDto>('/settings')).body.paused).toBe(true);
  });

  it.each([
    ['a day out of range', { ...settings, reminderDay: 8 }, 'reminderDay'],
    ['a time that is not a time', { ...settings, reminderTime: '25:00' }, 'reminderTime'],
    ['an unknown time zone', { ...settings, timeZone: 'Mars/Olympus' }, 'timeZone'],
    ['an unknown language', { ...settings, language: 'fr' }, 'language'],
    ['a missing field', { ...settings, paused: undefined }, 'paused'],
    ['an extra field', { ...settings, userId: COLLEAGUE }, '(body)'],
  ])('answers %s with 422', async (_case, body, path) => {
    const response = await api.put<ProblemDetails>('/settings', body);
    expect(response.status).toBe(422);
    expect(response.body.errors?.map((error) => error.path)).toContain(path);
    await expect(spotter.store.exportUser(scope)).resolves.toEqual([]);
  });
});

describe('GET /export', () => {
  beforeEach(async () => {
    await seedWeeks(spotter.store, scope, '2026-W48', 4);
    await spotter.store.put(scope, 'settings', 'me', settings);
    await spotter.store.put(scope, 'turn-state', 'conversation', { dialog: 'internal' });
    await seedWeeks(spotter.store, colleague, '2026-W48', 2, (week) => ({
      week,
      timeZone: 'UTC',
      reflection: { helpedBy: [], yesCount: 1, holdingAlone: 'colleague text', connected: [] },
      reps: [],
    }));
  });

  it('downloads exactly the caller’s records as JSON', async () => {
    const response = await api.get('/export?format=json');
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('application/json; charset=utf-8');
    expect(response.headers.get('content-disposition')).toBe(
      'attachment; filename="spotter-export-2026-11-26.json"',
    );
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.text).toBe(toJson(await exportAll(spotter.store, scope, NOW)));
    expect(response.text).not.toContain('colleague text');
    expect(response.text).not.toContain('internal');
  });

  it('downloads the practice as CSV with a byte-order mark', async () => {
    const response = await api.get('/export?format=csv');
    expect(response.headers.get('content-type')).toBe('text/csv; charset=utf-8');
    expect(response.headers.get('content-disposition')).toContain('.csv"');
    // fetch's text() drops a byte-order mark, so the raw bytes are checked.
    const raw = await fetch(`${spotter.baseUrl}/api/v1/export?format=csv`, {
      headers: { authorization: `Bearer ${await issuer.sign()}` },
    });
    const bytes = Buffer.from(await raw.arrayBuffer());
    expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const rows = parseCsvRecords(response.text);
    expect(rows.filter((row) => row['record'] === 'reflection')).toHaveLength(4);
    expect(rows.filter((row) => row['record'] === 'setting')).toHaveLength(6);
    expect(response.text).not.toContain('colleague text');
  });

  it('answers an unknown format with 400', async () => {
    expect((await api.get('/export?format=xml')).status).toBe(400);
  });
});

describe('DELETE /me/data', () => {
  beforeEach(async () => {
    await seedWeeks(spotter.store, scope, '2026-W48', 3);
    await seedWeeks(spotter.store, colleague, '2026-W48', 2);
  });

  it.each([
    ['no body', undefined],
    ['an empty body', {}],
    ['a wrong confirmation', { confirm: 'yes' }],
    ['extra fields', { confirm: DELETE_CONFIRMATION, userId: COLLEAGUE }],
  ])('refuses %s and deletes nothing', async (_case, body) => {
    const response = await api.delete('/me/data', body);
    expect([415, 422]).toContain(response.status);
    expect((await spotter.store.exportUser(scope)).length).toBe(3);
  });

  it('deletes every record of the caller, and only the caller’s', async () => {
    const colleagueBefore = await spotter.store.exportUser(colleague);
    const response = await api.delete<DeleteDataResponse>('/me/data', {
      confirm: DELETE_CONFIRMATION,
    });
    expect(response.status).toBe(200);
    expect(response.body).toEqual({ deleted: 3 });
    await expect(spotter.store.exportUser(scope)).resolves.toEqual([]);
    await expect(spotter.store.exportUser(colleague)).resolves.toEqual(colleagueBefore);
  });
});
