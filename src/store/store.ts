/**
 * The store contract: every adapter (SQLite, Cosmos DB) implements it, and one contract suite
 * (tests/integration/store) proves each one.
 *
 * @remarks
 * Records are small JSON documents grouped by kind inside a partition: one user of one tenant
 * (a {@link Scope}), or the tenant itself (a {@link TenantScope}, for settings and audit). Every
 * method takes the partition's scope, so no call can reach another tenant or user.
 */
import type { Scope, SystemScope, TenantScope } from '../auth/scope';

/**
 * Where a record lives: one user's partition, the tenant's own partition, or one of Spotter's
 * own partitions (the reminder index, see {@link SystemScope}).
 */
export type Partition = Scope | TenantScope | SystemScope;

/** A stored record with its metadata. */
export interface StoredRecord<T> {
  /** Id chosen by the caller, unique per partition and kind (opaque UUIDs for anything shown to clients). */
  readonly id: string;
  /** What the record is (`profile`, `reflection`, `turn-state` …). */
  readonly kind: string;
  /** Tenant the record belongs to. */
  readonly tenantId: string;
  /** User the record belongs to; `_tenant` for tenant-level records. */
  readonly userId: string;
  /** Listings return records by this key, highest first, then by id. @default '' */
  readonly sortKey: string;
  /** The record's content. */
  readonly data: T;
  /** Version tag for optimistic concurrency; changes on every write. */
  readonly etag: string;
  /** When the record was last written (ISO 8601, UTC). */
  readonly updatedAt: string;
}

/** Where a record sits within its partition. */
export interface RecordKey {
  /** The record's kind. */
  readonly kind: string;
  /** The record's id. */
  readonly id: string;
}

/** Most keys one {@link Store.getMany} takes. */
export const GET_MANY_LIMIT = 25;

/** Options of a write. */
export interface WriteOptions {
  /** Only write if the stored record still has this etag; otherwise a stale {@link ConflictError}. */
  readonly ifMatch?: string;
  /** The listing key. @default '' */
  readonly sortKey?: string;
}

/** Options of a delete. */
export interface DeleteOptions {
  /** Only delete if the stored record still has this etag; otherwise a stale {@link ConflictError}. */
  readonly ifMatch?: string;
}

/** A page request. */
export interface PageRequest {
  /** Most records to return. @default 20 (at most 100) */
  readonly limit?: number;
  /** The `nextCursor` of the previous page. */
  readonly cursor?: string;
}

/** One page of a listing. */
export interface Page<T> {
  /** The records, highest sortKey first. */
  readonly items: T[];
  /**
   * Pass back to get the next page; absent on the last page (Cosmos DB may still hand one out
   * when the last page is exactly full, and it then leads to an empty page).
   */
  readonly nextCursor?: string;
}

/** Record kind of the bot's persisted turn state (internal: never exported to the user). */
export const TURN_STATE_KIND = 'turn-state';

/** The reserved user id of tenant-level records. */
export const TENANT_PARTITION = '_tenant';

/** Default and largest page sizes. */
export const PAGE_LIMITS = { default: 20, max: 100 } as const;

/** Persistence for Spotter: one interface, an adapter per database. */
export interface Store {
  /** Reads one record, or undefined when it does not exist in this partition. */
  get<T>(partition: Partition, kind: string, id: string): Promise<StoredRecord<T> | undefined>;
  /**
   * Reads up to {@link GET_MANY_LIMIT} records of one partition in one round trip: the answers
   * in the order of `keys`, undefined for each that does not exist.
   */
  getMany(
    partition: Partition,
    keys: readonly RecordKey[],
  ): Promise<Array<StoredRecord<unknown> | undefined>>;
  /** Creates a record; an `exists` {@link ConflictError} if it is there already. */
  create<T>(
    partition: Partition,
    kind: string,
    id: string,
    data: T,
    options?: Pick<WriteOptions, 'sortKey'>,
  ): Promise<StoredRecord<T>>;
  /**
   * Writes a record. Without `ifMatch` it creates or overwrites; with `ifMatch` it replaces only
   * the version the caller read (a `stale` {@link ConflictError} when changed or gone).
   */
  put<T>(
    partition: Partition,
    kind: string,
    id: string,
    data: T,
    options?: WriteOptions,
  ): Promise<StoredRecord<T>>;
  /**
   * Deletes a record; false when there was none (also with `ifMatch`). A stale `ifMatch` on an
   * existing record is a `stale` {@link ConflictError}.
   */
  delete(partition: Partition, kind: string, id: string, options?: DeleteOptions): Promise<boolean>;
  /** Lists one kind in one partition, highest sortKey first. */
  list<T>(partition: Partition, kind: string, page?: PageRequest): Promise<Page<StoredRecord<T>>>;
  /**
   * Lists one kind across every partition of one tenant, its users' and the tenant's own
   * (never across tenants).
   */
  listTenant<T>(
    scope: TenantScope,
    kind: string,
    page?: PageRequest,
  ): Promise<Page<StoredRecord<T>>>;
  /** Everything stored for one user: every kind, by kind, then in listing order. */
  exportUser(scope: Scope): Promise<StoredRecord<unknown>[]>;
  /** Deletes everything stored for one user; returns how many records went. */
  deleteUser(scope: Scope): Promise<number>;
  /** Resolves when the database answers; rejects otherwise (for `/readyz`). */
  ping(): Promise<void>;
  /** Releases connections and file handles. */
  close(): Promise<void>;
}
