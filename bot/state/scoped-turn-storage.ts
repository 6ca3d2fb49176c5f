/**
 * Bot turn state kept in Spotter's store, inside one user's partition.
 *
 * @remarks
 * teams-ai reads and writes turn state through botbuilder's `Storage` interface, whose keys say
 * nothing trustworthy about tenants. This adapter is built per turn from the authenticated
 * activity's scope, so turn state can only land in the sender's own partition.
 */
import type { Storage, StoreItems } from 'botbuilder';
import type { Scope } from '../../src/auth/scope';
import { GET_MANY_LIMIT, TURN_STATE_KIND, type Store } from '../../src/store/store';

/** botbuilder `Storage` over the Spotter store, bound to one scope. */
export class ScopedTurnStorage implements Storage {
  constructor(
    private readonly store: Store,
    private readonly scope: Scope,
  ) {}

  /**
   * Reads the given keys in one round trip (conversation and user state share the partition);
   * missing keys are left out of the result.
   */
  async read(keys: string[]): Promise<StoreItems> {
    const items: StoreItems = {};
    for (let start = 0; start < keys.length; start += GET_MANY_LIMIT) {
      const batch = keys.slice(start, start + GET_MANY_LIMIT);
      const records = await this.store.getMany(
        this.scope,
        batch.map((id) => ({ kind: TURN_STATE_KIND, id })),
      );
      records.forEach((record, index) => {
        const key = batch[index];
        if (record && key !== undefined) {
          items[key] = { ...(record.data as Record<string, unknown>), eTag: record.etag };
        }
      });
    }
    return items;
  }

  /** Writes the given items; an item's `eTag` (other than `*`) guards its write. */
  async write(changes: StoreItems): Promise<void> {
    await Promise.all(
      Object.entries(changes).map(async ([key, item]) => {
        const { eTag, ...data } = (item ?? {}) as Record<string, unknown>;
        const ifMatch = typeof eTag === 'string' && eTag !== '*' ? eTag : undefined;
        await this.store.put(this.scope, TURN_STATE_KIND, key, data, ifMatch ? { ifMatch } : {});
      }),
    );
  }

  /** Deletes the given keys. */
  async delete(keys: string[]): Promise<void> {
    await Promise.all(keys.map((key) => this.store.delete(this.scope, TURN_STATE_KIND, key)));
  }
}
