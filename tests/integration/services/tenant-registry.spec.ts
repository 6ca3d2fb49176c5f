/**
 * The tenant registry on the SQLite store: which tenants are served in each mode, and that
 * onboarding changes only the onboarding admin's own tenant.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import { join } from 'node:path';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { TenantRegistry } from '../../../src/services/tenant-registry';
import { SqliteStore } from '../../../src/store/sqlite-store';

const LISTED = 'c2000000-0000-4000-8000-000000000001';
const OTHER = 'c2000000-0000-4000-8000-000000000002';
const THIRD = 'c2000000-0000-4000-8000-000000000003';
const USER = 'c2000000-0000-4000-8000-000000000011';
const NOW = new Date('2026-03-02T09:00:00Z');

let dir: string;
let store: SqliteStore;

beforeEach(() => {
  dir = mkdtempSync(join(os.tmpdir(), 'spotter-tenants-'));
  store = SqliteStore.open(join(dir, 'spotter.db'));
});
afterEach(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

function scopeIn(tenantId: string): Scope {
  const scope = scopeFromClaims({ tid: tenantId, oid: USER });
  if (!scope) throw new Error('bad test ids');
  return scope;
}

describe('multi-tenant mode', () => {
  it('serves every tenant when the allow list is empty', async () => {
    const registry = new TenantRegistry(store, { allowedTenantIds: [], tenantMode: 'multi' });
    await expect(registry.isServed(scopeIn(OTHER))).resolves.toBe(true);
  });

  it('serves listed tenants (any casing) and onboarded ones, and no other', async () => {
    const registry = new TenantRegistry(store, {
      allowedTenantIds: [LISTED.toUpperCase()],
      tenantMode: 'multi',
    });
    await expect(registry.isServed(scopeIn(LISTED))).resolves.toBe(true);
    await expect(registry.isServed(scopeIn(OTHER))).resolves.toBe(false);

    await expect(registry.enable(scopeIn(OTHER), NOW)).resolves.toEqual({
      tenant: { enabled: true, enabledAt: NOW.toISOString(), enabledBy: USER },
      changed: true,
    });
    await expect(registry.enable(scopeIn(OTHER), new Date())).resolves.toMatchObject({
      tenant: { enabledAt: NOW.toISOString() },
      changed: false,
    });
    await expect(registry.isServed(scopeIn(OTHER))).resolves.toBe(true);
    await expect(registry.isServed(scopeIn(THIRD))).resolves.toBe(false);
  });
});

describe('single-tenant mode', () => {
  it('serves exactly its one tenant and refuses onboarding', async () => {
    const registry = new TenantRegistry(store, {
      allowedTenantIds: [LISTED],
      tenantMode: 'single',
    });
    await expect(registry.isServed(scopeIn(LISTED))).resolves.toBe(true);
    await expect(registry.enable(scopeIn(OTHER), NOW)).resolves.toBe('single-tenant');
    await expect(registry.isServed(scopeIn(OTHER))).resolves.toBe(false);
    await expect(registry.record(scopeIn(OTHER))).resolves.toBeUndefined();
  });
});
