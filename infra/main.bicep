// Spotter on Azure: everything one environment needs, in one resource group.
//
//   az deployment group create --resource-group <rg> --template-file infra/main.bicep \
//     --parameters @infra/main.prod.parameters.json botAppId=<client id> ...
//
// docs/DEPLOY.md walks through a first deployment; infra/README.md explains the choices. No
// parameter carries a secret except botPassword (@secure), which the Agents Toolkit fills from
// its encrypted environment file; the az CLI route leaves it empty and stores the secret in Key
// Vault directly.

targetScope = 'resourceGroup'

@description('Lowercase name of this deployment (4 to 30 letters, digits, hyphens); the web app is <baseName>.azurewebsites.net, so it must be globally unique.')
@minLength(4)
@maxLength(30)
param baseName string

@description('Environment label (dev, prod …), used in tags only.')
@maxLength(16)
param environmentName string = 'prod'

@description('Azure region of every resource (the bot itself is global).')
param location string = resourceGroup().location

@description('Host name users reach Spotter at. Defaults to the web app\'s own host; set it when a custom domain is bound.')
param publicHost string = '${toLower(baseName)}.azurewebsites.net'

@description('App Service plan SKU: B1 for development, P0v3 or larger for production.')
param appServiceSku string = 'P0v3'

@description('Instances that always run.')
@minValue(1)
@maxValue(30)
param instanceCount int = 2

@description('Most instances autoscale may add (CPU rule); equal to instanceCount turns autoscale off.')
@minValue(1)
@maxValue(30)
param maxInstanceCount int = 4

@description('Node.js LTS runtime. Node 20 reached its end of life on 30 April 2026.')
@allowed([
  'NODE|22-lts'
  'NODE|24-lts'
])
param nodeRuntime string = 'NODE|22-lts'

@description('Cosmos DB billing: serverless (per request, the default) or autoscale (provisioned RU/s).')
@allowed([
  'serverless'
  'autoscale'
])
param cosmosThroughputMode string = 'serverless'

@description('Highest RU/s of the container when cosmosThroughputMode is autoscale (it bills at least 10 % of it every hour).')
@minValue(1000)
param cosmosAutoscaleMaxThroughput int = 1000

@description('Point-in-time restore window of the Cosmos DB account.')
@allowed([
  'Continuous7Days'
  'Continuous30Days'
])
param cosmosBackupTier string = 'Continuous7Days'

@description('Client (application) id of the Entra app registration the bot signs in with.')
@minLength(36)
@maxLength(36)
param botAppId string

@description('SingleTenant for every bot registered since August 2025; MultiTenant only for an older registration.')
@allowed([
  'SingleTenant'
  'MultiTenant'
])
param botType string = 'SingleTenant'

@description('Home tenant of the bot\'s app registration.')
param botTenantId string = tenant().tenantId

@description('Bot client secret, written to Key Vault when given (Agents Toolkit route). Leave empty on the az CLI route: infra/scripts/register-entra-app.sh stores it.')
@secure()
param botPassword string = ''

@description('Client id of the Entra app registration whose token the tab sends (SSO); the az CLI route uses one registration for bot and SSO.')
@minLength(36)
@maxLength(36)
param aadAppClientId string = botAppId

@description('Comma-separated tenant ids served; empty serves every tenant that installs the app.')
param allowedTenantIds string = ''

@description('pino log level of the server.')
@allowed([
  'fatal'
  'error'
  'warn'
  'info'
  'debug'
  'trace'
])
param logLevel string = 'info'

@description('Days Log Analytics keeps logs and telemetry.')
@minValue(30)
@maxValue(730)
param logRetentionDays int = 30

@description('Daily Log Analytics ingestion cap in GB; -1 for none.')
param logDailyQuotaGb int = -1

@description('Key Vault purge protection (cannot be turned off once on).')
param keyVaultPurgeProtection bool = true

@description('Object id of the operator (user or group) allowed to write the bot secret into Key Vault; empty grants nothing.')
param operatorPrincipalId string = ''

@description('User or Group: the kind of operatorPrincipalId.')
@allowed([
  'User'
  'Group'
])
param operatorPrincipalType string = 'User'

@description('Turn on the bot\'s Microsoft 365 channel (Outlook and the Microsoft 365 app).')
param enableMicrosoft365Channel bool = true

