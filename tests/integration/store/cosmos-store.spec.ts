/**
 * The Cosmos DB adapter: the store contract through the local Cosmos test server with the real
 * `@azure/cosmos` SDK, plus what only Cosmos DB has (the container definition, the tenant filter
 * in every query, failures of the account).
 */
import { randomUUID } from 'node:crypto';
import { CosmosClient, Items, type FeedOptions, type SqlQuerySpec } from '@azure/cosmos';
import { scopeFromClaims, tenantScopeOf, type Scope } from '../../../src/auth/scope';
import { CosmosStore } from '../../../src/store/cosmos-store';
import { StoreUnavailableError } from '../../../src/store/errors';
import { TENANT_PARTITION } from '../../../src/store/store';
import { startCosmosTestServer, type CosmosTestServer } from '../../support/cosmos-test-server';
import { describeStoreContract } from './store-contract';

const database = `spotter-test-${randomUUID()}`;
const connectionPolicy = { enableEndpointDiscovery: false };
let server: CosmosTestServer;
let containers = 0;

function openStore(container = `records-${++containers}`, createIfMissing = true) {
  return CosmosStore.open({
    endpoint: server.endpoint,
    key: server.key,
    database,
    container,
    createIfMissing,
    connectionPolicy,
  });
}

beforeAll(async () => {
  server = await startCosmosTestServer();
});

afterAll(async () => {
  await server.stop();
});

describeStoreContract('Cosmos DB', async () => {
  const store = await openStore();
  return { store, cleanup: () => store.close() };
});

describe('CosmosStore', () => {
  const alice = scopeFromClaims({ tid: 't1', oid: '29:abc' }) as Scope;
  let client: CosmosClient;

  beforeAll(() => {
    client = new CosmosClient({ endpoint: server.endpoint, key: server.key, connectionPolicy });
  });

  afterAll(() => {
    client.dispose();
  });

  it('creates the container partitioned by tenant, then user, with content left unindexed', async () => {
    const container = `records-${++containers}`;
    const store = await openStore(container);
    await store.close();
    const { resource } = await client.database(database).container(container).read();
    expect(resource?.partitionKey).toMatchObject({
      paths: ['/tenantId', '/userId'],
      kind: 'MultiHash',
      version: 2,
    });
    expect(resource?.indexingPolicy?.excludedPaths).toContainEqual({ path: '/*' });
    expect(resource?.indexingPolicy?.includedPaths?.map((p) => p.path)).not.toContainEqual(
      expect.stringMatching(/^\/data/),
    );
  });

  it('stores one document per record, with a safe id and the record in plain fields', async () => {
    const container = `records-${++containers}`;
    const store = await openStore(container);
    try {
      await store.create(alice, 'note', 'a/b?c#d\\e', { text: 'hi' }, { sortKey: 's' });
      const { resources } = await client
        .database(database)
        .container(container)
        .items.query('SELECT * FROM c')
        .fetchAll();
      expect(resources).toHaveLength(1);
      expect(resources[0]).toMatchObject({
        id: expect.stringMatching(/^[A-Za-z0-9_-]{1,255}$/),
        tenantId: 't1',
        userId: '29:abc',
        kind: 'note',
        recordId: 'a/b?c#d\\e',
        sortKey: 's',
        data: { text: 'hi' },
        updatedAt: expect.any(String),
      });
    } finally {
      await store.close();
    }
  });

  it('filters the tenant (and the user) in the WHERE clause of every query', async () => {
    const store = await openStore();
    const query = jest.spyOn(Items.prototype, 'query');
    try {
      const tenant = tenantScopeOf(alice);
      await store.create(alice, 'note', 'n1', {});
      await store.list(alice, 'note');
      await store.list(tenant, 'settings');
      await store.listTenant(tenant, 'note');
      await store.exportUser(alice);
      await store.deleteUser(alice);

      const calls = query.mock.calls as unknown as [SqlQuerySpec, FeedOptions][];
      const expected = [
        { userId: '29:abc', kind: 'note' },
        { userId: TENANT_PARTITION, kind: 'settings' },
        { kind: 'note' },
        { userId: '29:abc' },
        { userId: '29:abc' },
      ];
      expect(calls).toHaveLength(expected.length);
      calls.forEach(([spec, options], index) => {
        const where = spec.query.slice(spec.query.indexOf(' WHERE '));
        const { userId, kind } = expected[index] ?? {};
        expect(where).toContain('c.tenantId = @tenantId');
        expect(spec.parameters).toContainEqual({ name: '@tenantId', value: 't1' });
        if (userId === undefined) {
          expect(where).not.toContain('c.userId =');
          expect(options.partitionKey).toEqual(['t1']);
        } else {
          expect(where).toContain('c.userId = @userId');
          expect(spec.parameters).toContainEqual({ name: '@userId', value: userId });
          expect(options.partitionKey).toEqual(['t1', userId]);
        }
        if (kind !== undefined) {
          expect(where).toContain('c.kind = @kind');
          expect(spec.parameters).toContainEqual({ name: '@kind', value: kind });
        }
      });
    } finally {
      query.mockRestore();
      await store.close();
    }
  });

  it('opens an existing container without creating anything', async () => {
    const container = `records-${++containers}`;
    const first = await openStore(container);
    const written = await first.create(alice, 'note', 'n1', {});
    await first.close();
    const second = await openStore(container, false);
    try {
      expect(await second.get(alice, 'note', 'n1')).toEqual(written);
    } finally {
      await second.close();
    }
  });

  it('refuses to start on a missing container when not asked to create it', async () => {
    await expect(openStore(`missing-${randomUUID()}`, false)).rejects.toThrow(/not found/);
  });

  it('refuses to start on a container partitioned another way', async () => {
    const container = `records-${++containers}`;
    const { database: db } = await client.databases.createIfNotExists({ id: database });
    await db.containers.create({ id: container, partitionKey: { paths: ['/id'] } });
    await expect(openStore(container)).rejects.toThrow(/partitioned by/);
  });

  it('reports an account that does not answer as unavailable', async () => {
    const doomed = await startCosmosTestServer();
    const store = await CosmosStore.open({
      endpoint: doomed.endpoint,
      key: doomed.key,
      database,
      container: 'records',
      createIfMissing: true,
      connectionPolicy,
    });
    await doomed.stop();
    try {
      await expect(store.ping()).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.get(alice, 'note', 'n1')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.list(alice, 'note')).rejects.toBeInstanceOf(StoreUnavailableError);
      await expect(store.put(alice, 'note', 'n1', {})).rejects.toBeInstanceOf(
        StoreUnavailableError,
      );
    } finally {
      await store.close();
    }
  });
});
