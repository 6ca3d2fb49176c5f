/**
 * `TENANT_MODE`: multi-tenant by default; single-tenant serves exactly one configured tenant.
 */
import { loadConfig } from '../../../src/config/config';
import { configProblemsOf } from '../../support/config-problems';

const TENANT = 'c3000000-0000-4000-8000-000000000001';

describe('TENANT_MODE', () => {
  it('is multi by default, keeping the allow list', () => {
    expect(loadConfig({ ALLOWED_TENANT_IDS: `${TENANT}, t2` }).auth).toMatchObject({
      tenantMode: 'multi',
      allowedTenantIds: [TENANT, 't2'],
    });
  });

  it.each([
    ['BOT_TENANT_ID', { BOT_TENANT_ID: TENANT }],
    ['one ALLOWED_TENANT_IDS entry', { ALLOWED_TENANT_IDS: TENANT }],
    ['both, naming the same tenant', { BOT_TENANT_ID: TENANT, ALLOWED_TENANT_IDS: TENANT }],
  ])('single serves exactly the tenant of %s', (_case, env) => {
    expect(loadConfig({ TENANT_MODE: 'single', ...env }).auth).toMatchObject({
      tenantMode: 'single',
      allowedTenantIds: [TENANT],
    });
  });

  it.each([
    ['no tenant at all', {}],
    ['two allowed tenants', { ALLOWED_TENANT_IDS: `${TENANT},t2` }],
    [
      'a bot tenant other than the allowed one',
      { BOT_TENANT_ID: 't2', ALLOWED_TENANT_IDS: TENANT },
    ],
  ])('single refuses %s', (_case, env) => {
    expect(configProblemsOf({ TENANT_MODE: 'single', ...env }).join('\n')).toMatch(/TENANT_MODE/);
  });

  it('refuses an unknown mode', () => {
    expect(configProblemsOf({ TENANT_MODE: 'some' }).join('\n')).toMatch(/TENANT_MODE/);
  });
});
