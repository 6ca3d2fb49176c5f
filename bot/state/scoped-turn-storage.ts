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
import type { ReadAhead } from '../../src/store/read-ahead';
import {
  GET_MANY_LIMIT,
  TURN_STATE_KIND,
  type RecordKey,
  type Store,
  type StoredRecord,
} from '../../src/store/store';

/** Records of the same partition to read along with the turn state, and where to keep them. */
export interface ReadAlong {
  /** The keys. */
  readonly keys: readonly RecordKey[];
  /** Where what was found is kept for the turn's handler. */
  readonly into: ReadAhead;
}

/** botbuilder `Storage` over the Spotter store, bound to one scope. */
export class ScopedTurnStorage implements Storage {
  /**
   * @param options.along Records of the same partition to read with the turn state.
   * @param options.readState False for a turn that does without its state: its keys read as
   *   missing (costing nothing), and only the records along are read.
   */
  constructor(
    private readonly store: Store,
    private readonly scope: Scope,
    private readonly options: { readonly along?: ReadAlong; readonly readState?: boolean } = {},
  ) {}

  /**
   * Reads the given keys, and the records read along, in one round trip (they all share the
   * partition); missing keys are left out of the result.
   */
  async read(keys: string[]): Promise<StoreItems> {
    const stateKeys = this.options.readState === false ? [] : keys;
    const along = this.options.along;
    const wanted: RecordKey[] = [
      ...stateKeys.map((id) => ({ kind: TURN_STATE_KIND, id })),
      ...(along?.keys ?? []),
    ];
    const found: Array<StoredRecord<unknown> | undefined> = [];
    for (let start = 0; start < wanted.length; start += GET_MANY_LIMIT) {
      found.push(
        ...(await this.store.getMany(this.scope, wanted.slice(start, start + GET_MANY_LIMIT))),
      );
    }
    const items: StoreItems = {};
    stateKeys.forEach((key, index) => {
      const record = found[index];
      if (record) items[key] = { ...(record.data as Record<string, unknown>), eTag: record.etag };
    });
    along?.keys.forEach((key, index) => along.into.remember(key, found[stateKeys.length + index]));
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
