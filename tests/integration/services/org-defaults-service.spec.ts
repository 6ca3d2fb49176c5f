/**
 * Org defaults on both stores (SQLite, and Cosmos DB through the local test server): stored in
 * the tenant's own partition and never read across tenants, a short per-instance cache that
 * every instance leaves on time, the groups remembered from a sign-in, and their effect on the
 * practice and help-request services.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scopeFromClaims, tenantScopeOf, type Scope } from '../../../src/auth/scope';
import { HELP_INBOX_KIND, HelpRequestService } from '../../../src/services/help-request-service';
import { HELP_REQUEST_KIND } from '../../../src/domain/help-request';
import {
  builtInOrgDefaults,
  ORG_DEFAULTS_RECORD,
  ORG_GROUPS_RECORD,
  type OrgDefaults,
} from '../../../src/domain/org-defaults';
import { defaultSettings } from '../../../src/domain/settings';
import { OrgDefaultsService } from '../../../src/services/org-defaults-service';
import { PracticeService } from '../../../src/services/practice-service';
import { CosmosStore } from '../../../src/store/cosmos-store';
import { ConflictError } from '../../../src/store/errors';
import { SqliteStore } from '../../../src/store/sqlite-store';
import type { Store } from '../../../src/store/store';
import { startCosmosTestServer, type CosmosTestServer } from '../../support/cosmos-test-server';

// Servers start slowly on a busy machine; the waits are generous, never a speed check.
jest.setTimeout(60_000);

const TENANT_A = 'd5000000-0000-4000-8000-00000000000a';
const TENANT_B = 'd5000000-0000-4000-8000-00000000000b';
const PILOT = 'd5000000-0000-4000-8000-0000000000f1';
const scopeOf = (tenantId: string, userId: string) =>
  scopeFromClaims({ tid: tenantId, oid: userId }) as Scope;
const adminA = scopeOf(TENANT_A, 'd5000000-0000-4000-8000-0000000000ad');
const alexA = scopeOf(TENANT_A, 'd5000000-0000-4000-8000-000000000001');
const samA = scopeOf(TENANT_A, 'd5000000-0000-4000-8000-000000000002');
// The same user id in another tenant: nothing of A's may reach them.
const alexB = scopeOf(TENANT_B, 'd5000000-0000-4000-8000-000000000001');

const quiet: OrgDefaults = {
  reminderDay: 2,
  reminderTime: '10:15',
  quietHours: { start: '19:00', end: '07:30' },
  challengeSet: 'gentle',
  features: { reps: false, helpRequests: false, composeExtension: false },
  groups: [{ groupId: PILOT, label: 'Pilot', features: { reps: true, helpRequests: true } }],
};

let cosmos: CosmosTestServer;
const cleanups: Array<() => Promise<void>> = [];

beforeAll(async () => {
  cosmos = await startCosmosTestServer();
});
afterAll(async () => {
  await cosmos?.stop();
});
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

const stores: Array<[string, () => Promise<Store>]> = [
  [
    'SQLite',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'spotter-org-defaults-'));
      const store = SqliteStore.open(join(dir, 'spotter.db'));
      cleanups.push(async () => {
        await store.close();
        await rm(dir, { recursive: true, force: true });
      });
      return store;
    },
  ],
  [
    'Cosmos DB',
    async () => {
      const store = await CosmosStore.open({
        endpoint: cosmos.endpoint,
        key: cosmos.key,
        database: `spotter-test-${randomUUID()}`,
        container: 'records',
        createIfMissing: true,
        connectionPolicy: { enableEndpointDiscovery: false },
      });
      cleanups.push(() => store.close());
      return store;
    },
  ],
];

describe.each(stores)('org defaults on %s', (_name, openStore) => {
  let store: Store;
  let clock: number;
  let service: OrgDefaultsService;

  beforeEach(async () => {
    store = await openStore();
    clock = 1_000_000;
    service = new OrgDefaultsService(store, { cacheMs: 10_000, clock: () => clock });
  });

  it('reads Spotter’s own defaults until an admin saves, then the saved ones with an etag', async () => {
    expect(await service.read(adminA)).toEqual({ value: builtInOrgDefaults() });
    const saved = await service.save(adminA, quiet);
    expect(saved.etag).toEqual(expect.any(String));
    expect(await service.read(adminA)).toEqual({ value: quiet, etag: saved.etag });
  });

  it('refuses a save over a version the admin did not read', async () => {
    const first = await service.save(adminA, quiet);
    await service.save(adminA, { ...quiet, reminderDay: 4 }, first.etag);
    await expect(service.save(adminA, quiet, first.etag)).rejects.toThrow(ConflictError);
    expect((await service.read(adminA)).value.reminderDay).toBe(4);
  });

  it('keeps the record in the tenant’s own partition, where no other tenant reads it', async () => {
    await service.save(adminA, quiet);
    const { kind, id } = ORG_DEFAULTS_RECORD;
    expect(await store.get(tenantScopeOf(adminA), kind, id)).toBeDefined();
    expect(await store.get(tenantScopeOf(alexB), kind, id)).toBeUndefined();
    expect(await store.get(alexA, kind, id)).toBeUndefined();
    expect(await service.read(alexB)).toEqual({ value: builtInOrgDefaults() });
    expect((await service.policy(alexB, [PILOT])).features).toEqual(builtInOrgDefaults().features);
    expect(await service.defaultSettings(alexB, 'UTC')).toEqual(defaultSettings('UTC'));
  });

  it('serves a cached copy for a while, and the change once it expires', async () => {
    const other = new OrgDefaultsService(store, { cacheMs: 10_000, clock: () => clock });
    expect(await other.isOn(alexA, 'reps')).toBe(true);
    await service.save(adminA, quiet);
    // The saving instance sees its change at once; another one after its copy expires.
    expect(await service.isOn(alexA, 'reps')).toBe(false);
    expect(await other.isOn(alexA, 'reps')).toBe(true);
    clock += 10_001;
    expect(await other.isOn(alexA, 'reps')).toBe(false);
  });

  it('reads the store every time with no cache', async () => {
    const uncached = new OrgDefaultsService(store, { cacheMs: 0 });
    expect(await uncached.isOn(alexA, 'helpRequests')).toBe(true);
    await service.save(adminA, quiet);
    expect(await uncached.isOn(alexA, 'helpRequests')).toBe(false);
  });

  it('applies a group override from the token, or from the groups remembered at sign-in', async () => {
    await service.save(adminA, quiet);
    expect(await service.isOn(alexA, 'reps', [PILOT.toUpperCase()])).toBe(true);
    expect(await service.isOn(alexA, 'reps')).toBe(false);
    await service.rememberGroups(alexA, [PILOT]);
    expect(await service.isOn(alexA, 'reps')).toBe(true);
    expect((await service.policy(alexA)).groupId).toBe(PILOT);
    // A token that lists no groups counts over what was remembered.
    expect(await service.isOn(alexA, 'reps', [])).toBe(false);
    // Remembered in the person's own partition, and only for them.
    expect(await store.get(alexA, ORG_GROUPS_RECORD.kind, ORG_GROUPS_RECORD.id)).toBeDefined();
    expect(await service.isOn(samA, 'reps')).toBe(false);
  });

  it('writes remembered groups only when they change', async () => {
    await service.rememberGroups(alexA, []);
    expect(await store.get(alexA, ORG_GROUPS_RECORD.kind, ORG_GROUPS_RECORD.id)).toBeUndefined();
    await service.rememberGroups(alexA, [PILOT]);
    const first = await store.get(alexA, ORG_GROUPS_RECORD.kind, ORG_GROUPS_RECORD.id);
    await service.rememberGroups(alexA, [PILOT.toUpperCase()]);
    const again = await store.get(alexA, ORG_GROUPS_RECORD.kind, ORG_GROUPS_RECORD.id);
    expect(again?.etag).toBe(first?.etag);
    await service.rememberGroups(alexA, []);
    expect((await store.get(alexA, ORG_GROUPS_RECORD.kind, ORG_GROUPS_RECORD.id))?.data).toEqual({
      groupIds: [],
    });
  });

  it('gives people without settings of their own the organization’s reminder defaults', async () => {
    const practice = new PracticeService(store, () => new Date(clock), undefined, service);
    await service.save(adminA, quiet);
    expect((await practice.settings(alexA)).value).toEqual({
      ...defaultSettings('UTC'),
      reminderDay: 2,
      reminderTime: '10:15',
      quietHours: { start: '19:00', end: '07:30' },
    });
    expect((await practice.settings(alexB)).value).toEqual(defaultSettings('UTC'));
    const own = { ...defaultSettings('UTC'), reminderDay: 6 };
    await practice.saveSettings(alexA, own);
    expect((await practice.settings(alexA)).value).toEqual(own);
  });

  it('lets no one ask for help while help requests are off, and keeps nothing', async () => {
    const practice = new PracticeService(store);
    const helpRequests = new HelpRequestService(store, practice, { switches: service });
    await service.save(adminA, quiet);
    const ask = () =>
      helpRequests.create(alexA, {
        formId: randomUUID(),
        helperUserId: samA.userId,
        helperName: 'Sam',
        askerName: 'Alex',
        what: 'Look over my plan',
        weight: 'light',
      });
    expect(await ask()).toEqual({ kind: 'switched-off' });
    expect((await store.list(alexA, HELP_REQUEST_KIND)).items).toEqual([]);
    expect((await store.list(samA, HELP_INBOX_KIND)).items).toEqual([]);
    await service.save(adminA, { ...quiet, features: { ...quiet.features, helpRequests: true } });
    expect((await ask()).kind).toBe('created');
  });
});
