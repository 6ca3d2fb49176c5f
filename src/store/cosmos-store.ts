/**
 * The distributed store: one Azure Cosmos DB for NoSQL container.
 *
 * @remarks
 * The container is partitioned hierarchically by `[/tenantId, /userId]`, so a user's records are
 * one logical partition and a tenant's records are a partition-key prefix. Point operations name
 * the full partition key; every query also filters the tenant (and the user, where per user) in
 * its WHERE clause, because the partition-key option alone is not proof of isolation (the local
 * test server ignores it on queries). Listings page with Cosmos DB continuation tokens wrapped in
 * our own cursor, never OFFSET/LIMIT.
 */
import { createHash } from 'node:crypto';
import {
  CosmosClient,
  PartitionKeyDefinitionVersion,
  PartitionKeyKind,
  type ConnectionPolicy,
  type Container,
  type ContainerDefinition,
  type CosmosClientOptions,
  type IndexingPolicy,
  type PartitionKey,
  type PartitionKeyDefinition,
  type SqlQuerySpec,
} from '@azure/cosmos';
import { DefaultAzureCredential } from '@azure/identity';
import { z } from 'zod';
import type { Scope, TenantScope } from '../auth/scope';
import { decodeCursor, encodeCursor } from './cursor';
import { ConflictError, InvalidStoreInputError, StoreUnavailableError } from './errors';
import {
  checkKey,
  checkKeys,
  checkKind,
  inKeyOrder,
  pageSizeOf,
  serialiseData,
  sortKeyOf,
  userIdOf,
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

/** An Entra ID credential, as the Cosmos DB client takes it. */
export type TokenCredential = NonNullable<CosmosClientOptions['aadCredentials']>;

/** Options of {@link CosmosStore.open}. */
export interface CosmosStoreOptions {
  /** Account endpoint URL. */
  readonly endpoint: string;
  /** Account key; absent means Entra ID through {@link CosmosStoreOptions.credential}. */
  readonly key?: string | undefined;
  /** Entra ID credential used when there is no key. @default new DefaultAzureCredential() */
  readonly credential?: TokenCredential | undefined;
  /** Database name. */
  readonly database: string;
  /** Container name. */
  readonly container: string;
  /** Create the database and container when they are missing (else they must exist). */
  readonly createIfMissing: boolean;
  /** Client connection settings (tests turn endpoint discovery off). */
  readonly connectionPolicy?: ConnectionPolicy | undefined;
}

/** The container's partition key: tenant, then user. */
const PARTITION_KEY: PartitionKeyDefinition = {
  paths: ['/tenantId', '/userId'],
  kind: PartitionKeyKind.MultiHash,
  version: PartitionKeyDefinitionVersion.V2,
};

const LISTING_ORDER = [
  { path: '/kind', order: 'ascending' },
  { path: '/sortKey', order: 'descending' },
  { path: '/recordId', order: 'descending' },
] as const;

/**
 * Indexes only what the queries filter and sort on.
 *
 * @remarks
 * Record content (`/data`) is never queried, so leaving it out of the index keeps writes cheap
 * whatever the record holds. The composite indexes serve the ORDER BY of a user listing (and of
 * an export) and of a tenant listing; `kind` leads them because every listing filters on it.
 */
const INDEXING_POLICY: IndexingPolicy = {
  indexingMode: 'consistent',
  automatic: true,
  includedPaths: ['/tenantId/?', '/userId/?', '/kind/?', '/sortKey/?', '/recordId/?'].map(
    (path) => ({ path }),
  ),
  excludedPaths: [{ path: '/*' }],
  compositeIndexes: [
    [...LISTING_ORDER],
    [...LISTING_ORDER, { path: '/userId', order: 'descending' }],
  ],
};

const USER_ORDER = 'ORDER BY c.kind ASC, c.sortKey DESC, c.recordId DESC';
const TENANT_ORDER = `${USER_ORDER}, c.userId DESC`;
const QUERIES = {
  list: `SELECT * FROM c WHERE c.tenantId = @tenantId AND c.userId = @userId AND c.kind = @kind ${USER_ORDER}`,
  listTenant: `SELECT * FROM c WHERE c.tenantId = @tenantId AND c.kind = @kind ${TENANT_ORDER}`,
  exportUser: `SELECT * FROM c WHERE c.tenantId = @tenantId AND c.userId = @userId ${USER_ORDER}`,
  userIds: 'SELECT c.id FROM c WHERE c.tenantId = @tenantId AND c.userId = @userId',
  // Kinds and ids are matched apart (both are indexed); the exact pairs are picked afterwards.
  getMany: `SELECT * FROM c WHERE c.tenantId = @tenantId AND c.userId = @userId
    AND ARRAY_CONTAINS(@kinds, c.kind) AND ARRAY_CONTAINS(@ids, c.recordId)`,
} as const;

/** Statuses that mean "try again later": timeout, throttled, retry-with, server error, unavailable. */
const TRANSIENT_STATUSES = new Set([408, 429, 449, 500, 503]);

/**
 * Statuses with which Cosmos DB says it did not do the work and may well do it a moment later:
 * retry-with (449) and unavailable (503). The SDK retries 429 itself, but a 503 on a write in a
 * single-region account it hands straight back.
 */
const RETRYABLE_STATUSES = new Set([449, 503]);
/** Pauses before the retries of a {@link RETRYABLE_STATUSES} answer (half of each is jitter). */
const RETRY_DELAYS_MS = [100, 400, 1_000] as const;

/** How many deletes of one user’s records run at once. */
const DELETE_CONCURRENCY = 8;
const continuation = z.object({ c: z.string().min(1) }).strict();

type RecordDocument = {
  id: string;
  tenantId: string;
  userId: string;
  kind: string;
  recordId: string;
  sortKey: string;
  data: unknown;
  updatedAt: string;
};

/**
 * The document id of a record: unique per tenant, and safe in a Cosmos DB id.
 *
 * @remarks
 * A hash of the (user, kind, id) triple: ids may not contain `/ \ ? #`, are limited in length,
 * and the test server enforces id uniqueness per tenant rather than per user. The record's own
 * id, kind and user travel in their own fields, so nothing is lost.
 */
function documentIdOf(userId: string, kind: string, recordId: string): string {
  return createHash('sha256')
    .update(JSON.stringify([userId, kind, recordId]))
    .digest('base64url');
}

function toRecord<T>(document: RecordDocument & { _etag: string }): StoredRecord<T> {
  return {
    id: document.recordId,
    kind: document.kind,
    tenantId: document.tenantId,
    userId: document.userId,
    sortKey: document.sortKey,
    data: document.data as T,
    etag: document._etag,
    updatedAt: document.updatedAt,
  };
}

function statusOf(error: unknown): number | undefined {
  const code = (error as { code?: unknown } | undefined)?.code;
  return typeof code === 'number' ? code : undefined;
}

/**
 * The error to surface for a failure no call site handled: transient failures become
 * {@link StoreUnavailableError}, everything else passes through.
 *
 * @remarks
 * The SDK sets numeric `code`s for HTTP statuses and string codes (`ECONNREFUSED`,
 * `TimeoutError` …) when no answer came back at all.
 */
function translate(error: unknown): unknown {
  const code = (error as { code?: unknown } | undefined)?.code;
  const name = (error as { name?: unknown } | undefined)?.name;
  const transient =
    (typeof code === 'number' && TRANSIENT_STATUSES.has(code)) ||
    typeof code === 'string' ||
    name === 'TimeoutError' ||
    name === 'AbortError';
  return transient
    ? new StoreUnavailableError('Cosmos DB did not answer', { cause: error })
    : error;
}

/** The pause Cosmos DB asked for (`x-ms-retry-after-ms`), if it named one. */
function retryAfterOf(error: unknown): number | undefined {
  const headers = (error as { headers?: Record<string, unknown> } | undefined)?.headers;
  const value = Number(headers?.['x-ms-retry-after-ms']);
  return Number.isFinite(value) && value > 0 ? value : undefined;
}

/**
 * Runs one request, and again after a short pause while Cosmos DB answers a
 * {@link RETRYABLE_STATUSES} status; any other failure, or the last one, is the caller's.
 */
async function withRetries<R>(request: () => Promise<R>): Promise<R> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      return await request();
    } catch (error) {
      const status = statusOf(error);
      const delay = RETRY_DELAYS_MS[attempt];
      if (delay === undefined || status === undefined || !RETRYABLE_STATUSES.has(status)) {
        throw error;
      }
      const pause = retryAfterOf(error) ?? delay / 2 + Math.random() * (delay / 2);
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

function samePaths(actual: readonly string[] | undefined, expected: readonly string[]): boolean {
  return (
    actual !== undefined &&
    actual.length === expected.length &&
    actual.every((path, index) => path === expected[index])
  );
}

/** {@link Store} on Azure Cosmos DB for NoSQL: the production store. */
export class CosmosStore implements Store {
  private constructor(
    private readonly client: CosmosClient,
    private readonly container: Container,
  ) {}

  /**
   * Connects, creating the database and container first when asked to, and checks that the
   * container has the expected partition key.
   *
   * @remarks
   * A container partitioned any other way would still accept every call, but tenants would no
   * longer be partition boundaries; refusing to start is the safer failure.
   */
  static async open(options: CosmosStoreOptions): Promise<CosmosStore> {
    const client = new CosmosClient({
      endpoint: options.endpoint,
      ...(options.key
        ? { key: options.key }
        : { aadCredentials: options.credential ?? new DefaultAzureCredential() }),
      ...(options.connectionPolicy ? { connectionPolicy: options.connectionPolicy } : {}),
    });
    try {
      const container = client.database(options.database).container(options.container);
      const definition = options.createIfMissing
        ? await createContainer(client, options.database, options.container)
        : await readContainer(container);
      if (!definition) {
        throw new Error(`Cosmos DB container ${options.database}/${options.container} not found`);
      }
      if (!samePaths(definition.partitionKey?.paths, PARTITION_KEY.paths)) {
        throw new Error(
          `Cosmos DB container ${options.database}/${options.container} must be partitioned by ` +
            `${PARTITION_KEY.paths.join(', ')}`,
        );
      }
      return new CosmosStore(client, container);
    } catch (error) {
      client.dispose();
      throw translate(error);
    }
  }

  async get<T>(
    partition: Partition,
    kind: string,
    id: string,
  ): Promise<StoredRecord<T> | undefined> {
    checkKey(kind, id);
    const userId = userIdOf(partition);
    try {
      const { resource } = await withRetries(() =>
        this.container
          .item(documentIdOf(userId, kind, id), [partition.tenantId, userId])
          .read<RecordDocument>(),
      );
      return resource && toRecord<T>(resource);
    } catch (error) {
      throw translate(error);
    }
  }

  async getMany(
    partition: Partition,
    keys: readonly RecordKey[],
  ): Promise<Array<StoredRecord<unknown> | undefined>> {
    checkKeys(keys);
    if (keys.length === 0) return [];
    const userId = userIdOf(partition);
    const query: SqlQuerySpec = {
      query: QUERIES.getMany,
      parameters: [
        { name: '@tenantId', value: partition.tenantId },
        { name: '@userId', value: userId },
        { name: '@kinds', value: [...new Set(keys.map((key) => key.kind))] },
        { name: '@ids', value: [...new Set(keys.map((key) => key.id))] },
      ],
    };
    try {
      const { resources } = await withRetries(() =>
        this.container.items
          .query<RecordDocument & { _etag: string }>(query, {
            partitionKey: [partition.tenantId, userId],
          })
          .fetchAll(),
      );
      return inKeyOrder(
        keys,
        resources.map((document) => toRecord<unknown>(document)),
      );
    } catch (error) {
      throw translate(error);
    }
  }

  async create<T>(
    partition: Partition,
    kind: string,
    id: string,
    data: T,
    options: Pick<WriteOptions, 'sortKey'> = {},
  ): Promise<StoredRecord<T>> {
    const document = documentOf(partition, kind, id, data, options.sortKey);
    try {
      const { etag } = await withRetries(() => this.container.items.create(document));
      return toRecord<T>({ ...document, _etag: etag });
    } catch (error) {
      if (statusOf(error) === 409) throw new ConflictError('exists');
      throw translate(error);
    }
  }

  async put<T>(
    partition: Partition,
    kind: string,
    id: string,
    data: T,
    options: WriteOptions = {},
  ): Promise<StoredRecord<T>> {
    const document = documentOf(partition, kind, id, data, options.sortKey);
    const { ifMatch } = options;
    try {
      const { etag } = await withRetries<{ etag: string }>(() =>
        ifMatch === undefined
          ? this.container.items.upsert(document)
          : this.container
              .item(document.id, [document.tenantId, document.userId])
              .replace(document, { accessCondition: { type: 'IfMatch', condition: ifMatch } }),
      );
      return toRecord<T>({ ...document, _etag: etag });
    } catch (error) {
      const status = statusOf(error);
      if (ifMatch !== undefined && (status === 412 || status === 404)) {
        throw new ConflictError('stale');
      }
      throw translate(error);
    }
  }

  async delete(
    partition: Partition,
    kind: string,
    id: string,
    options: DeleteOptions = {},
  ): Promise<boolean> {
    checkKey(kind, id);
    const userId = userIdOf(partition);
    return this.deleteDocument(
      documentIdOf(userId, kind, id),
      [partition.tenantId, userId],
      options.ifMatch,
    );
  }

  async list<T>(
    partition: Partition,
    kind: string,
    page: PageRequest = {},
  ): Promise<Page<StoredRecord<T>>> {
    checkKind(kind);
    const userId = userIdOf(partition);
    return this.page<T>(
      {
        query: QUERIES.list,
        parameters: [
          { name: '@tenantId', value: partition.tenantId },
          { name: '@userId', value: userId },
          { name: '@kind', value: kind },
        ],
      },
      [partition.tenantId, userId],
      page,
    );
  }

  async listTenant<T>(
    scope: TenantScope,
    kind: string,
    page: PageRequest = {},
  ): Promise<Page<StoredRecord<T>>> {
    checkKind(kind);
    return this.page<T>(
      {
        query: QUERIES.listTenant,
        parameters: [
          { name: '@tenantId', value: scope.tenantId },
          { name: '@kind', value: kind },
        ],
      },
      [scope.tenantId],
      page,
    );
  }

  async exportUser(scope: Scope): Promise<StoredRecord<unknown>[]> {
    const records: StoredRecord<unknown>[] = [];
    await this.forEachPage<RecordDocument & { _etag: string }>(
      QUERIES.exportUser,
      scope,
      (documents) => records.push(...documents.map((document) => toRecord<unknown>(document))),
    );
    return records;
  }

  /**
   * Deletes a user's records: their ids first (paged), then the documents, a few at a time.
   *
   * @remarks
   * Collecting the ids before deleting keeps the query's continuation valid; a record that is
   * already gone when its delete runs is simply not counted. Point deletes rather than the SDK's
   * bulk API, whose batching adds a second of latency to every call.
   */
  async deleteUser(scope: Scope): Promise<number> {
    const ids: string[] = [];
    await this.forEachPage<{ id: string }>(QUERIES.userIds, scope, (documents) =>
      ids.push(...documents.map((document) => document.id)),
    );
    const partitionKey = [scope.tenantId, scope.userId];
    let deleted = 0;
    const worker = async () => {
      for (let id = ids.pop(); id !== undefined; id = ids.pop()) {
        if (await this.deleteDocument(id, partitionKey)) deleted += 1;
      }
    };
    await Promise.all(Array.from({ length: DELETE_CONCURRENCY }, worker));
    return deleted;
  }

  /** Reads a document that never exists: a 404 proves the account and container answer. */
  async ping(): Promise<void> {
    try {
      await this.container.item('ping', ['_ping', '_ping']).read();
    } catch (error) {
      throw translate(error);
    }
  }

  async close(): Promise<void> {
    this.client.dispose();
  }

  /** Deletes one document; false when it was not there, a stale conflict when `ifMatch` is. */
  private async deleteDocument(
    id: string,
    partitionKey: PartitionKey,
    ifMatch?: string,
  ): Promise<boolean> {
    try {
      await withRetries(() =>
        this.container
          .item(id, partitionKey)
          .delete(
            ifMatch === undefined
              ? {}
              : { accessCondition: { type: 'IfMatch', condition: ifMatch } },
          ),
      );
      return true;
    } catch (error) {
      const status = statusOf(error);
      if (status === 404) return false;
      if (status === 412) throw new ConflictError('stale');
      throw translate(error);
    }
  }

  /**
   * One page of a listing: follows continuation tokens until `limit` records arrived or the
   * results end, asking each round only for what is still missing.
   */
  private async page<T>(
    query: SqlQuerySpec,
    partitionKey: PartitionKey,
    page: PageRequest,
  ): Promise<Page<StoredRecord<T>>> {
    const limit = pageSizeOf(page.limit);
    let token = page.cursor === undefined ? undefined : decodeCursor(page.cursor, continuation).c;
    const items: StoredRecord<T>[] = [];
    do {
      const continuationToken = token;
      const response = await withRetries(() =>
        this.container.items
          .query<RecordDocument & { _etag: string }>(query, {
            partitionKey,
            maxItemCount: limit - items.length,
            ...(continuationToken === undefined ? {} : { continuationToken }),
          })
          .fetchNext(),
      ).catch((error: unknown) => {
        if (statusOf(error) === 400 && page.cursor !== undefined) {
          throw new InvalidStoreInputError('malformed cursor');
        }
        throw translate(error);
      });
      items.push(...response.resources.map((document) => toRecord<T>(document)));
      token = response.continuationToken;
    } while (token !== undefined && items.length < limit);
    return token === undefined ? { items } : { items, nextCursor: encodeCursor({ c: token }) };
  }

  /** Runs a per-user query to the end, handing each page to `onPage`. */
  private async forEachPage<D>(
    query: string,
    scope: Scope,
    onPage: (documents: D[]) => void,
  ): Promise<void> {
    const iterator = this.container.items.query<D>(
      {
        query,
        parameters: [
          { name: '@tenantId', value: scope.tenantId },
          { name: '@userId', value: scope.userId },
        ],
      },
      { partitionKey: [scope.tenantId, scope.userId], maxItemCount: 100 },
    );
    try {
      for await (const { resources } of iterator.getAsyncIterator()) onPage(resources);
    } catch (error) {
      throw translate(error);
    }
  }
}

async function createContainer(
  client: CosmosClient,
  databaseId: string,
  containerId: string,
): Promise<ContainerDefinition | undefined> {
  const { database } = await client.databases.createIfNotExists({ id: databaseId });
  const { resource } = await database.containers.createIfNotExists({
    id: containerId,
    partitionKey: PARTITION_KEY,
    indexingPolicy: INDEXING_POLICY,
  });
  return resource;
}

async function readContainer(container: Container): Promise<ContainerDefinition | undefined> {
  try {
    return (await container.read()).resource;
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

function documentOf(
  partition: Partition,
  kind: string,
  id: string,
  data: unknown,
  sortKey: string | undefined,
): RecordDocument {
  checkKey(kind, id);
  const userId = userIdOf(partition);
  return {
    id: documentIdOf(userId, kind, id),
    tenantId: partition.tenantId,
    userId,
    kind,
    recordId: id,
    sortKey: sortKeyOf(sortKey),
    data: serialiseData(data).value,
    updatedAt: new Date().toISOString(),
  };
}
