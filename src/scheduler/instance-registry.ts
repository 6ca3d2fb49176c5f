/**
 * Which sender instances are alive, so that each claims only its fair share of the shards.
 *
 * @remarks
 * Each instance writes a heartbeat record (in Spotter's own partition) at the start of every
 * pass, valid for one lease time. Counting the heartbeats that have not lapsed tells an instance
 * how many share the work; it then claims `ceil(shards / instances)` shards, and the others are
 * left for the rest. This only spreads the load: correctness rests on the shard leases alone, so
 * a miscount (two instances starting in the same instant) merely makes one do more for a pass.
 */
import type { SystemScope } from '../auth/scope';
import { ConflictError } from '../store/errors';
import type { Store } from '../store/store';

/** Record kind of a heartbeat. */
export const HEARTBEAT_KIND = 'sender-heartbeat';

/** How long after lapsing a heartbeat record is cleared away. */
const CLEAR_AFTER_MS = 86_400_000;

interface Heartbeat {
  /** When the instance stops counting as alive (ISO 8601). */
  readonly expiresAt: string;
}

/** Heartbeats of the sender instances. */
export class InstanceRegistry {
  constructor(
    private readonly store: Store,
    private readonly partition: SystemScope,
    private readonly ttlMs: number,
  ) {}

  /** Records that `instanceId` is alive at `now`; answers how many instances are (itself too). */
  async beat(instanceId: string, now: Date): Promise<number> {
    const expiresAt = new Date(now.getTime() + this.ttlMs).toISOString();
    await this.store.put<Heartbeat>(this.partition, HEARTBEAT_KIND, instanceId, { expiresAt });
    let alive = 0;
    let cursor: string | undefined;
    do {
      const page = await this.store.list<Heartbeat>(this.partition, HEARTBEAT_KIND, {
        limit: 100,
        ...(cursor === undefined ? {} : { cursor }),
      });
      for (const record of page.items) {
        const lapsed = now.getTime() - Date.parse(record.data.expiresAt);
        if (lapsed < 0 || record.id === instanceId) alive += 1;
        else if (lapsed > CLEAR_AFTER_MS) await this.clear(record.id, record.etag);
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined);
    return Math.max(1, alive);
  }

  private async clear(id: string, etag: string): Promise<void> {
    try {
      await this.store.delete(this.partition, HEARTBEAT_KIND, id, { ifMatch: etag });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }
}
