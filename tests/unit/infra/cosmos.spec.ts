/**
 * infra/modules/cosmos.bicep: the properties Spotter's data safety and tenant isolation rest on.
 */
import { expressionText, onlyResource, valueAt } from '../../support/bicep';
import { allowedValues, main, mainPasses, moduleFile, normalized } from './infra-fixtures';

const cosmos = () => moduleFile('cosmos');
const account = () => onlyResource(cosmos(), 'Microsoft.DocumentDB/databaseAccounts');
const container = () =>
  onlyResource(cosmos(), 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers');

/** The indexing policy of src/store/cosmos-store.ts (INDEXING_POLICY), written out. */
const LISTING_ORDER = [
  { path: '/kind', order: 'ascending' },
  { path: '/sortKey', order: 'descending' },
  { path: '/recordId', order: 'descending' },
];
const APP_INDEXING_POLICY = {
  indexingMode: 'consistent',
  automatic: true,
  includedPaths: ['/tenantId/?', '/userId/?', '/kind/?', '/sortKey/?', '/recordId/?'].map(
    (path) => ({ path }),
  ),
  excludedPaths: [{ path: '/*' }],
  compositeIndexes: [LISTING_ORDER, [...LISTING_ORDER, { path: '/userId', order: 'descending' }]],
};

describe('infra/modules/cosmos.bicep', () => {
  it('turns account keys off: the app signs in with its managed identity only', () => {
    expect(valueAt(account().body, 'properties.disableLocalAuth')).toBe(true);
    expect(valueAt(account().body, 'properties.disableKeyBasedMetadataWriteAccess')).toBe(true);
    expect(valueAt(account().body, 'properties.minimalTlsVersion')).toBe('Tls12');
  });

  it('keeps continuous backup, 7 days by default', () => {
    const backup = valueAt(account().body, 'properties.backupPolicy');
    expect(valueAt(backup, 'type')).toBe('Continuous');
    expect(expressionText(valueAt(backup, 'continuousModeProperties.tier'))).toBe('backupTier');
    expect(cosmos().params['backupTier']?.defaultValue).toBe('Continuous7Days');
    expect(allowedValues(cosmos(), 'backupTier')).toEqual(['Continuous7Days', 'Continuous30Days']);
  });

  it('is serverless by default, with autoscale as a parameter', () => {
    expect(cosmos().params['throughputMode']?.defaultValue).toBe('serverless');
    expect(allowedValues(cosmos(), 'throughputMode')).toEqual(['serverless', 'autoscale']);
    expect(normalized(valueAt(account().body, 'properties.capabilities'))).toBe(
      "throughputMode == 'serverless' ? [{ name: 'EnableServerless' }] : []",
    );
    expect(normalized(valueAt(container().body, 'properties.options'))).toBe(
      "throughputMode == 'autoscale' ? { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } } : {}",
    );
  });

  it('is serverless by default in main.bicep too, which passes the choice through', () => {
    expect(main().params['cosmosThroughputMode']?.defaultValue).toBe('serverless');
    expect(allowedValues(main(), 'cosmosThroughputMode')).toEqual(['serverless', 'autoscale']);
    expect(expressionText(mainPasses('cosmos', 'throughputMode'))).toBe('cosmosThroughputMode');
    expect(expressionText(mainPasses('cosmos', 'autoscaleMaxThroughput'))).toBe(
      'cosmosAutoscaleMaxThroughput',
    );
  });

  it('partitions the container by [/tenantId, /userId] (MultiHash, version 2)', () => {
    expect(valueAt(container().body, 'properties.resource.partitionKey')).toEqual({
      paths: ['/tenantId', '/userId'],
      kind: 'MultiHash',
      version: 2,
    });
  });

  it('indexes exactly what the app indexes', () => {
    expect(valueAt(container().body, 'properties.resource.indexingPolicy')).toEqual(
      APP_INDEXING_POLICY,
    );
  });

  it("names the database and container the app's defaults", () => {
    expect(cosmos().params['databaseName']?.defaultValue).toBe('spotter');
    expect(cosmos().params['containerName']?.defaultValue).toBe('spotter');
    expect(expressionText(valueAt(container().body, 'properties.resource.id'))).toBe(
      'containerName',
    );
  });
});
