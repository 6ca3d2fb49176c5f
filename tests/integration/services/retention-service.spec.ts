/**
 * Retention on both stores: reflections older than the tenant's period go, reps and newer weeks
 * stay, and a tenant without retention (or another tenant) is never touched.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../../src/domain/practice-week';
import { isPastRetention } from '../../../src/domain/privacy';
import { RetentionService } from '../../../src/services/retention-service';
import { CosmosStore } from '../../../src/store/cosmos-store';
import { SqliteStore } from '../../../src/store/sqlite-store';
import type { Store } from '../../../src/store/store';
import { startCosmosTestServer, type CosmosTestServer } from '../../support/cosmos-test-server';

const TENANT_A = 'c5000000-0000-4000-8000-00000000000a';
const TENANT_B = 'c5000000-0000-4000-8000-00000000000b';
const ALEX = 'c5000000-0000-4000-8000-000000000001';
const SAM = 'c5000000-0000-4000-8000-000000000002';
const NOW = new Date('2026-09-15T03:00:00Z');
const OLD = '2026-W05';
const RECENT = '2026-W30';

function scopeOf(tenantId: string, userId: string): Scope {
  const scope = scopeFromClaims({ tid: tenantId, oid: userId });
  if (!scope) throw new Error('bad test ids');
  return scope;
}

function week(key: string, withReps: boolean): PracticeWeek {
  return {
    week: key,
    timeZone: 'UTC',
    reflection: {
      helpedBy: [],
      yesCount: 2,
      holdingAlone: 'something',
      connected: [],
      completedAt: '2026-02-01T10:00:00.000Z',
    },
    reps: withReps
      ? [{ id: randomUUID(), kind: 'asked', at: '2026-01-28T10:00:00.000Z', source: 'logged' }]
      : [],
  };
}

let cosmos: CosmosTestServer | undefined;
let dir: string;

beforeAll(async () => {
  cosmos = await startCosmosTestServer();
  dir = mkdtempSync(join(os.tmpdir(), 'spotter-retention-'));
});
afterAll(async () => {
  await cosmos?.stop();
  rmSync(dir, { recursive: true, force: true });
});

const STORES: Array<[string, () => Promise<Store>]> = [
  ['SQLite', () => Promise.resolve(SqliteStore.open(join(dir, `${randomUUID()}.db`)))],
  [
    'Cosmos DB',
    () => {
      if (!cosmos) throw new Error('no Cosmos test server');
      return CosmosStore.open({
        endpoint: cosmos.endpoint,
        key: cosmos.key,
        database: `spotter-retention-${randomUUID()}`,
        container: 'records',
        createIfMissing: true,
        connectionPolicy: { enableEndpointDiscovery: false },
      });
    },
  ],
];

describe.each(STORES)('retention on %s', (_name, open) => {
  let store: Store;
  let retention: RetentionService;

  beforeEach(async () => {
    store = await open();
    retention = new RetentionService(store);
    await store.put(scopeOf(TENANT_A, ALEX), PRACTICE_WEEK_KIND, OLD, week(OLD, true), {
      sortKey: OLD,
    });
    await store.put(scopeOf(TENANT_A, SAM), PRACTICE_WEEK_KIND, OLD, week(OLD, false), {
      sortKey: OLD,
    });
    await store.put(scopeOf(TENANT_A, ALEX), PRACTICE_WEEK_KIND, RECENT, week(RECENT, false), {
      sortKey: RECENT,
    });
    await store.put(scopeOf(TENANT_B, ALEX), PRACTICE_WEEK_KIND, OLD, week(OLD, false), {
      sortKey: OLD,
    });
  });
  afterEach(async () => {
    await store.close();
  });

  async function weekOf(tenantId: string, userId: string, key: string) {
    return (await store.get<PracticeWeek>(scopeOf(tenantId, userId), PRACTICE_WEEK_KIND, key))
      ?.data;
  }

  it('is off by default and then deletes nothing', async () => {
    await expect(retention.months(scopeOf(TENANT_A, ALEX))).resolves.toBeNull();
    await expect(retention.runRetention(NOW)).resolves.toEqual({
      tenants: 0,
      reflectionsDeleted: 0,
    });
    expect((await weekOf(TENANT_A, SAM, OLD))?.reflection).toBeDefined();
  });

  it('deletes old reflections of its tenant only, keeping reps and newer weeks', async () => {
    await retention.setMonths(scopeOf(TENANT_A, ALEX), 6);
    await expect(retention.months(scopeOf(TENANT_A, SAM))).resolves.toBe(6);

    await expect(retention.runRetention(NOW)).resolves.toEqual({
      tenants: 1,
      reflectionsDeleted: 2,
    });
    const kept = await weekOf(TENANT_A, ALEX, OLD);
    expect(kept?.reflection).toBeUndefined();
    expect(kept?.reps).toHaveLength(1);
    expect(await weekOf(TENANT_A, SAM, OLD)).toBeUndefined();
    expect((await weekOf(TENANT_A, ALEX, RECENT))?.reflection).toBeDefined();
    expect((await weekOf(TENANT_B, ALEX, OLD))?.reflection).toBeDefined();

    await expect(retention.runRetention(NOW)).resolves.toEqual({
      tenants: 1,
      reflectionsDeleted: 0,
    });
  });

  it('stops when turned off again', async () => {
    await retention.setMonths(scopeOf(TENANT_A, ALEX), 6);
    await retention.setMonths(scopeOf(TENANT_A, ALEX), null);
    await expect(retention.runRetention(NOW)).resolves.toEqual({
      tenants: 0,
      reflectionsDeleted: 0,
    });
    expect((await weekOf(TENANT_A, SAM, OLD))?.reflection).toBeDefined();
  });
});

describe('isPastRetention', () => {
  it('counts a week by its last day', () => {
    // 2026-W11 ends on Sunday 15 March; six months before 15 September is 15 March.
    expect(isPastRetention('2026-W11', 6, NOW)).toBe(false);
    expect(isPastRetention('2026-W10', 6, NOW)).toBe(true);
  });
});