var tags = {
  app: 'spotter'
  environment: environmentName
}
var name = toLower(baseName)
var suffix = uniqueString(resourceGroup().id, name)
var publicUrl = 'https://${publicHost}'
var aadAppIdUri = 'api://${publicHost}/${aadAppClientId}'

module monitoring 'modules/monitoring.bicep' = {
  name: 'monitoring'
  params: {
    baseName: name
    location: location
    retentionInDays: logRetentionDays
    dailyQuotaGb: logDailyQuotaGb
    tags: tags
  }
}

module cosmos 'modules/cosmos.bicep' = {
  name: 'cosmos'
  params: {
    accountName: '${name}-${take(suffix, 6)}'
    location: location
    throughputMode: cosmosThroughputMode
    autoscaleMaxThroughput: cosmosAutoscaleMaxThroughput
    backupTier: cosmosBackupTier
    tags: tags
  }
}

module keyVault 'modules/key-vault.bicep' = {
  name: 'key-vault'
  params: {
    name: 'kv-${take(suffix, 13)}'
    location: location
    purgeProtection: keyVaultPurgeProtection
    botPassword: botPassword
    tags: tags
  }
}

// Every name below is a setting src/config/config.ts reads, except the two App Service platform
// settings at the end; tests/unit/infra checks that.
var appSettings = {
  NODE_ENV: 'production'
  PUBLIC_URL: publicUrl
  LOG_LEVEL: logLevel
  STORE: 'cosmos'
  COSMOS_ENDPOINT: cosmos.outputs.endpoint
  COSMOS_DATABASE: cosmos.outputs.databaseName
  COSMOS_CONTAINER: cosmos.outputs.containerName
  COSMOS_CREATE_IF_MISSING: 'false'
  BOT_ID: botAppId
  BOT_PASSWORD: '@Microsoft.KeyVault(VaultName=${keyVault.outputs.name};SecretName=${keyVault.outputs.botPasswordSecretName})'
  BOT_TYPE: botType
  BOT_TENANT_ID: botTenantId
  AAD_APP_CLIENT_ID: aadAppClientId
  AAD_APP_ID_URI: aadAppIdUri
  ALLOWED_TENANT_IDS: allowedTenantIds
  APPLICATIONINSIGHTS_CONNECTION_STRING: monitoring.outputs.connectionString
  WEBSITE_RUN_FROM_PACKAGE: '1'
  SCM_DO_BUILD_DURING_DEPLOYMENT: 'false'
}

module appService 'modules/app-service.bicep' = {
  name: 'app-service'
  params: {
    name: name
    location: location
    skuName: appServiceSku
    instanceCount: instanceCount
    maxInstanceCount: maxInstanceCount
    linuxFxVersion: nodeRuntime
    appSettings: appSettings
    workspaceId: monitoring.outputs.workspaceId
    tags: tags
  }
}

module roles 'modules/role-assignments.bicep' = {
  name: 'role-assignments'
  params: {
    principalId: appService.outputs.principalId
    cosmosAccountName: cosmos.outputs.accountName
    keyVaultName: keyVault.outputs.name
    operatorPrincipalId: operatorPrincipalId
    operatorPrincipalType: operatorPrincipalType
  }
}

module bot 'modules/bot.bicep' = {
  name: 'bot'
  params: {
    name: '${name}-bot'
    botAppId: botAppId
    botType: botType
    botTenantId: botTenantId
    messagingHost: publicHost
    enableMicrosoft365Channel: enableMicrosoft365Channel
    tags: tags
  }
}

// Upper-case outputs: the Agents Toolkit writes them into env/.env.<environment> under these
// names; docs/DEPLOY.md reads them with az deployment group show.
output PUBLIC_URL string = publicUrl
output PUBLIC_HOST string = publicHost
output AAD_APP_ID_URI string = aadAppIdUri
output BOT_ENDPOINT string = bot.outputs.endpoint
output AZURE_APP_SERVICE_RESOURCE_ID string = appService.outputs.id
output WEB_APP_NAME string = appService.outputs.name
output KEY_VAULT_NAME string = keyVault.outputs.name
output COSMOS_ACCOUNT_NAME string = cosmos.outputs.accountName
output COSMOS_ENDPOINT string = cosmos.outputs.endpoint
