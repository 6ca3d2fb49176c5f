// Azure Bot: registers the web app's /api/messages endpoint with the Bot Framework and turns on
// the Microsoft Teams channel (and the Microsoft 365 channel, which Outlook and the Microsoft 365
// app use for the message extension).

@description('Bot resource name (4 to 42 letters, digits, hyphens or underscores).')
@minLength(4)
@maxLength(42)
param name string

@description('Name shown for the bot in the Azure portal.')
param displayName string = 'Spotter'

@description('Client (application) id of the Entra app registration the bot signs in with.')
param botAppId string

@description('SingleTenant (every new bot since August 2025) or MultiTenant (bots registered before then).')
@allowed([
  'SingleTenant'
  'MultiTenant'
])
param botType string = 'SingleTenant'

@description('Home tenant of the bot\'s app registration; used when botType is SingleTenant.')
param botTenantId string

@description('Host name that serves Spotter, e.g. spotter-prod.azurewebsites.net.')
param messagingHost string

@description('Also turn on the Microsoft 365 channel (Outlook and the Microsoft 365 app).')
param enableMicrosoft365Channel bool = true

@description('Tags for every resource.')
param tags object = {}

resource bot 'Microsoft.BotService/botServices@2022-09-15' = {
  name: name
  location: 'global'
  tags: tags
  kind: 'azurebot'
  sku: {
    // Teams is a standard channel: messages are not billed on F0.
    name: 'F0'
  }
  properties: {
    displayName: displayName
    endpoint: 'https://${messagingHost}/api/messages'
    msaAppId: botAppId
    msaAppType: botType
    msaAppTenantId: botType == 'SingleTenant' ? botTenantId : null
  }
}

resource teams 'Microsoft.BotService/botServices/channels@2022-09-15' = {
  parent: bot
  name: 'MsTeamsChannel'
  location: 'global'
  properties: {
    channelName: 'MsTeamsChannel'
    properties: {
      isEnabled: true
    }
  }
}

resource microsoft365 'Microsoft.BotService/botServices/channels@2022-09-15' = if (enableMicrosoft365Channel) {
  parent: bot
  name: 'M365Extensions'
  location: 'global'
  properties: {
    channelName: 'M365Extensions'
  }
}

@description('The messaging endpoint the Bot Connector calls.')
output endpoint string = bot.properties.endpoint
