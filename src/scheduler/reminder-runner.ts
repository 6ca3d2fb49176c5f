/**
 * The reminder sender loop: finds due people through the time-slot index and delivers their
 * reminders, on as many instances as run it.
 *
 * @remarks
 * Work is split by shard (a tenant always hashes to the same one). An instance claims its fair
 * share of the shards' leases (etag-guarded; renewed while it works; a crashed holder's lease
 * lapses after `leaseTtlMs` and is taken over; the share comes from the live instances' heartbeats,
 * see `instance-registry.ts`), walks each claimed shard's slots from where the last holder closed them up to now,
 * and hands each due entry to a {@link ReminderJob}, several people of a tenant at a time, paced
 * by the tenant's token bucket. Because a tenant sits in one shard and a shard has one holder, a
 * tenant's sends come from one instance at a time, so its bucket sees all of them. A slot is
 * closed (progress recorded in the lease) once its end is `closeGraceMs` past and no entry in it
 * is left to do; until then it is visited again on the next run.
 *
 * `runOnce(now)` is one pass over every shard it can claim (tests drive it with their clock);
 * `start(intervalMs)` runs passes in the background until `stop()`.
 */
import { randomUUID } from 'node:crypto';
import { setMaxListeners } from 'node:events';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/store';
import { InstanceRegistry } from './instance-registry';
import { LeaseLostError, Leases, type HeldLease } from './lease';
import type { ReminderDelivery } from './reminder-delivery';
import { ReminderJob, UNFINISHED_RESULTS, type JobResult } from './reminder-job';
import type { ReminderPlanner } from './reminder-planner';
import { DEFAULT_RETRY_POLICY, type RetryPolicy } from './retry-policy';
import { SendLimiter } from './send-limiter';
import { LEASE_PARTITION, SHARD_COUNT, SLOT_MS, slotStartOf } from './slot-index';

/** Progress of a shard, kept in its lease. */
interface ShardProgress {
  /** Start of the latest slot all of whose entries are done (ISO 8601). */
  readonly closedThrough?: string;
}

/** Options of {@link ReminderRunner}. */
export interface ReminderRunnerOptions {
  /** Where the index, leases and logs live. */
  readonly store: Store;
  /** Plans and records reminders. */
  readonly planner: ReminderPlanner;
  /** Posts the cards. */
  readonly delivery: ReminderDelivery;
  /** Logger (tenant ids only). */
  readonly logger: Logger;
  /** The clock for due times, weeks and leases. @default () => new Date() */
  readonly clock?: () => Date;
  /** This instance's name in leases and markers. @default a random UUID */
  readonly instanceId?: string;
  /** How long a shard lease lasts without renewal. @default 60 000 */
  readonly leaseTtlMs?: number;
  /** Pacing. @default Teams' limits */
  readonly limiter?: SendLimiter;
  /** Retries. @default {@link DEFAULT_RETRY_POLICY} */
  readonly retry?: RetryPolicy;
  /** People of one tenant worked on at once. @default 16 */
  readonly tenantConcurrency?: number;
  /** Entries read ahead of the senders, across tenants. @default 1000 */
  readonly readAhead?: number;
  /** How far back a shard that never ran starts. @default 8 days */
  readonly firstRunLookbackMs?: number;
  /** How long after its end a slot may still receive entries. @default 2 minutes */
  readonly closeGraceMs?: number;
  /** Random numbers in [0, 1) for jitter and shard order. @default Math.random */
  readonly random?: () => number;
}

/** What one pass did. */
export type RunSummary = Record<JobResult, number> & {
  /** Shards this instance worked on. */
  shards: number;
};

function emptySummary(): RunSummary {
  return {
    shards: 0,
    sent: 0,
    uncertain: 0,
    held: 0,
    stale: 0,
    'not-yet': 0,
    'retry-later': 0,
    gone: 0,
    rejected: 0,
    aborted: 0,
    malformed: 0,
  };
}

/** A limit on tasks running at once. */
class Lane {
  private active = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.active >= this.limit) await new Promise<void>((wake) => this.waiting.push(wake));
    this.active += 1;
    try {
      return await task();
    } finally {
      this.active -= 1;
      this.waiting.shift()?.();
    }
  }
}

