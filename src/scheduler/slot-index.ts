/**
 * The reminder index: who is due when, found by time slot instead of by scanning tenants.
 *
 * @remarks
 * Every planned reminder has one entry in a partition of Spotter's own (a {@link SystemScope})
 * named after its 15-minute time slot and its tenant's shard. A sender lists the partitions of
 * the slots that have come due, so finding due people never reads a tenant's records, and a
 * tenant's entries always sit in the same shard, which one sender at a time works on (see
 * `reminder-runner.ts`). An entry holds a tenant id, a user id and an instant — never anyone's
 * content. This is the one module that mints system scopes, and the one that turns an entry back
 * into a user's scope.
 */
import { createHash } from 'node:crypto';
import { scopeFromIndexEntry, systemScope, type Scope, type SystemScope } from '../auth/scope';
import { ConflictError } from '../store/errors';
import type { Page, Store, StoredRecord } from '../store/store';

/** Length of a time slot. */
export const SLOT_MINUTES = 15;

/** Length of a time slot in milliseconds. */
export const SLOT_MS = SLOT_MINUTES * 60_000;

/**
 * How many shards tenants are spread over.
 *
 * @remarks
 * A constant, not a setting: changing it moves tenants to other partitions, and entries already
 * written under the old count would no longer be found.
 */
export const SHARD_COUNT = 8;

/** Record kind of an index entry. */
export const DUE_ENTRY_KIND = 'reminder-due';

/** One planned reminder in the index. */
export interface DueEntry {
  /** The person's tenant, as the server wrote it from an authenticated scope. */
  readonly tenantId: string;
  /** The person. */
  readonly userId: string;
  /** When the reminder is due (ISO 8601, UTC). */
  readonly dueAt: string;
}

function mustMint(partition: string): SystemScope {
  const scope = systemScope(partition);
  if (!scope) throw new Error(`malformed system partition ${partition}`);
  return scope;
}

/** The partition of the shards' leases and progress (see `shard-lease.ts`). */
export const LEASE_PARTITION: SystemScope = mustMint('reminder-shards');

/** The start of the time slot an instant falls in. */
export function slotStartOf(instant: Date): Date {
  return new Date(Math.floor(instant.getTime() / SLOT_MS) * SLOT_MS);
}

/** The shard a tenant's entries live in: a stable hash of the tenant id. */
export function shardOf(tenantId: string): number {
  return createHash('sha256').update(tenantId).digest().readUInt32BE(0) % SHARD_COUNT;
}

/** The partition of one slot and shard, e.g. `reminder-slot-202611271500-s3`. */
function slotPartition(slotStart: Date, shard: number): SystemScope {
  const stamp = slotStart.toISOString().slice(0, 16).replace(/[-:T]/g, '');
  return mustMint(`reminder-slot-${stamp}-s${shard}`);
}

/** An entry's id in its partition: opaque, fixed per person, safe in any store. */
function entryIdOf(tenantId: string, userId: string): string {
  return createHash('sha256')
    .update(JSON.stringify([tenantId, userId]))
    .digest('base64url');
}

/** The scope of the person an entry names, or undefined when the entry is malformed. */
export function scopeOfEntry(entry: DueEntry): Scope | undefined {
  return scopeFromIndexEntry(entry);
}

/** Reads and writes the reminder index. */
export class SlotIndex {
  constructor(private readonly store: Store) {}

  /** Adds (or moves within its slot) a person's entry. */
  async add(entry: DueEntry): Promise<void> {
    const { partition, id } = this.keyOf(entry);
    await this.store.put<DueEntry>(
      partition,
      DUE_ENTRY_KIND,
      id,
      { tenantId: entry.tenantId, userId: entry.userId, dueAt: entry.dueAt },
      { sortKey: entry.dueAt },
    );
  }

  /**
   * Removes a person's entry for exactly this instant.
   *
   * @remarks
   * An entry of the same slot for another instant is left alone: a later plan wrote it.
   */
  async remove(entry: DueEntry): Promise<void> {
    const { partition, id } = this.keyOf(entry);
    const stored = await this.store.get<DueEntry>(partition, DUE_ENTRY_KIND, id);
    if (stored?.data.dueAt !== entry.dueAt) return;
    await this.removeRecord(stored);
  }

  /** Removes an entry as it was listed; a concurrent rewrite of it wins and stays. */
  async removeRecord(record: StoredRecord<DueEntry>): Promise<void> {
    const partition = mustMint(record.userId);
    try {
      await this.store.delete(partition, DUE_ENTRY_KIND, record.id, { ifMatch: record.etag });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  /** One page of the entries of a slot and shard. */
  page(slotStart: Date, shard: number, cursor?: string): Promise<Page<StoredRecord<DueEntry>>> {
    return this.store.list<DueEntry>(slotPartition(slotStart, shard), DUE_ENTRY_KIND, {
      limit: 100,
      ...(cursor === undefined ? {} : { cursor }),
    });
  }

  /** True when two instants fall in the same slot (their entries share one record). */
  static sameSlot(a: string, b: string): boolean {
    return slotStartOf(new Date(a)).getTime() === slotStartOf(new Date(b)).getTime();
  }

  private keyOf(entry: DueEntry): { partition: SystemScope; id: string } {
    return {
      partition: slotPartition(slotStartOf(new Date(entry.dueAt)), shardOf(entry.tenantId)),
      id: entryIdOf(entry.tenantId, entry.userId),
    };
  }
}
