/**
 * The embedded store: one SQLite file (better-sqlite3, WAL mode).
 *
 * @remarks
 * One table holds every record, keyed by tenant, user, kind and id. Every statement names the
 * tenant (and the user, where the call is per user) in its WHERE clause, and every statement is
 * prepared once when the store opens. Listings page by position (the last sort key and id
 * returned), so a page never repeats or skips a record even while others are written.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { randomUUID } from 'node:crypto';
import Database from 'better-sqlite3';
import { z } from 'zod';
import type { Scope, TenantScope } from '../auth/scope';
import { decodeCursor, encodeCursor } from './cursor';
import { ConflictError, StoreUnavailableError } from './errors';
import {
  checkKey,
  checkKeys,
  checkKind,
  inKeyOrder,
  pageSizeOf,
  serialiseData,
  sortKeyOf,
  userIdOf,
  type SerialisedData,
} from './record-rules';
import type {
  DeleteOptions,
  Page,
  PageRequest,
  Partition,
  RecordKey,
  Store,
  StoredRecord,
  WriteOptions,
} from './store';

/** Options of {@link SqliteStore.open}. */
export interface SqliteStoreOptions {
  /** How long a write waits for another connection's lock before giving up. @default 5000 */
  readonly busyTimeoutMs?: number;
}

interface Row {
  tenant_id: string;
  user_id: string;
  kind: string;
  id: string;
  sort_key: string;
  data: string;
  etag: string;
  updated_at: string;
}

interface Key {
  tenantId: string;
  userId: string;
  kind: string;
  id: string;
}

interface Write extends Key {
  sortKey: string;
  data: string;
  etag: string;
  updatedAt: string;
}

const SCHEMA = `
  CREATE TABLE IF NOT EXISTS records (
    tenant_id  TEXT NOT NULL,
    user_id    TEXT NOT NULL,
    kind       TEXT NOT NULL,
    id         TEXT NOT NULL,
    sort_key   TEXT NOT NULL,
    data       TEXT NOT NULL,
    etag       TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    PRIMARY KEY (tenant_id, user_id, kind, id)
  );
  CREATE INDEX IF NOT EXISTS records_by_listing
    ON records (tenant_id, user_id, kind, sort_key DESC, id DESC);
  CREATE INDEX IF NOT EXISTS records_by_tenant
    ON records (tenant_id, kind, sort_key DESC, id DESC, user_id DESC);
`;

const KEY = 'tenant_id = @tenantId AND user_id = @userId AND kind = @kind AND id = @id';
const COLUMNS = '(tenant_id, user_id, kind, id, sort_key, data, etag, updated_at)';
const VALUES = '(@tenantId, @userId, @kind, @id, @sortKey, @data, @etag, @updatedAt)';

const userPosition = z.object({ s: z.string(), i: z.string() }).strict();
const tenantPosition = z.object({ s: z.string(), i: z.string(), u: z.string() }).strict();

function prepareStatements(db: Database.Database) {
  return {
    get: db.prepare<Key, Row>(`SELECT * FROM records WHERE ${KEY}`),
    getMany: db.prepare<{ tenantId: string; userId: string; keys: string }, Row>(
      `SELECT * FROM records WHERE tenant_id = @tenantId AND user_id = @userId
         AND (kind, id) IN (
           SELECT json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each(@keys))`,
    ),
    exists: db.prepare<Key, 1>(`SELECT 1 FROM records WHERE ${KEY}`).pluck(),
    insert: db.prepare<Write>(
      `INSERT INTO records ${COLUMNS} VALUES ${VALUES}
       ON CONFLICT (tenant_id, user_id, kind, id) DO NOTHING`,
    ),
    upsert: db.prepare<Write>(
      `INSERT INTO records ${COLUMNS} VALUES ${VALUES}
       ON CONFLICT (tenant_id, user_id, kind, id) DO UPDATE SET
         sort_key = excluded.sort_key, data = excluded.data,
         etag = excluded.etag, updated_at = excluded.updated_at`,
    ),
    replaceIfMatch: db.prepare<Write & { ifMatch: string }>(
      `UPDATE records SET sort_key = @sortKey, data = @data, etag = @etag, updated_at = @updatedAt
       WHERE ${KEY} AND etag = @ifMatch`,
    ),
    delete: db.prepare<Key>(`DELETE FROM records WHERE ${KEY}`),
    deleteIfMatch: db.prepare<Key & { ifMatch: string }>(
      `DELETE FROM records WHERE ${KEY} AND etag = @ifMatch`,
    ),
    listFirst: db.prepare<{ tenantId: string; userId: string; kind: string; limit: number }, Row>(
      `SELECT * FROM records
       WHERE tenant_id = @tenantId AND user_id = @userId AND kind = @kind
       ORDER BY sort_key DESC, id DESC LIMIT @limit`,
    ),
    listAfter: db.prepare<
      { tenantId: string; userId: string; kind: string; limit: number; s: string; i: string },
      Row
    >(
      `SELECT * FROM records
       WHERE tenant_id = @tenantId AND user_id = @userId AND kind = @kind
         AND (sort_key, id) < (@s, @i)
       ORDER BY sort_key DESC, id DESC LIMIT @limit`,
    ),
    tenantFirst: db.prepare<{ tenantId: string; kind: string; limit: number }, Row>(
      `SELECT * FROM records
       WHERE tenant_id = @tenantId AND kind = @kind
       ORDER BY sort_key DESC, id DESC, user_id DESC LIMIT @limit`,
    ),
    tenantAfter: db.prepare<
      { tenantId: string; kind: string; limit: number; s: string; i: string; u: string },
      Row
    >(
      `SELECT * FROM records
       WHERE tenant_id = @tenantId AND kind = @kind
         AND (sort_key, id, user_id) < (@s, @i, @u)
       ORDER BY sort_key DESC, id DESC, user_id DESC LIMIT @limit`,
    ),
    exportUser: db.prepare<{ tenantId: string; userId: string }, Row>(
      `SELECT * FROM records WHERE tenant_id = @tenantId AND user_id = @userId
       ORDER BY kind, sort_key DESC, id DESC`,
    ),
    deleteUser: db.prepare<{ tenantId: string; userId: string }>(
      'DELETE FROM records WHERE tenant_id = @tenantId AND user_id = @userId',
    ),
    ping: db.prepare('SELECT 1').pluck(),
  };
}

