/**
 * Records read ahead: fetched with an earlier round trip of the same piece of work (a bot turn
 * reads them with its turn state, which lives in the same partition) and handed to the first
 * reader that asks for them, so that reader costs no round trip of its own.
 *
 * @remarks
 * Each record is handed out once: a second read of it in the same turn, perhaps after a write,
 * goes to the store. A record read ahead is at most one turn's start older than a fresh read;
 * every write over it is guarded by its etag, so a change made meanwhile costs a retry, never a
 * lost update. Only one partition is read ahead, the one the turn's scope names.
 */
import type { Scope } from '../auth/scope';
import type { Partition, RecordKey, Store, StoredRecord } from './store';

function keyOf(key: RecordKey): string {
  return `${key.kind}\n${key.id}`;
}

/** What one turn read ahead in its own partition. */
export class ReadAhead {
  private readonly records = new Map<string, StoredRecord<unknown> | undefined>();

  constructor(private readonly scope: Scope) {}

  /** Remembers what was found at `key` (undefined: nothing is stored there). */
  remember(key: RecordKey, record: StoredRecord<unknown> | undefined): void {
    this.records.set(keyOf(key), record);
  }

  /**
   * The records at `keys`, in their order, when every one of them was read ahead in `partition`
   * and none was handed out yet; they are then handed out. Otherwise undefined, and nothing is.
   */
  take(
    partition: Partition,
    keys: readonly RecordKey[],
  ): Array<StoredRecord<unknown> | undefined> | undefined {
    const sameUser = 'userId' in partition && partition.userId === this.scope.userId;
    if (!sameUser || partition.tenantId !== this.scope.tenantId) return undefined;
    const wanted = keys.map(keyOf);
    if (!wanted.every((key) => this.records.has(key))) return undefined;
    const found = wanted.map((key) => this.records.get(key));
    for (const key of wanted) this.records.delete(key);
    return found;
  }
}

/** Reads `keys` from what was read ahead when it holds them all, else in one round trip. */
export function getManyReadAhead(
  store: Store,
  partition: Partition,
  keys: readonly RecordKey[],
  ahead?: ReadAhead,
): Promise<Array<StoredRecord<unknown> | undefined>> {
  const known = ahead?.take(partition, keys);
  return known ? Promise.resolve(known) : store.getMany(partition, keys);
}