/** Runs reminder delivery passes. */
export class ReminderRunner {
  /** This instance's name in leases and markers. */
  readonly instanceId: string;
  private readonly clock: () => Date;
  private readonly leases: Leases<ShardProgress>;
  private readonly registry: InstanceRegistry;
  private readonly job: ReminderJob;
  private readonly inFlight = new Set<string>();
  private readonly stopping = new AbortController();
  private timer: NodeJS.Timeout | undefined;
  private current: Promise<unknown> = Promise.resolve();

  constructor(private readonly options: ReminderRunnerOptions) {
    this.instanceId = options.instanceId ?? randomUUID();
    this.clock = options.clock ?? (() => new Date());
    this.leases = new Leases<ShardProgress>(options.store, {
      partition: LEASE_PARTITION,
      ttlMs: this.leaseTtlMs,
      now: this.clock,
    });
    this.registry = new InstanceRegistry(options.store, LEASE_PARTITION, this.leaseTtlMs);
    this.job = new ReminderJob({
      planner: options.planner,
      delivery: options.delivery,
      limiter: options.limiter ?? new SendLimiter(),
      retry: options.retry ?? DEFAULT_RETRY_POLICY,
      owner: this.instanceId,
      now: this.clock,
      logger: options.logger,
      random: options.random ?? Math.random,
    });
  }

  private get leaseTtlMs(): number {
    return this.options.leaseTtlMs ?? 60_000;
  }

  /** One pass at `now`: every shard this instance can claim, every due entry in it. */
  runOnce(now: Date = this.clock()): Promise<RunSummary> {
    const run = this.pass(now);
    this.current = run.catch(() => undefined);
    return run;
  }

  /** Runs a pass every `intervalMs` (the next one starts when the last has finished). */
  start(intervalMs: number): void {
    if (this.timer || this.stopping.signal.aborted) return;
    const tick = async () => {
      try {
        const summary = await this.runOnce();
        if (summary.shards > 0) this.options.logger.debug({ summary }, 'reminder pass done');
      } catch (error) {
        this.options.logger.error(
          { err: error instanceof Error ? { name: error.name, message: error.message } : error },
          'reminder pass failed',
        );
      }
      if (!this.stopping.signal.aborted) this.timer = setTimeout(tick, intervalMs).unref();
    };
    this.timer = setTimeout(tick, 0).unref();
  }

  /** Stops the background passes and lets the current one wind down (leases released). */
  async stop(): Promise<void> {
    this.stopping.abort(new Error('reminder runner stopped'));
    clearTimeout(this.timer);
    await this.current;
  }

  private async pass(now: Date): Promise<RunSummary> {
    const summary = emptySummary();
    if (this.stopping.signal.aborted) return summary;
    const instances = await this.registry.beat(this.instanceId, this.clock());
    const share = Math.ceil(SHARD_COUNT / instances);
    const random = this.options.random ?? Math.random;
    // Instances start at different shards, so that running together they spread out.
    const offset = Math.floor(random() * SHARD_COUNT);
    const claimed: Array<{ shard: number; lease: HeldLease<ShardProgress> }> = [];
    for (let i = 0; i < SHARD_COUNT && claimed.length < share; i += 1) {
      const shard = (i + offset) % SHARD_COUNT;
      const lease = await this.leases.claim(`shard-${shard}`, this.instanceId, {});
      if (lease) claimed.push({ shard, lease });
    }
    summary.shards = claimed.length;
    await Promise.all(claimed.map(({ shard, lease }) => this.runShard(shard, lease, now, summary)));
    return summary;
  }

  private async runShard(
    shard: number,
    lease: HeldLease<ShardProgress>,
    now: Date,
    summary: RunSummary,
  ): Promise<void> {
    let held: HeldLease<ShardProgress> | undefined = lease;
    const lost = new AbortController();
    const signal = AbortSignal.any([this.stopping.signal, lost.signal]);
    // Every send waiting for a token listens to it: many at once is expected.
    setMaxListeners(0, signal);
    // Lease writes (renewals, progress) go one after another, each with the last etag.
    let writes: Promise<unknown> = Promise.resolve();
    const writeLease = (
      write: (current: HeldLease<ShardProgress>) => Promise<HeldLease<ShardProgress>>,
    ) => {
      const next = writes.then(async () => {
        if (lost.signal.aborted || !held) return;
        try {
          held = await write(held);
        } catch (error) {
          lost.abort(error);
          if (!(error instanceof LeaseLostError)) throw error;
        }
      });
      writes = next.catch(() => undefined);
      return next;
    };
    const renewal = setInterval(
      () => void writeLease((current) => this.leases.renew(current)).catch(() => undefined),
      Math.max(1, Math.floor(this.leaseTtlMs / 3)),
    ).unref();
    try {
      await this.walkSlots(shard, now, held.state.progress, signal, summary, (progress) =>
        writeLease((current) => this.leases.update(current, progress)),
      );
    } finally {
      clearInterval(renewal);
      await writes;
      if (!lost.signal.aborted && held) await this.leases.release(held);
      if (lost.signal.aborted) {
        this.options.logger.warn(
          { shard },
          'reminder shard lease lost; another instance took over',
        );
      }
    }
  }

