import { DEV_IDENTITY, loadConfig } from '../../../src/config/config';
import { configProblemsOf } from '../../support/config-problems';

const PRODUCTION_SETTINGS = {
  NODE_ENV: 'production',
  BOT_ID: '11111111-2222-4333-8444-555555555555',
  BOT_PASSWORD: 'secret-from-key-vault',
  AAD_APP_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  AAD_APP_ID_URI: 'api://spotter.contoso.example/11111111-2222-4333-8444-555555555555',
};

describe('loadConfig', () => {
  it('needs no settings at all in development', () => {
    const config = loadConfig({});
    expect(config).toMatchObject({
      env: 'development',
      host: '127.0.0.1',
      port: 3978,
      store: { kind: 'sqlite', path: 'data/spotter.db', busyTimeoutMs: 5000 },
      bot: undefined,
      auth: { devIdentity: true, allowedTenantIds: [] },
    });
  });

  it('refuses to start production without bot credentials and SSO settings, naming each', () => {
    const problems = configProblemsOf({ NODE_ENV: 'production' });
    expect(problems.join('\n')).toMatch(/BOT_ID/);
    expect(problems.join('\n')).toMatch(/BOT_PASSWORD/);
    expect(problems.join('\n')).toMatch(/AAD_APP_CLIENT_ID/);
    expect(problems.join('\n')).toMatch(/AAD_APP_ID_URI/);
  });

  it('starts production with credentials, listening on all interfaces, without the dev identity', () => {
    const config = loadConfig(PRODUCTION_SETTINGS);
    expect(config.host).toBe('0.0.0.0');
    expect(config.auth.devIdentity).toBe(false);
    expect(config.bot?.appId).toBe(PRODUCTION_SETTINGS.BOT_ID);
    expect(config.auth.audiences).toEqual([
      PRODUCTION_SETTINGS.AAD_APP_ID_URI,
      PRODUCTION_SETTINGS.AAD_APP_CLIENT_ID,
    ]);
  });

  it('never allows the development identity in production', () => {
    expect(configProblemsOf({ ...PRODUCTION_SETTINGS, DEV_IDENTITY: 'true' }).join()).toMatch(
      /DEV_IDENTITY/,
    );
  });

  it('explains wrong values setting by setting', () => {
    const problems = configProblemsOf({ PORT: 'eighty', STORE: 'postgres', LOG_LEVEL: 'loud' });
    expect(problems).toHaveLength(3);
    expect(problems.find((p) => p.startsWith('PORT'))).toMatch(/port number/);
    expect(problems.find((p) => p.startsWith('STORE'))).toMatch(/sqlite/);
    expect(problems.find((p) => p.startsWith('LOG_LEVEL'))).toBeDefined();
  });

  it('asks for an endpoint when the Cosmos DB store is chosen', () => {
    expect(configProblemsOf({ STORE: 'cosmos' })).toEqual([
      'COSMOS_ENDPOINT: required when STORE is cosmos',
    ]);
    const config = loadConfig({
      STORE: 'cosmos',
      COSMOS_ENDPOINT: 'https://acct.documents.azure.com',
    });
    expect(config.store).toEqual({
      kind: 'cosmos',
      endpoint: 'https://acct.documents.azure.com',
      key: undefined,
      database: 'spotter',
      container: 'spotter',
      createIfMissing: true,
      endpointDiscovery: true,
      requestTimeoutMs: 10_000,
    });
  });

  it('names an unresolved Key Vault reference instead of using it as a secret', () => {
    const problems = configProblemsOf({
      ...PRODUCTION_SETTINGS,
      BOT_PASSWORD: '@Microsoft.KeyVault(SecretUri=https://kv.vault.azure.net/secrets/bot)',
    });
    expect(problems.join()).toMatch(/BOT_PASSWORD: is an unresolved Key Vault reference/);
  });

  it('reads the tenant allow list as a comma-separated list', () => {
    const config = loadConfig({ ALLOWED_TENANT_IDS: ' t1, t2 ,,' });
    expect(config.auth.allowedTenantIds).toEqual(['t1', 't2']);
  });

  it('requires a home tenant for a single-tenant bot', () => {
    expect(
      configProblemsOf({ BOT_ID: PRODUCTION_SETTINGS.BOT_ID, BOT_TYPE: 'SingleTenant' }).join(),
    ).toMatch(/BOT_TENANT_ID/);
  });

  it('gives a development identity that is a valid tenant and user', () => {
    expect(DEV_IDENTITY.tenantId).toMatch(/^[0-9a-f-]{36}$/);
    expect(DEV_IDENTITY.userId).toMatch(/^[0-9a-f-]{36}$/);
  });
});