function toRecord<T>(row: Row): StoredRecord<T> {
  return {
    id: row.id,
    kind: row.kind,
    tenantId: row.tenant_id,
    userId: row.user_id,
    sortKey: row.sort_key,
    data: JSON.parse(row.data) as T,
    etag: row.etag,
    updatedAt: row.updated_at,
  };
}

/**
 * True for SQLite's "database is locked" family of errors.
 *
 * @remarks
 * Checks the code rather than `instanceof SqliteError`: the native addon keeps the error class
 * of the first module instance that loaded it, which is not ours under Jest's module isolation.
 */
function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  return (
    typeof code === 'string' && (code.startsWith('SQLITE_BUSY') || code.startsWith('SQLITE_LOCKED'))
  );
}

/** {@link Store} on an embedded SQLite database: the default for development and small installs. */
export class SqliteStore implements Store {
  private readonly statements: ReturnType<typeof prepareStatements>;
  private readonly deleteChecked: (key: Key, ifMatch: string) => boolean;

  private constructor(private readonly db: Database.Database) {
    this.statements = prepareStatements(db);
    this.deleteChecked = db.transaction((key: Key, ifMatch: string) => {
      if (this.statements.deleteIfMatch.run({ ...key, ifMatch }).changes > 0) return true;
      if (this.statements.exists.get(key) !== undefined) throw new ConflictError('stale');
      return false;
    });
  }

  /**
   * Opens (and creates, with its parent directory) the database file; `:memory:` for tests.
   *
   * @remarks
   * WAL lets readers carry on while one connection writes; `busy_timeout` makes a write wait for
   * another process's lock instead of failing at once.
   */
  static open(path: string, options: SqliteStoreOptions = {}): SqliteStore {
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const db = new Database(path);
    db.pragma('journal_mode = WAL');
    db.pragma(`busy_timeout = ${Math.max(0, Math.floor(options.busyTimeoutMs ?? 5000))}`);
    db.pragma('synchronous = NORMAL');
    db.exec(SCHEMA);
    return new SqliteStore(db);
  }

  async get<T>(
    partition: Partition,
    kind: string,
    id: string,
  ): Promise<StoredRecord<T> | undefined> {
    checkKey(kind, id);
    const row = this.guard(() => this.statements.get.get(this.key(partition, kind, id)));
    return row && toRecord<T>(row);
  }

  async getMany(
    partition: Partition,
    keys: readonly RecordKey[],
  ): Promise<Array<StoredRecord<unknown> | undefined>> {
    checkKeys(keys);
    const rows = this.guard(() =>
      this.statements.getMany.all({
        tenantId: partition.tenantId,
        userId: userIdOf(partition),
        keys: JSON.stringify(keys.map((key) => [key.kind, key.id])),
      }),
    );
    return inKeyOrder(
      keys,
      rows.map((row) => toRecord<unknown>(row)),
    );
  }

  async create<T>(
    partition: Partition,
    kind: string,
    id: string,
    data: T,
    options: Pick<WriteOptions, 'sortKey'> = {},
  ): Promise<StoredRecord<T>> {
    checkKey(kind, id);
    const write = this.write<T>(partition, kind, id, serialiseData(data), options.sortKey);
    const { changes } = this.guard(() => this.statements.insert.run(write.params));
    if (changes === 0) throw new ConflictError('exists');
    return write.record;
  }