  private async walkSlots(
    shard: number,
    now: Date,
    progress: ShardProgress,
    signal: AbortSignal,
    summary: RunSummary,
    saveProgress: (progress: ShardProgress) => Promise<void>,
  ): Promise<void> {
    const lookback = this.options.firstRunLookbackMs ?? 8 * 86_400_000;
    const grace = this.options.closeGraceMs ?? 120_000;
    const first = progress.closedThrough
      ? Date.parse(progress.closedThrough) + SLOT_MS
      : slotStartOf(new Date(now.getTime() - lookback)).getTime();
    const last = slotStartOf(now).getTime();
    // Progress is written once a run of closed slots ends, not per slot: a first pass walks
    // days of empty slots, and a write for each would compete with the sends of other shards.
    // A holder that dies first only costs its successor a second look at empty slots.
    let closedThrough: number | undefined;
    const save = async () => {
      if (closedThrough === undefined) return;
      await saveProgress({ closedThrough: new Date(closedThrough).toISOString() });
      closedThrough = undefined;
    };
    let closing = true;
    for (let slot = first; slot <= last && !signal.aborted; slot += SLOT_MS) {
      const open = await this.runSlot(new Date(slot), shard, now, signal, summary);
      closing = closing && !open && !signal.aborted && slot + SLOT_MS + grace <= now.getTime();
      if (closing) closedThrough = slot;
      else await save();
    }
    await save();
  }

  /** Works through one slot; true when entries are left in it for a later pass. */
  private async runSlot(
    slot: Date,
    shard: number,
    now: Date,
    signal: AbortSignal,
    summary: RunSummary,
  ): Promise<boolean> {
    const index = this.options.planner.index;
    const lanes = new Map<string, Lane>();
    const pending = new Set<Promise<void>>();
    const readAhead = this.options.readAhead ?? 1000;
    // Woken whenever a task ends. Not `Promise.race(pending)`: that hangs a reaction on every
    // pending task each time one ends, millions of them in a slot of thousands of people.
    let taskEnded: (() => void) | undefined;
    let open = false;
    let cursor: string | undefined;
    do {
      const page = await index.page(slot, shard, cursor);
      for (const record of page.items) {
        const key = `${record.data.tenantId}/${record.data.userId}`;
        if (
          signal.aborted ||
          Date.parse(record.data.dueAt) > now.getTime() ||
          this.inFlight.has(key)
        ) {
          open = true;
          continue;
        }
        while (pending.size >= readAhead) {
          await new Promise<void>((wake) => (taskEnded = wake));
        }
        let lane = lanes.get(record.data.tenantId);
        if (!lane) {
          lane = new Lane(this.options.tenantConcurrency ?? 16);
          lanes.set(record.data.tenantId, lane);
        }
        this.inFlight.add(key);
        const task = lane
          .run(() =>
            signal.aborted
              ? Promise.resolve<JobResult>('aborted')
              : this.job.run(record, now, signal),
          )
          .catch((error: unknown) => {
            this.options.logger.error(
              {
                tenantId: record.data.tenantId,
                err: error instanceof Error ? { name: error.name, message: error.message } : error,
              },
              'reminder job failed',
            );
            return 'retry-later' as const;
          })
          .then((result) => {
            summary[result] += 1;
            if (UNFINISHED_RESULTS.has(result)) open = true;
          })
          .finally(() => {
            this.inFlight.delete(key);
            pending.delete(task);
            taskEnded?.();
          });
        pending.add(task);
      }
      cursor = page.nextCursor;
    } while (cursor !== undefined && !signal.aborted);
    await Promise.all(pending);
    return open || signal.aborted;
  }
}
