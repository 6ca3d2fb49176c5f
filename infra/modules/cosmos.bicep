// Cosmos DB for NoSQL: the account, Spotter's database and its one container.
//
// The container mirrors what src/store/cosmos-store.ts expects and creates in development: the
// hierarchical partition key [/tenantId, /userId] (MultiHash, version 2) and an indexing policy
// that indexes only the fields queries filter and sort on. The reminder scheduler's time-slot
// index lives in the same container, under the partition ['_system', <slot>], and is served by
// the same kind/sortKey indexes. tests/unit/infra checks this file against the app.

@description('Cosmos DB account name (globally unique, lowercase letters, digits and hyphens).')
@minLength(3)
@maxLength(44)
param accountName string

@description('Azure region (serverless accounts have exactly one).')
param location string

@description('Database name; the app reads it as COSMOS_DATABASE.')
param databaseName string = 'spotter'

@description('Container name; the app reads it as COSMOS_CONTAINER.')
param containerName string = 'spotter'

@description('serverless bills per request (the default); autoscale provisions throughput that scales between 10 % and 100 % of autoscaleMaxThroughput.')
@allowed([
  'serverless'
  'autoscale'
])
param throughputMode string = 'serverless'

@description('Highest RU/s of the container when throughputMode is autoscale.')
@minValue(1000)
param autoscaleMaxThroughput int = 1000

@description('Point-in-time restore window: 7 days (no extra charge) or 30 days.')
@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param backupTier string = 'Continuous7Days'

@description('Default consistency level; see docs/SCALING.md before changing it.')
@allowed([
  'Session'
  'BoundedStaleness'
  'Strong'
])
param consistencyLevel string = 'Session'

@description('Tags for every resource.')
param tags object = {}

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' = {
  name: accountName
  location: location
  tags: tags
  kind: 'GlobalDocumentDB'
  properties: {
    databaseAccountOfferType: 'Standard'
    locations: [
      {
        locationName: location
        failoverPriority: 0
        isZoneRedundant: false
      }
    ]
    consistencyPolicy: {
      defaultConsistencyLevel: consistencyLevel
    }
    capabilities: throughputMode == 'serverless' ? [{ name: 'EnableServerless' }] : []
    // Entra ID only: no account keys. The app signs in with its managed identity.
    disableLocalAuth: true
    // Databases and containers change through Azure Resource Manager (this file), never through
    // the data plane.
    disableKeyBasedMetadataWriteAccess: true
    minimalTlsVersion: 'Tls12'
    backupPolicy: {
      type: 'Continuous'
      continuousModeProperties: {
        tier: backupTier
      }
    }
  }
}

resource database 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases@2024-11-15' = {
  parent: account
  name: databaseName
  properties: {
    resource: {
      id: databaseName
    }
  }
}

resource container 'Microsoft.DocumentDB/databaseAccounts/sqlDatabases/containers@2024-11-15' = {
  parent: database
  name: containerName
  properties: {
    resource: {
      id: containerName
      partitionKey: {
        paths: [
          '/tenantId'
          '/userId'
        ]
        kind: 'MultiHash'
        version: 2
      }
      indexingPolicy: {
        indexingMode: 'consistent'
        automatic: true
        includedPaths: [
          { path: '/tenantId/?' }
          { path: '/userId/?' }
          { path: '/kind/?' }
          { path: '/sortKey/?' }
          { path: '/recordId/?' }
        ]
        excludedPaths: [
          { path: '/*' }
        ]
        compositeIndexes: [
          [
            { path: '/kind', order: 'ascending' }
            { path: '/sortKey', order: 'descending' }
            { path: '/recordId', order: 'descending' }
          ]
          [
            { path: '/kind', order: 'ascending' }
            { path: '/sortKey', order: 'descending' }
            { path: '/recordId', order: 'descending' }
            { path: '/userId', order: 'descending' }
          ]
        ]
      }
    }
    options: throughputMode == 'autoscale' ? { autoscaleSettings: { maxThroughput: autoscaleMaxThroughput } } : {}
  }
}

@description('Account name, for the data-plane role assignment.')
output accountName string = account.name

@description('Account endpoint; the app reads it as COSMOS_ENDPOINT.')
output endpoint string = account.properties.documentEndpoint

@description('Database name (COSMOS_DATABASE).')
output databaseName string = database.name

@description('Container name (COSMOS_CONTAINER).')
output containerName string = container.name
