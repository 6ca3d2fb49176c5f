/**
 * infra/modules/cosmos.bicep declares the container the app itself would create: the app's
 * CosmosStore creates one on the local Cosmos test server, and its definition must equal the
 * Bicep's. A change to the app's partition key or indexing policy then fails here until the
 * infrastructure follows (production never creates the container: COSMOS_CREATE_IF_MISSING=false).
 */
import { randomUUID } from 'node:crypto';
import { CosmosClient, type IndexingPolicy } from '@azure/cosmos';
import { CosmosStore } from '../../../src/store/cosmos-store';
import { onlyResource, readBicep, valueAt } from '../../support/bicep';
import { startCosmosTestServer, type CosmosTestServer } from '../../support/cosmos-test-server';

const connectionPolicy = { enableEndpointDiscovery: false };
let server: CosmosTestServer;

beforeAll(async () => {
  server = await startCosmosTestServer();
});

afterAll(async () => {
  await server.stop();
});

/** The parts of an indexing policy both sides state (Cosmos DB adds its own `_etag` path). */
function comparable(policy: IndexingPolicy | undefined) {
  return {
    indexingMode: policy?.indexingMode,
    automatic: policy?.automatic,
    includedPaths: policy?.includedPaths?.map(({ path }) => ({ path })),
    excludedPaths: policy?.excludedPaths
      ?.map(({ path }) => ({ path }))
      .filter(({ path }) => !path.includes('_etag')),
    compositeIndexes: policy?.compositeIndexes?.map((index) =>
      index.map(({ path, order }) => ({ path, order })),
    ),
  };
}

describe('the Cosmos DB container in infra/modules/cosmos.bicep', () => {
  it("equals the one the app's store creates: partition key and indexing policy", async () => {
    const database = `spotter-infra-${randomUUID()}`;
    const store = await CosmosStore.open({
      endpoint: server.endpoint,
      key: server.key,
      database,
      container: 'spotter',
      createIfMissing: true,
      connectionPolicy,
    });
    await store.close();
    const client = new CosmosClient({
      endpoint: server.endpoint,
      key: server.key,
      connectionPolicy,
    });
    try {
      const { resource } = await client.database(database).container('spotter').read();
      const bicep = onlyResource(
        readBicep('infra/modules/cosmos.bicep'),
        'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers',
      );
      const declared = valueAt(bicep.body, 'properties.resource');

      expect({
        paths: resource?.partitionKey?.paths,
        kind: resource?.partitionKey?.kind,
        version: resource?.partitionKey?.version,
      }).toEqual(valueAt(declared, 'partitionKey'));
      expect(comparable(resource?.indexingPolicy)).toEqual(
        comparable(valueAt(declared, 'indexingPolicy') as IndexingPolicy),
      );
      expect(comparable(resource?.indexingPolicy).compositeIndexes).toHaveLength(2);
    } finally {
      client.dispose();
    }
  });
});
