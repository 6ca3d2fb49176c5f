// Key Vault with Azure RBAC (no access policies): holds the bot's client secret, which reaches
// the app as a Key Vault reference in its BOT_PASSWORD app setting.

@description('Vault name (3 to 24 letters, digits and hyphens; globally unique).')
@minLength(3)
@maxLength(24)
param name string

@description('Azure region.')
param location string

@description('Purge protection keeps a deleted vault and its secrets recoverable for the retention period and cannot be turned off again; leave it on in production.')
param purgeProtection bool = true

@description('Bot client secret to store as the secret bot-password. Empty leaves the secret as it is (the Entra script writes it directly).')
@secure()
param botPassword string = ''

@description('Tags for every resource.')
param tags object = {}

resource vault 'Microsoft.KeyVault/vaults@2023-07-01' = {
  name: name
  location: location
  tags: tags
  properties: {
    tenantId: tenant().tenantId
    sku: {
      family: 'A'
      name: 'standard'
    }
    enableRbacAuthorization: true
    enableSoftDelete: true
    softDeleteRetentionInDays: 90
    // The property accepts only true or absence.
    enablePurgeProtection: purgeProtection ? true : null
  }
}

resource botPasswordSecret 'Microsoft.KeyVault/vaults/secrets@2023-07-01' = if (!empty(botPassword)) {
  parent: vault
  name: 'bot-password'
  properties: {
    value: botPassword
    contentType: 'Bot Framework client secret'
  }
}

@description('Vault name.')
output name string = vault.name

@description('Vault URI.')
output uri string = vault.properties.vaultUri

@description('Name of the secret that holds the bot\'s client secret.')
output botPasswordSecretName string = 'bot-password'
