/**
 * Retention: an organization may have reflections deleted once they are older than N months
 * (off by default), and a daily job does it.
 *
 * @remarks
 * The setting lives in the tenant's own record. So that the job can find the tenants that want
 * it without a query across tenants, turning it on also writes the tenant's id into Spotter's
 * own retention index (a system partition only the server writes); the job walks that index and
 * then works inside one tenant at a time with tenant-prefix listings. A week's reflection is
 * removed, its reps stay (they carry no reflection text); a week left empty is deleted. Every
 * write is conditional on the version read, so a person editing a week at the same moment wins
 * and the job tries again the next day.
 */
import {
  memberScope,
  systemScope,
  tenantScopeFromIndexEntry,
  tenantScopeOf,
  type Scope,
  type TenantScope,
} from '../auth/scope';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../domain/practice-week';
import { isPastRetention } from '../domain/privacy';
import type { Logger } from '../logging/logger';
import { ConflictError } from '../store/errors';
import type { Store, StoredRecord } from '../store/store';
import { listAll } from './list-all';
import { TENANT_RECORD_ID, TENANT_RECORD_KIND, type TenantRecord } from './tenant-registry';

/** Record kind of an entry of the retention index (one per tenant with retention on). */
export const RETENTION_INDEX_KIND = 'retention-tenant';

const INDEX = systemScope('retention');

/** What one run of the job did. */
export interface RetentionRun {
  /** Tenants with retention on. */
  readonly tenants: number;
  /** Reflections deleted. */
  readonly reflectionsDeleted: number;
}

/** The retention setting and the job that applies it. */
export class RetentionService {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<unknown> | undefined;

  constructor(
    private readonly store: Store,
    private readonly logger?: Logger,
  ) {}

  /** The admin's tenant's retention in months, or null when reflections are kept. */
  async months(admin: Scope): Promise<number | null> {
    return (await this.tenantRecord(tenantScopeOf(admin)))?.data.retentionMonths ?? null;
  }

  /** Sets the admin's tenant's retention (null: keep reflections). */
  async setMonths(admin: Scope, months: number | null): Promise<void> {
    const tenant = tenantScopeOf(admin);
    const existing = await this.tenantRecord(tenant);
    const data: TenantRecord = { enabled: false, ...existing?.data, retentionMonths: months };
    await (existing
      ? this.store.put(tenant, TENANT_RECORD_KIND, TENANT_RECORD_ID, data, {
          ifMatch: existing.etag,
        })
      : this.store.create(tenant, TENANT_RECORD_KIND, TENANT_RECORD_ID, data));
    if (months === null) await this.store.delete(index(), RETENTION_INDEX_KIND, tenant.tenantId);
    else await this.store.put(index(), RETENTION_INDEX_KIND, tenant.tenantId, {});
  }

  /** Deletes every reflection past its tenant's retention period at `now`. */
  async runRetention(now: Date): Promise<RetentionRun> {
    const entries = await listAll((page) => this.store.list(index(), RETENTION_INDEX_KIND, page));
    let tenants = 0;
    let reflectionsDeleted = 0;
    for (const entry of entries) {
      const tenant = tenantScopeFromIndexEntry(entry.id);
      if (!tenant) continue;
      const months = (await this.tenantRecord(tenant))?.data.retentionMonths ?? null;
      if (months === null) {
        await this.store.delete(index(), RETENTION_INDEX_KIND, entry.id);
        continue;
      }
      tenants += 1;
      const deleted = await this.applyTo(tenant, months, now);
      reflectionsDeleted += deleted;
      if (deleted > 0) {
        this.logger?.info({ tenantId: tenant.tenantId, reflectionsDeleted: deleted }, 'retention');
      }
    }
    return { tenants, reflectionsDeleted };
  }

  /** Runs the job every `intervalMs`, first after one interval. */
  start(intervalMs: number): void {
    this.timer ??= setInterval(() => {
      this.running ??= this.runRetention(new Date())
        .catch((error: unknown) =>
          this.logger?.error(
            {
              err:
                error instanceof Error ? { name: error.name, message: error.message } : 'unknown',
            },
            'retention run failed',
          ),
        )
        .finally(() => {
          this.running = undefined;
        });
    }, intervalMs);
    this.timer.unref();
  }

  /** Stops the schedule and waits for a run in progress. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
  }

  private async applyTo(tenant: TenantScope, months: number, now: Date): Promise<number> {
    const weeks = await listAll((page) =>
      this.store.listTenant<PracticeWeek>(tenant, PRACTICE_WEEK_KIND, page),
    );
    let deleted = 0;
    for (const record of weeks) {
      const { reflection, ...rest } = record.data;
      if (reflection === undefined || !isPastRetention(record.data.week, months, now)) continue;
      const owner = memberScope(tenant, record.userId);
      if (!owner) continue;
      try {
        if (rest.reps.length > 0) {
          await this.store.put(owner, PRACTICE_WEEK_KIND, record.id, rest, {
            ifMatch: record.etag,
            sortKey: record.sortKey,
          });
        } else {
          await this.store.delete(owner, PRACTICE_WEEK_KIND, record.id, { ifMatch: record.etag });
        }
        deleted += 1;
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    return deleted;
  }

  private tenantRecord(tenant: TenantScope): Promise<StoredRecord<TenantRecord> | undefined> {
    return this.store.get<TenantRecord>(tenant, TENANT_RECORD_KIND, TENANT_RECORD_ID);
  }
}

function index() {
  if (!INDEX) throw new Error('the retention index name is malformed');
  return INDEX;
}
