// App Service on Linux: the plan, the web app running Spotter's one Node process, its scale-out
// rules and where its stdout logs go.
//
// The process is stateless (all state is in Cosmos DB), so instances scale out behind App
// Service's load balancer without session affinity.

@description('Web app name; the app is reached at https://<name>.azurewebsites.net.')
@minLength(2)
@maxLength(60)
param name string

@description('Azure region.')
param location string

@description('App Service plan SKU, e.g. B1 (development), P0v3 or P1v3 (production).')
param skuName string = 'P0v3'

@description('Instances that always run (and the starting count). Two or more keep the app up while one restarts.')
@minValue(1)
@maxValue(30)
param instanceCount int = 2

@description('Most instances the CPU autoscale rule may add up to; equal to instanceCount turns autoscale off. Basic SKUs cannot autoscale.')
@minValue(1)
@maxValue(30)
param maxInstanceCount int = 2

@description('Node.js LTS runtime of App Service on Linux.')
@allowed([
  'NODE|22-lts'
  'NODE|24-lts'
])
param linuxFxVersion string = 'NODE|22-lts'

@description('App settings (environment variables of the process), name to value.')
param appSettings object

@description('Log Analytics workspace that receives the console (stdout) and platform logs.')
param workspaceId string

@description('Tags for every resource.')
param tags object = {}

var skuTier = toUpper(take(skuName, 1))
var autoscaleEnabled = maxInstanceCount > instanceCount && skuTier != 'B' && skuTier != 'F'

resource plan 'Microsoft.Web/serverfarms@2024-04-01' = {
  name: '${name}-plan'
  location: location
  tags: tags
  kind: 'linux'
  sku: {
    name: skuName
    capacity: instanceCount
  }
  properties: {
    reserved: true
  }
}

resource site 'Microsoft.Web/sites@2024-04-01' = {
  name: name
  location: location
  tags: tags
  kind: 'app,linux'
  identity: {
    type: 'SystemAssigned'
  }
  properties: {
    serverFarmId: plan.id
    httpsOnly: true
    // Stateless instances: any instance may serve any request.
    clientAffinityEnabled: false
    keyVaultReferenceIdentity: 'SystemAssigned'
    siteConfig: {
      linuxFxVersion: linuxFxVersion
      appCommandLine: 'node dist/src/server/main.js'
      alwaysOn: true
      healthCheckPath: '/healthz'
      minTlsVersion: '1.2'
      scmMinTlsVersion: '1.2'
      ftpsState: 'Disabled'
      http20Enabled: true
      appSettings: [for setting in items(appSettings): { name: setting.key, value: setting.value }]
    }
  }
}

resource autoscale 'Microsoft.Insights/autoscalesettings@2022-10-01' = if (autoscaleEnabled) {
  name: '${name}-autoscale'
  location: location
  tags: tags
  properties: {
    enabled: true
    targetResourceUri: plan.id
    profiles: [
      {
        name: 'cpu'
        capacity: {
          minimum: string(instanceCount)
          maximum: string(maxInstanceCount)
          default: string(instanceCount)
        }
        rules: [
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT5M'
              timeAggregation: 'Average'
              operator: 'GreaterThan'
              threshold: 70
            }
            scaleAction: {
              direction: 'Increase'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT5M'
            }
          }
          {
            metricTrigger: {
              metricName: 'CpuPercentage'
              metricResourceUri: plan.id
              timeGrain: 'PT1M'
              statistic: 'Average'
              timeWindow: 'PT15M'
              timeAggregation: 'Average'
              operator: 'LessThan'
              threshold: 30
            }
            scaleAction: {
              direction: 'Decrease'
              type: 'ChangeCount'
              value: '1'
              cooldown: 'PT15M'
            }
          }
        ]
      }
    ]
  }
}

// Spotter logs structured JSON to stdout; App Service captures it as AppServiceConsoleLogs.
// Request telemetry comes from OpenTelemetry, so the HTTP access log is not collected twice.
resource diagnostics 'Microsoft.Insights/diagnosticSettings@2021-05-01-preview' = {
  name: 'to-log-analytics'
  scope: site
  properties: {
    workspaceId: workspaceId
    logs: [
      {
        category: 'AppServiceConsoleLogs'
        enabled: true
      }
      {
        category: 'AppServicePlatformLogs'
        enabled: true
      }
    ]
  }
}

@description('Object id of the web app\'s system-assigned identity (Cosmos DB and Key Vault roles are granted to it).')
output principalId string = site.identity.principalId

@description('Host name of the web app, e.g. spotter-prod.azurewebsites.net.')
output defaultHostName string = site.properties.defaultHostName

@description('Resource id of the web app (the Agents Toolkit deploys to it).')
output id string = site.id

@description('Web app name.')
output name string = site.name
