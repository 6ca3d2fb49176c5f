/**
 * Spotter's own partition (the reminder index and its leases) on both store adapters: it works
 * like any partition, and it is sealed off from tenants both ways — no tenant scope reaches its
 * records, and it reaches no tenant's.
 */
import { randomUUID } from 'node:crypto';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scopeFromClaims, SYSTEM_TENANT, tenantScopeOf, type Scope } from '../../../src/auth/scope';
import { Leases } from '../../../src/scheduler/lease';
import {
  LEASE_PARTITION,
  SlotIndex,
  slotStartOf,
  shardOf,
} from '../../../src/scheduler/slot-index';
import { CosmosStore } from '../../../src/store/cosmos-store';
import { SqliteStore } from '../../../src/store/sqlite-store';
import type { Store } from '../../../src/store/store';
import { startCosmosTestServer, type CosmosTestServer } from '../../support/cosmos-test-server';

const TENANT = 'a0000000-0000-4000-8000-000000000001';
const DUE_AT = '2026-11-27T15:00:00.000Z';

function scope(tid: string, oid: string): Scope {
  const minted = scopeFromClaims({ tid, oid });
  if (!minted) throw new Error('bad test ids');
  return minted;
}

let cosmos: CosmosTestServer;
const database = `spotter-system-${randomUUID()}`;

beforeAll(async () => {
  cosmos = await startCosmosTestServer();
});

afterAll(async () => {
  await cosmos.stop();
});

const adapters: Array<[string, () => Promise<{ store: Store; cleanup(): Promise<void> }>]> = [
  [
    'SQLite',
    async () => {
      const dir = await mkdtemp(join(tmpdir(), 'spotter-system-'));
      const store = SqliteStore.open(join(dir, 'spotter.db'));
      return {
        store,
        cleanup: async () => {
          await store.close();
          await rm(dir, { recursive: true, force: true });
        },
      };
    },
  ],
  [
    'Cosmos DB',
    async () => {
      const store = await CosmosStore.open({
        endpoint: cosmos.endpoint,
        key: cosmos.key,
        database,
        container: `records-${randomUUID()}`,
        createIfMissing: true,
        connectionPolicy: { enableEndpointDiscovery: false },
      });
      return { store, cleanup: () => store.close() };
    },
  ],
];

describe.each(adapters)('the system partition on %s', (_name, open) => {
  let store: Store;
  let cleanup: () => Promise<void>;

  beforeEach(async () => {
    ({ store, cleanup } = await open());
  });

  afterEach(async () => {
    await cleanup();
  });

  it('holds index entries: add, list by slot and shard, remove', async () => {
    const index = new SlotIndex(store);
    const entry = { tenantId: TENANT, userId: 'u1', dueAt: DUE_AT };
    await index.add(entry);
    await index.add({ ...entry, userId: 'u2', dueAt: '2026-11-27T15:10:00.000Z' });
    const page = await index.page(slotStartOf(new Date(DUE_AT)), shardOf(TENANT));
    expect(page.items.map((record) => record.data)).toEqual([
      { tenantId: TENANT, userId: 'u2', dueAt: '2026-11-27T15:10:00.000Z' },
      entry,
    ]);
    expect(page.items.every((record) => record.tenantId === SYSTEM_TENANT)).toBe(true);
    // Removing names the instant: an entry planned for another time stays.
    await index.remove({ ...entry, dueAt: '2026-11-27T15:05:00.000Z' });
    await index.remove(entry);
    const after = await index.page(slotStartOf(new Date(DUE_AT)), shardOf(TENANT));
    expect(after.items.map((record) => record.data.userId)).toEqual(['u2']);
  });

  it('guards leases with etags: one holder, taken over once it lapses', async () => {
    let now = new Date(DUE_AT);
    const leases = new Leases<{ n: number }>(store, {
      partition: LEASE_PARTITION,
      ttlMs: 1000,
      now: () => now,
    });
    const [first, second] = await Promise.all([
      leases.claim('shard-1', 'a', { n: 0 }),
      leases.claim('shard-1', 'b', { n: 0 }),
    ]);
    const held = first ?? second;
    expect([first, second].filter(Boolean)).toHaveLength(1);
    if (!held) throw new Error('nobody holds the lease');
    const other = held === first ? 'b' : 'a';
    expect(await leases.claim('shard-1', other, { n: 0 })).toBeUndefined();
    const updated = await leases.update(held, { n: 1 });
    now = new Date(now.getTime() + 1001);
    const taken = await leases.claim('shard-1', other, { n: 0 });
    expect(taken?.state).toMatchObject({ owner: other, progress: { n: 1 } });
    await expect(leases.renew(updated)).rejects.toThrow(/taken over/);
  });

  it('is out of every tenant’s reach, and reaches no tenant', async () => {
    const index = new SlotIndex(store);
    await index.add({ tenantId: TENANT, userId: 'u1', dueAt: DUE_AT });
    const partitionName = `reminder-slot-202611271500-s${shardOf(TENANT)}`;
    // A tenant user whose id equals the system partition's name, with a record of the same kind.
    const lookalike = scope(TENANT, partitionName);
    const tenantRecord = await store.put(lookalike, 'reminder-due', 'x', { mine: true });

    expect(await store.exportUser(lookalike)).toEqual([tenantRecord]);
    const listed = await store.listTenant(tenantScopeOf(lookalike), 'reminder-due');
    expect(listed.items).toEqual([tenantRecord]);
    const page = await index.page(slotStartOf(new Date(DUE_AT)), shardOf(TENANT));
    expect(page.items.map((record) => record.data)).toEqual([
      { tenantId: TENANT, userId: 'u1', dueAt: DUE_AT },
    ]);

    expect(await store.deleteUser(lookalike)).toBe(1);
    const still = await index.page(slotStartOf(new Date(DUE_AT)), shardOf(TENANT));
    expect(still.items).toHaveLength(1);
  });
});
