/**
 * The input rules every store adapter applies before touching its database.
 *
 * @remarks
 * Both adapters call these same functions, so a kind, id, sort key, page size or payload that one
 * adapter accepts the other accepts too, and the contract suite can hold them to one behaviour.
 */
import { InvalidStoreInputError } from './errors';
import {
  GET_MANY_LIMIT,
  PAGE_LIMITS,
  TENANT_PARTITION,
  type Partition,
  type RecordKey,
  type StoredRecord,
} from './store';

const KIND_PATTERN = /^[a-z][a-z0-9-]{0,39}$/;
// eslint-disable-next-line no-control-regex -- control characters are exactly what is refused
const CONTROL_CHARACTER = /[\u0000-\u001f\u007f-\u009f]/;

/** Longest record id, in UTF-16 code units. */
export const MAX_ID_LENGTH = 200;

/** Longest sort key, in UTF-16 code units. */
export const MAX_SORT_KEY_LENGTH = 200;

/**
 * Largest serialised record content, in UTF-8 bytes.
 *
 * @remarks
 * Well under Cosmos DB's 2 MB item limit, so the document around the content always fits too.
 */
export const MAX_DATA_BYTES = 512 * 1024;

/** Throws unless `kind` is a lower-case slug of at most 40 characters. */
export function checkKind(kind: string): void {
  if (typeof kind !== 'string' || !KIND_PATTERN.test(kind)) {
    throw new InvalidStoreInputError(`kind must match ${KIND_PATTERN.source}`);
  }
}

/** Throws unless `id` has 1 to 200 characters and no control characters. */
export function checkId(id: string): void {
  if (
    typeof id !== 'string' ||
    id.length === 0 ||
    id.length > MAX_ID_LENGTH ||
    CONTROL_CHARACTER.test(id)
  ) {
    throw new InvalidStoreInputError(
      `id must have 1 to ${MAX_ID_LENGTH} characters and no control characters`,
    );
  }
}

/** Checks the keys of a {@link Store.getMany}: each one, and how many. */
export function checkKeys(keys: readonly RecordKey[]): void {
  if (!Array.isArray(keys) || keys.length > GET_MANY_LIMIT) {
    throw new InvalidStoreInputError(`at most ${GET_MANY_LIMIT} keys at once`);
  }
  for (const key of keys) checkKey(key.kind, key.id);
}

/** The records found, answered in the order of `keys` (undefined where none was found). */
export function inKeyOrder(
  keys: readonly RecordKey[],
  found: readonly StoredRecord<unknown>[],
): Array<StoredRecord<unknown> | undefined> {
  const byKey = new Map(found.map((record) => [JSON.stringify([record.kind, record.id]), record]));
  return keys.map((key) => byKey.get(JSON.stringify([key.kind, key.id])));
}

/** Checks a kind and an id together: the key of every single-record call. */
export function checkKey(kind: string, id: string): void {
  checkKind(kind);
  checkId(id);
}

/** The sort key to store: the caller's, or `''`; throws when it is too long. */
export function sortKeyOf(sortKey: string | undefined): string {
  const value = sortKey ?? '';
  if (typeof value !== 'string' || value.length > MAX_SORT_KEY_LENGTH) {
    throw new InvalidStoreInputError(
      `sortKey must be a string of at most ${MAX_SORT_KEY_LENGTH} characters`,
    );
  }
  return value;
}

/** The page size to use: the default when absent, else clamped to 1…{@link PAGE_LIMITS.max}. */
export function pageSizeOf(limit: number | undefined): number {
  if (limit === undefined) return PAGE_LIMITS.default;
  if (typeof limit !== 'number' || !Number.isFinite(limit)) {
    throw new InvalidStoreInputError('limit must be a finite number');
  }
  return Math.min(PAGE_LIMITS.max, Math.max(1, Math.floor(limit)));
}

/**
 * The record content as stored: its JSON text, and the value that text parses back to.
 *
 * @remarks
 * Adapters return `value` rather than the caller's object, so a write answers with exactly what a
 * later read will (dates become strings, `undefined` fields vanish) whichever database is behind.
 */
export interface SerialisedData {
  /** JSON text, at most {@link MAX_DATA_BYTES} bytes. */
  readonly json: string;
  /** `JSON.parse(json)`. */
  readonly value: unknown;
}

/** Serialises record content; throws when it is not JSON or too large. */
export function serialiseData(data: unknown): SerialisedData {
  let json: string | undefined;
  try {
    json = JSON.stringify(data);
  } catch {
    throw new InvalidStoreInputError('data must be JSON-serialisable');
  }
  if (json === undefined) throw new InvalidStoreInputError('data must be JSON-serialisable');
  if (Buffer.byteLength(json, 'utf8') > MAX_DATA_BYTES) {
    throw new InvalidStoreInputError(`data must be at most ${MAX_DATA_BYTES} bytes as JSON`);
  }
  return { json, value: JSON.parse(json) as unknown };
}

/**
 * The user id a partition's records carry: the user's, the system partition's name, or
 * {@link TENANT_PARTITION}.
 */
export function userIdOf(partition: Partition): string {
  return 'userId' in partition ? partition.userId : TENANT_PARTITION;
}
