// Role assignments: what the web app's system-assigned identity may do, and optionally what the
// operator who stores the bot secret may do.

@description('Object id of the web app\'s system-assigned identity.')
param principalId string

@description('Cosmos DB account the app reads and writes.')
param cosmosAccountName string

@description('Key Vault whose secrets the app reads through Key Vault references.')
param keyVaultName string

@description('Object id of a user or group that may write secrets into the vault (the Entra script stores the bot secret); empty grants nothing.')
param operatorPrincipalId string = ''

@description('User or Group, the kind of operatorPrincipalId.')
@allowed([
  'User'
  'Group'
])
param operatorPrincipalType string = 'User'

// Cosmos DB Built-in Data Contributor: read and write items, run queries. It is a data-plane role,
// so it cannot create or delete databases and containers (those come from cosmos.bicep).
var cosmosDataContributorRoleId = '00000000-0000-0000-0000-000000000002'

// Key Vault Secrets User: read secret values.
var keyVaultSecretsUserRoleId = '4633458b-17de-408a-b874-0445c86b69e6'

// Key Vault Secrets Officer: create and update secrets.
var keyVaultSecretsOfficerRoleId = 'b86a8fe4-44ce-4948-aee5-eccb2c155cd7'

resource account 'Microsoft.DocumentDB/databaseAccounts@2024-11-15' existing = {
  name: cosmosAccountName
}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' existing = {
  name: keyVaultName
}

resource appCosmosData 'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments@2024-11-15' = {
  parent: account
  name: guid(account.id, principalId, cosmosDataContributorRoleId)
  properties: {
    roleDefinitionId: '${account.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}'
    principalId: principalId
    scope: account.id
  }
}

resource appSecretsUser 'Microsoft.Authorization/roleAssignments@2022-04-01' = {
  name: guid(vault.id, principalId, keyVaultSecretsUserRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsUserRoleId)
    principalId: principalId
    principalType: 'ServicePrincipal'
  }
}

resource operatorSecretsOfficer 'Microsoft.Authorization/roleAssignments@2022-04-01' = if (!empty(operatorPrincipalId)) {
  name: guid(vault.id, operatorPrincipalId, keyVaultSecretsOfficerRoleId)
  scope: vault
  properties: {
    roleDefinitionId: subscriptionResourceId('Microsoft.Authorization/roleDefinitions', keyVaultSecretsOfficerRoleId)
    principalId: operatorPrincipalId
    principalType: operatorPrincipalType
  }
}
