/**
 * Which organizations Spotter serves: the configured allow list (or the one tenant of a
 * single-tenant deployment) plus the tenants their admins enabled through self-service onboarding.
 *
 * @remarks
 * The answer is read from the store on every check, so onboarding takes effect at once and
 * without a redeploy. A tenant's record lives in its own tenant partition, so one organization's
 * enablement can neither be read nor written with another organization's scope.
 */
import { tenantScopeOf, type Scope } from '../auth/scope';
import type { Config } from '../config/config';
import type { Store, StoredRecord } from '../store/store';

/** Record kind of a tenant's own settings. */
export const TENANT_RECORD_KIND = 'tenant';
/** Id of a tenant's settings record. */
export const TENANT_RECORD_ID = 'settings';

/** What Spotter keeps about an organization. */
export interface TenantRecord {
  /** True once an admin of the tenant enabled Spotter through onboarding. */
  readonly enabled: boolean;
  /** When it was enabled (ISO 8601, UTC). */
  readonly enabledAt?: string;
  /** Object id of the admin who enabled it. */
  readonly enabledBy?: string;
  /** Reflections of weeks older than this many months are deleted; absent or null: kept. */
  readonly retentionMonths?: number | null;
}

/** The settings the registry follows; `Config['auth']` fits. */
export type TenantPolicy = Pick<Config['auth'], 'allowedTenantIds'> &
  Partial<Pick<Config['auth'], 'tenantMode'>>;

/** Why onboarding was refused. */
export type OnboardingRefusal = 'single-tenant';

/** The tenant after onboarding. */
export interface Onboarded {
  /** Its record. */
  readonly tenant: TenantRecord;
  /** False when it had been enabled before. */
  readonly changed: boolean;
}

/** Decides which tenants are served and records self-service onboarding. */
export class TenantRegistry {
  private readonly allowed: ReadonlySet<string>;
  private readonly single: boolean;

  constructor(
    private readonly store: Store,
    policy: TenantPolicy,
  ) {
    this.allowed = new Set(policy.allowedTenantIds.map((id) => id.toLowerCase()));
    this.single = policy.tenantMode === 'single';
  }

  /** True when Spotter serves the scope's tenant. */
  async isServed(scope: Scope): Promise<boolean> {
    if (this.single) return this.allowed.has(scope.tenantId.toLowerCase());
    if (this.allowed.size === 0 || this.allowed.has(scope.tenantId.toLowerCase())) return true;
    return (await this.record(scope))?.data.enabled === true;
  }

  /** The tenant's record, when it has one. */
  record(scope: Scope): Promise<StoredRecord<TenantRecord> | undefined> {
    return this.store.get<TenantRecord>(tenantScopeOf(scope), TENANT_RECORD_KIND, TENANT_RECORD_ID);
  }

  /**
   * Enables the caller's own tenant; the caller must already be known to be its admin.
   * Idempotent: a tenant enabled before keeps its first date and admin.
   */
  async enable(admin: Scope, now: Date): Promise<Onboarded | OnboardingRefusal> {
    if (this.single) return 'single-tenant';
    const existing = await this.record(admin);
    if (existing?.data.enabled) return { tenant: existing.data, changed: false };
    const data: TenantRecord = {
      ...existing?.data,
      enabled: true,
      enabledAt: now.toISOString(),
      enabledBy: admin.userId,
    };
    const partition = tenantScopeOf(admin);
    await (existing
      ? this.store.put(partition, TENANT_RECORD_KIND, TENANT_RECORD_ID, data, {
          ifMatch: existing.etag,
        })
      : this.store.create(partition, TENANT_RECORD_KIND, TENANT_RECORD_ID, data));
    return { tenant: data, changed: true };
  }
}
