/**
 * What an organization's admins can do and see: the audit log of admin changes and the
 * anonymous weekly figures.
 *
 * @remarks
 * Everything here acts in one tenant, the admin's own: audit entries live in the tenant's own
 * partition, and the figures are counted with tenant-prefix listings, which never reach another
 * tenant. The figures are reduced to numbers by the pure rules of `domain/privacy` before they
 * leave this module, so no name or content can reach an admin.
 */
import { randomUUID } from 'node:crypto';
import { tenantScopeOf, type Scope, type TenantScope } from '../auth/scope';
import { HELP_REQUEST_KIND } from '../domain/help-request';
import { isPractised, PRACTICE_WEEK_KIND, type PracticeWeek } from '../domain/practice-week';
import { weeklyAggregates, type WeeklyAggregates } from '../domain/privacy';
import { weekKeyOf, type WeekKey } from '../domain/week';
import type { Page, PageRequest, Store, StoredRecord } from '../store/store';
import { listAll } from './list-all';
import type { HelpRequestRecord } from './help-request-service';

/** Record kind of an audit entry. */
export const AUDIT_KIND = 'audit';

/** One admin change. */
export interface AuditEntry {
  /** When (ISO 8601, UTC). */
  readonly at: string;
  /** Object id of the admin who made it. */
  readonly actorId: string;
  /** What was done, e.g. `tenant.enabled`. */
  readonly action: string;
  /** The new values, without any person's content. */
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

/** Audit log and aggregates of the admin's own tenant. */
export class AdminService {
  constructor(private readonly store: Store) {}

  /** Records a change made by `admin` in their tenant. */
  async audit(
    admin: Scope,
    action: string,
    details: AuditEntry['details'],
    now: Date,
  ): Promise<AuditEntry> {
    const entry: AuditEntry = { at: now.toISOString(), actorId: admin.userId, action, details };
    await this.store.create(tenantScopeOf(admin), AUDIT_KIND, randomUUID(), entry, {
      sortKey: entry.at,
    });
    return entry;
  }

  /** One page of the tenant's audit log, newest first. */
  auditLog(admin: Scope, page?: PageRequest): Promise<Page<StoredRecord<AuditEntry>>> {
    return this.store.list<AuditEntry>(tenantScopeOf(admin), AUDIT_KIND, page);
  }

  /** The whole audit log, newest first (for export). */
  async fullAuditLog(admin: Scope): Promise<AuditEntry[]> {
    const partition = tenantScopeOf(admin);
    return (await listAll<AuditEntry>((page) => this.store.list(partition, AUDIT_KIND, page))).map(
      (record) => record.data,
    );
  }

  /** The tenant's figures for one ISO week (help requests by the UTC week they were sent in). */
  async aggregates(admin: Scope, week: WeekKey): Promise<WeeklyAggregates> {
    const tenant = tenantScopeOf(admin);
    const [weeks, requests] = await Promise.all([
      this.listAll<PracticeWeek>(tenant, PRACTICE_WEEK_KIND),
      this.listAll<HelpRequestRecord>(tenant, HELP_REQUEST_KIND),
    ]);
    return weeklyAggregates(
      weeks
        .filter((record) => record.data.week === week)
        .map((record) => ({
          userId: record.userId,
          practised: isPractised(record.data),
          reflectionCompleted: record.data.reflection?.completedAt !== undefined,
        })),
      requests
        .map((record) => record.data.request)
        .filter((request) => weekKeyOf(new Date(request.createdAt), 'UTC') === week)
        .map((request) => ({
          askerId: request.asker.userId,
          helperId: request.helper.userId,
          accepted: request.status === 'accepted' || request.status === 'done',
          thanked: request.thanks !== undefined,
        })),
    );
  }

  private listAll<T>(tenant: TenantScope, kind: string): Promise<StoredRecord<T>[]> {
    return listAll<T>((page) => this.store.listTenant<T>(tenant, kind, page));
  }
}
