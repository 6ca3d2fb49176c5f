/**
 * A token bucket that paces sends to one tenant under Teams' limit of requests per second.
 *
 * @remarks
 * Senders queue for tokens, and the bucket hands them out one at a time, `1 / rate` apart. Two
 * rules keep it both full and safe on a busy host:
 * - While senders queue, the next token is timed from the previous one's schedule, so timers
 *   that fire late, or a stall (garbage collection, a host busy with other work), are made up
 *   for, by at most {@link CATCH_UP_MS} of tokens, and never with two tokens closer than half
 *   the pace's interval; a longer stall only delays what follows. No credit builds up while the
 *   bucket idles, pauses or waits for the cap below. Catching up cannot overrun Teams: the cap
 *   below holds whatever the pace does.
 * - No second holds more than a cap of sends, counted the way Teams cannot see more: a send
 *   counts from its token until a second after its answer came back (its request reached Teams
 *   at some moment in between), and a send still waiting for its answer counts all along. So a
 *   stall between a token and its request, which delays the request into a later second, cannot
 *   put more than the cap into any second Teams counts.
 * With the pace a little under the cap, and the cap a little under Teams' limit (48.5 and 49 of
 * 50), the rate holds over the long run and a 429 is left to other traffic of the tenant (people
 * chatting with Spotter at the same moment). A `Retry-After` pauses the bucket.
 */

/**
 * How much lateness the bucket makes up for after timers fired late or the host stalled: on a
 * shared host stalls of tens of milliseconds come every few seconds, and each one not made up
 * for is throughput lost for good.
 */
export const CATCH_UP_MS = 1000;

/** The window of the cap. */
const WINDOW_MS = 1000;

/** A send whose answer never came counts as answered this long after its token. */
const UNANSWERED_MS = 60_000;

/** Options of {@link TokenBucket}. */
export interface TokenBucketOptions {
  /** Tokens per second, the pace. */
  readonly ratePerSecond: number;
  /** The most sends in any second. @default the rate, rounded down */
  readonly maxPerSecond?: number;
  /** Monotonic milliseconds. @default performance.now */
  readonly clock?: () => number;
}

/** Tell the bucket that the send of a token has its answer (or will not be made). */
export type SendDone = () => void;

interface Waiter {
  readonly grant: (done: SendDone) => void;
}

/** A token handed out: when, and when its send was answered. */
interface Grant {
  readonly at: number;
  answeredAt?: number;
}

/** Paces one tenant's sends. */
export class TokenBucket {
  private readonly intervalMs: number;
  private readonly perWindow: number;
  private readonly clock: () => number;
  private readonly waiters: Waiter[] = [];
  /** Tokens that still count towards the cap, oldest first. */
  private grants: Grant[] = [];
  private nextFree = Number.NEGATIVE_INFINITY;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  /** True while senders have queued without a break since the last token. */
  private backlog = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond >= 1)) throw new RangeError('ratePerSecond must be at least 1');
    this.intervalMs = 1000 / options.ratePerSecond;
    this.perWindow = Math.max(1, Math.floor(options.maxPerSecond ?? options.ratePerSecond));
    this.clock = options.clock ?? (() => performance.now());
  }

  /**
   * Resolves when this caller may send, with the function to call once the send has its answer
   * (whatever it was); rejects when `signal` aborts first.
   */
  take(signal?: AbortSignal): Promise<SendDone> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        if (this.waiters.length === 0) this.stopTimer();
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: (done) => {
          signal?.removeEventListener('abort', onAbort);
          resolve(done);
        },
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.waiters.push(waiter);
      this.pump();
    });
  }

  /** Holds every token back for `ms` from now (a `Retry-After`). */
  pause(ms: number): void {
    this.pausedUntil = Math.max(this.pausedUntil, this.clock() + ms);
    this.stopTimer();
    this.pump();
  }

  /** How many callers wait for a token. */
  get waiting(): number {
    return this.waiters.length;
  }

  private pump(): void {
    if (this.timer) return;
    for (;;) {
      const waiter = this.waiters[0];
      if (!waiter) return;
      const now = this.clock();
      const capFree = this.capFree(now);
      const spaced = (this.grants.at(-1)?.at ?? Number.NEGATIVE_INFINITY) + this.intervalMs / 2;
      const due = Math.max(this.nextFree, this.pausedUntil, capFree, spaced);
      if (now < due) {
        // An answer arriving meanwhile may free the cap sooner: it pumps again.
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, due - now);
        return;
      }
      this.waiters.shift();
      const grant: Grant = { at: now };
      this.grants.push(grant);
      const onSchedule = this.backlog && this.nextFree >= Math.max(this.pausedUntil, capFree);
      const base = onSchedule ? Math.max(this.nextFree, now - CATCH_UP_MS) : now;
      this.nextFree = base + this.intervalMs;
      this.backlog = this.waiters.length > 0;
      waiter.grant(() => this.answered(grant));
    }
  }

  /** When one more send fits under the cap (now or earlier when it fits already). */
  private capFree(now: number): number {
    const until = (grant: Grant) => (grant.answeredAt ?? grant.at + UNANSWERED_MS) + WINDOW_MS;
    this.grants = this.grants.filter((grant) => until(grant) > now);
    if (this.grants.length < this.perWindow) return Number.NEGATIVE_INFINITY;
    const leaving = this.grants.map(until).sort((a, b) => a - b);
    return leaving[this.grants.length - this.perWindow] as number;
  }

  private answered(grant: Grant): void {
    if (grant.answeredAt !== undefined) return;
    grant.answeredAt = this.clock();
    if (this.waiters.length > 0) {
      this.stopTimer();
      this.pump();
    }
  }

  private stopTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
