// Monitoring: a Log Analytics workspace and the workspace-based Application Insights component
// that Spotter's OpenTelemetry exporter writes to (APPLICATIONINSIGHTS_CONNECTION_STRING).

@description('Prefix of the resource names.')
param baseName string

@description('Azure region.')
param location string

@description('Days Log Analytics keeps data (31 days are included in the ingestion price).')
@minValue(30)
@maxValue(730)
param retentionInDays int = 30

@description('Daily ingestion cap in GB; -1 means no cap. A cap stops collection for the rest of the day once reached.')
param dailyQuotaGb int = -1

@description('Tags for every resource.')
param tags object = {}

resource workspace 'Microsoft.OperationalInsights/workspaces@2023-09-01' = {
  name: '${baseName}-logs'
  location: location
  tags: tags
  properties: {
    sku: {
      name: 'PerGB2018'
    }
    retentionInDays: retentionInDays
    workspaceCapping: {
      dailyQuotaGb: dailyQuotaGb
    }
  }
}

resource insights 'Microsoft.Insights/components@2020-02-02' = {
  name: '${baseName}-insights'
  location: location
  tags: tags
  kind: 'web'
  properties: {
    Application_Type: 'web'
    WorkspaceResourceId: workspace.id
    IngestionMode: 'LogAnalytics'
  }
}

@description('Resource id of the Log Analytics workspace (diagnostic settings send App Service logs here).')
output workspaceId string = workspace.id

@description('Connection string of Application Insights; not a secret, it only allows sending telemetry.')
output connectionString string = insights.properties.ConnectionString