  async put<T>(
    partition: Partition,
    kind: string,
    id: string,
    data: T,
    options: WriteOptions = {},
  ): Promise<StoredRecord<T>> {
    checkKey(kind, id);
    const write = this.write<T>(partition, kind, id, serialiseData(data), options.sortKey);
    const { ifMatch } = options;
    if (ifMatch === undefined) {
      this.guard(() => this.statements.upsert.run(write.params));
    } else {
      const { changes } = this.guard(() =>
        this.statements.replaceIfMatch.run({ ...write.params, ifMatch }),
      );
      if (changes === 0) throw new ConflictError('stale');
    }
    return write.record;
  }

  async delete(
    partition: Partition,
    kind: string,
    id: string,
    options: DeleteOptions = {},
  ): Promise<boolean> {
    checkKey(kind, id);
    const key = this.key(partition, kind, id);
    const { ifMatch } = options;
    if (ifMatch === undefined) return this.guard(() => this.statements.delete.run(key).changes > 0);
    return this.guard(() => this.deleteChecked(key, ifMatch));
  }

  async list<T>(
    partition: Partition,
    kind: string,
    page: PageRequest = {},
  ): Promise<Page<StoredRecord<T>>> {
    checkKind(kind);
    const limit = pageSizeOf(page.limit);
    const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor, userPosition);
    const params = {
      tenantId: partition.tenantId,
      userId: userIdOf(partition),
      kind,
      limit: limit + 1,
    };
    const rows = this.guard(() =>
      after === undefined
        ? this.statements.listFirst.all(params)
        : this.statements.listAfter.all({ ...params, ...after }),
    );
    return toPage<T>(rows, limit, (last) => ({ s: last.sort_key, i: last.id }));
  }

  async listTenant<T>(
    scope: TenantScope,
    kind: string,
    page: PageRequest = {},
  ): Promise<Page<StoredRecord<T>>> {
    checkKind(kind);
    const limit = pageSizeOf(page.limit);
    const after = page.cursor === undefined ? undefined : decodeCursor(page.cursor, tenantPosition);
    const params = { tenantId: scope.tenantId, kind, limit: limit + 1 };
    const rows = this.guard(() =>
      after === undefined
        ? this.statements.tenantFirst.all(params)
        : this.statements.tenantAfter.all({ ...params, ...after }),
    );
    return toPage<T>(rows, limit, (last) => ({ s: last.sort_key, i: last.id, u: last.user_id }));
  }

  async exportUser(scope: Scope): Promise<StoredRecord<unknown>[]> {
    const rows = this.guard(() =>
      this.statements.exportUser.all({ tenantId: scope.tenantId, userId: scope.userId }),
    );
    return rows.map((row) => toRecord<unknown>(row));
  }

  async deleteUser(scope: Scope): Promise<number> {
    return this.guard(
      () =>
        this.statements.deleteUser.run({ tenantId: scope.tenantId, userId: scope.userId }).changes,
    );
  }

  async ping(): Promise<void> {
    this.guard(() => this.statements.ping.get());
  }

  async close(): Promise<void> {
    this.db.close();
  }

  private key(partition: Partition, kind: string, id: string): Key {
    return { tenantId: partition.tenantId, userId: userIdOf(partition), kind, id };
  }

  private write<T>(
    partition: Partition,
    kind: string,
    id: string,
    data: SerialisedData,
    sortKey: string | undefined,
  ): { params: Write; record: StoredRecord<T> } {
    const key = this.key(partition, kind, id);
    const params: Write = {
      ...key,
      sortKey: sortKeyOf(sortKey),
      data: data.json,
      etag: randomUUID(),
      updatedAt: new Date().toISOString(),
    };
    const record: StoredRecord<T> = {
      id,
      kind,
      tenantId: key.tenantId,
      userId: key.userId,
      sortKey: params.sortKey,
      data: data.value as T,
      etag: params.etag,
      updatedAt: params.updatedAt,
    };
    return { params, record };
  }

  /** Runs a statement, turning "database is locked" into {@link StoreUnavailableError}. */
  private guard<R>(statement: () => R): R {
    try {
      return statement();
    } catch (error) {
      if (isBusy(error))
        throw new StoreUnavailableError('SQLite database is busy', { cause: error });
      throw error;
    }
  }
}

function toPage<T>(
  rows: Row[],
  limit: number,
  positionOf: (last: Row) => unknown,
): Page<StoredRecord<T>> {
  const items = rows.slice(0, limit).map((row) => toRecord<T>(row));
  const last = rows[limit - 1];
  return rows.length > limit && last
    ? { items, nextCursor: encodeCursor(positionOf(last)) }
    : { items };
}
