/**
 * Leases: one holder at a time for a piece of shared work, taken over when the holder stops
 * renewing it.
 *
 * @remarks
 * A lease is a record in Spotter's own partition, written only with the etag its writer read
 * (`ifMatch`), so of two instances that try to claim or renew it at once exactly one succeeds.
 * It expires `ttlMs` after the last renewal; a crashed holder's lease is then free to claim. The
 * record also carries the work's progress, so a new holder resumes where the last one stopped.
 */
import type { SystemScope } from '../auth/scope';
import { ConflictError } from '../store/errors';
import type { Store } from '../store/store';

/** Record kind of a lease. */
export const LEASE_KIND = 'lease';

/** What a lease record holds. */
export interface LeaseState<T> {
  /** The instance holding it; null once released. */
  readonly owner: string | null;
  /** When it lapses unless renewed (ISO 8601). */
  readonly expiresAt: string;
  /** Progress of the work it guards. */
  readonly progress: T;
}

/** A lease this instance holds. */
export interface HeldLease<T> {
  /** The lease's id. */
  readonly id: string;
  /** The etag of the holder's last write: the proof of holding it. */
  readonly etag: string;
  /** The lease as last written. */
  readonly state: LeaseState<T>;
}

/** The lease was claimed by another instance meanwhile: stop the work it guarded. */
export class LeaseLostError extends Error {
  constructor(id: string) {
    super(`lease ${id} was taken over`);
    this.name = 'LeaseLostError';
  }
}

/** Options of {@link Leases}. */
export interface LeaseOptions {
  /** Where lease records live. */
  readonly partition: SystemScope;
  /** How long a lease lasts without renewal. */
  readonly ttlMs: number;
  /** The clock. */
  readonly now: () => Date;
}

/** Claims, renews, updates and releases leases of one partition. */
export class Leases<T> {
  constructor(
    private readonly store: Store,
    private readonly options: LeaseOptions,
  ) {}

  /** Claims a lease that is free, lapsed or already ours; undefined when another holds it. */
  async claim(id: string, owner: string, initial: T): Promise<HeldLease<T> | undefined> {
    const current = await this.store.get<LeaseState<T>>(this.options.partition, LEASE_KIND, id);
    const now = this.options.now();
    if (
      current?.data.owner &&
      current.data.owner !== owner &&
      Date.parse(current.data.expiresAt) > now.getTime()
    ) {
      return undefined;
    }
    const state = this.stateFor(owner, current?.data.progress ?? initial);
    try {
      const written = current
        ? await this.store.put(this.options.partition, LEASE_KIND, id, state, {
            ifMatch: current.etag,
          })
        : await this.store.create(this.options.partition, LEASE_KIND, id, state);
      return { id, etag: written.etag, state };
    } catch (error) {
      if (error instanceof ConflictError) return undefined;
      throw error;
    }
  }

  /** Extends a held lease, keeping its progress; a {@link LeaseLostError} if it was taken. */
  renew(held: HeldLease<T>): Promise<HeldLease<T>> {
    return this.write(held, this.stateFor(held.state.owner, held.state.progress));
  }

  /** Records progress (and extends the lease); a {@link LeaseLostError} if it was taken. */
  update(held: HeldLease<T>, progress: T): Promise<HeldLease<T>> {
    return this.write(held, this.stateFor(held.state.owner, progress));
  }

  /** Gives the lease up, keeping its progress; quietly does nothing if it was taken already. */
  async release(held: HeldLease<T>): Promise<void> {
    const state: LeaseState<T> = {
      owner: null,
      expiresAt: this.options.now().toISOString(),
      progress: held.state.progress,
    };
    try {
      await this.store.put(this.options.partition, LEASE_KIND, held.id, state, {
        ifMatch: held.etag,
      });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
    }
  }

  private stateFor(owner: string | null, progress: T): LeaseState<T> {
    return {
      owner,
      expiresAt: new Date(this.options.now().getTime() + this.options.ttlMs).toISOString(),
      progress,
    };
  }

  private async write(held: HeldLease<T>, state: LeaseState<T>): Promise<HeldLease<T>> {
    try {
      const written = await this.store.put(this.options.partition, LEASE_KIND, held.id, state, {
        ifMatch: held.etag,
      });
      return { id: held.id, etag: written.etag, state };
    } catch (error) {
      if (error instanceof ConflictError) throw new LeaseLostError(held.id);
      throw error;
    }
  }
}
