/**
 * Who may do what: the web app's managed identity gets Cosmos DB's data-plane role and reads Key
 * Vault secrets; the bot secret reaches the app only as a Key Vault reference.
 */
import { expressionText, onlyResource, valueAt } from '../../support/bicep';
import {
  isSecure,
  main,
  mainPasses,
  moduleFile,
  moduleSymbol,
  normalized,
  secretName,
  secretProblems,
} from './infra-fixtures';

const roles = () => moduleFile('role-assignments');
const keyVault = () => moduleFile('key-vault');

const COSMOS_DATA_CONTRIBUTOR = '00000000-0000-0000-0000-000000000002';
const KEY_VAULT_SECRETS_USER = '4633458b-17de-408a-b874-0445c86b69e6';

/** The role assignment (Microsoft.Authorization) whose definition is held in the given var. */
function azureRoleAssignment(roleVar: string) {
  return roles().resources.find(
    (r) =>
      r.type === 'Microsoft.Authorization/roleAssignments' &&
      normalized(valueAt(r.body, 'properties.roleDefinitionId')) ===
        `subscriptionResourceId('Microsoft.Authorization/roleDefinitions', ${roleVar})`,
  );
}

describe('the web app identity and its roles', () => {
  it("grants the web app's system-assigned identity the roles", () => {
    expect(expressionText(mainPasses('role-assignments', 'principalId'))).toBe(
      `${moduleSymbol('app-service')}.outputs.principalId`,
    );
    const site = onlyResource(moduleFile('app-service'), 'Microsoft.Web/sites');
    expect(valueAt(site.body, 'identity.type')).toBe('SystemAssigned');
    expect(normalized(moduleFile('app-service').outputs['principalId']?.value)).toBe(
      `${site.symbol}.identity.principalId`,
    );
  });

  it("assigns Cosmos DB Built-in Data Contributor on the app's account (data plane)", () => {
    const assignment = onlyResource(
      roles(),
      'Microsoft.DocumentDB/databaseAccounts/sqlRoleAssignments',
    );
    expect(roles().vars['cosmosDataContributorRoleId']).toBe(COSMOS_DATA_CONTRIBUTOR);
    expect(valueAt(assignment.body, 'properties.roleDefinitionId')).toBe(
      '${account.id}/sqlRoleDefinitions/${cosmosDataContributorRoleId}',
    );
    expect(expressionText(valueAt(assignment.body, 'properties.principalId'))).toBe('principalId');
    expect(expressionText(valueAt(assignment.body, 'properties.scope'))).toBe('account.id');
    expect(expressionText(assignment.body['parent'])).toBe('account');

    const account = roles().resources.find((r) => r.symbol === 'account');
    expect(account?.existing).toBe(true);
    expect(account?.type).toBe('Microsoft.DocumentDB/databaseAccounts');
    expect(expressionText(account?.body['name'])).toBe('cosmosAccountName');
    expect(expressionText(mainPasses('role-assignments', 'cosmosAccountName'))).toBe(
      `${moduleSymbol('cosmos')}.outputs.accountName`,
    );
  });

  it('lets the app read Key Vault secrets (Key Vault Secrets User on the vault)', () => {
    expect(roles().vars['keyVaultSecretsUserRoleId']).toBe(KEY_VAULT_SECRETS_USER);
    const assignment = azureRoleAssignment('keyVaultSecretsUserRoleId');
    expect(assignment?.condition).toBeUndefined();
    expect(expressionText(valueAt(assignment?.body, 'properties.principalId'))).toBe('principalId');
    expect(valueAt(assignment?.body, 'properties.principalType')).toBe('ServicePrincipal');
    expect(expressionText(assignment?.body['scope'])).toBe('vault');
    expect(expressionText(mainPasses('role-assignments', 'keyVaultName'))).toBe(
      `${moduleSymbol('key-vault')}.outputs.name`,
    );
  });
});

describe('infra/modules/key-vault.bicep and the bot secret', () => {
  const vault = () => onlyResource(keyVault(), 'Microsoft.KeyVault/vaults');

  it('authorizes with Azure RBAC, not access policies', () => {
    expect(valueAt(vault().body, 'properties.enableRbacAuthorization')).toBe(true);
    expect(valueAt(vault().body, 'properties.accessPolicies')).toBeUndefined();
    expect(valueAt(vault().body, 'properties.enableSoftDelete')).toBe(true);
  });

  it('gives the app the bot secret as a Key Vault reference, never as a value', () => {
    const settings = main().vars['appSettings'];
    expect(valueAt(settings, 'BOT_PASSWORD')).toBe(
      '@Microsoft.KeyVault(VaultName=${keyVault.outputs.name};SecretName=${keyVault.outputs.botPasswordSecretName})',
    );
    expect(moduleSymbol('key-vault')).toBe('keyVault');
    const secret = onlyResource(keyVault(), 'Microsoft.KeyVault/vaults/secrets');
    expect(keyVault().outputs['botPasswordSecretName']?.value).toBe(secret.body['name']);
    expect(secret.condition).toBe('!empty(botPassword)');
  });

  it('takes the bot secret only through @secure() parameters and never outputs it', () => {
    expect(isSecure(main(), 'botPassword')).toBe(true);
    expect(isSecure(keyVault(), 'botPassword')).toBe(true);
    expect(expressionText(mainPasses('key-vault', 'botPassword'))).toBe('botPassword');
    for (const file of [main(), keyVault()]) {
      for (const output of Object.values(file.outputs)) {
        expect(JSON.stringify(output.value)).not.toMatch(/botPassword/);
      }
    }
  });

  it('puts no secret-looking literal into any app setting', () => {
    const settings = main().vars['appSettings'];
    for (const [name, value] of Object.entries(settings as Record<string, unknown>)) {
      if (typeof value !== 'string') continue;
      if (secretName(name)) expect(value).toMatch(/^@Microsoft\.KeyVault\(/);
      expect({ name, problems: secretProblems(value) }).toEqual({ name, problems: [] });
    }
  });
});
