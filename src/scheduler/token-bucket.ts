/**
 * A token bucket that paces sends to one tenant under Teams' limit of requests per second.
 *
 * @remarks
 * Senders queue for tokens, and the bucket hands them out one at a time, `1 / rate` apart. Two
 * rules keep it both full and safe on a busy host:
 * - While senders queue, the next token is timed from the previous one's schedule, so timers
 *   that fire late, or a short stall (garbage collection, a busy host), are made up for, by at
 *   most {@link CATCH_UP_MS} of tokens; a longer stall only delays what follows. No credit
 *   builds up while the bucket idles, pauses or waits for the cap below.
 * - No second ever holds more than `floor(rate)` tokens, counted on the moments they were
 *   actually handed out, however the catching up falls.
 * So a rate a little under Teams' limit (49 of 50) is kept over the long run, and the one spare
 * request a second absorbs the jitter between a token and its request reaching Teams. A
 * `Retry-After` pauses the bucket.
 */

/** How much lateness the bucket makes up for after timers fired late or the host stalled. */
export const CATCH_UP_MS = 40;

/** The window of the hard cap. */
const WINDOW_MS = 1000;

/** Options of {@link TokenBucket}. */
export interface TokenBucketOptions {
  /** Tokens per second; also the most tokens in any second (rounded down). */
  readonly ratePerSecond: number;
  /** Monotonic milliseconds. @default performance.now */
  readonly clock?: () => number;
}

interface Waiter {
  readonly grant: () => void;
}

/** Paces one tenant's sends. */
export class TokenBucket {
  private readonly intervalMs: number;
  private readonly perWindow: number;
  private readonly clock: () => number;
  private readonly waiters: Waiter[] = [];
  /** When the last tokens were handed out, oldest first (the last second's only). */
  private readonly granted: number[] = [];
  private nextFree = Number.NEGATIVE_INFINITY;
  private pausedUntil = Number.NEGATIVE_INFINITY;
  /** True while senders have queued without a break since the last token. */
  private backlog = false;
  private timer: NodeJS.Timeout | undefined;

  constructor(options: TokenBucketOptions) {
    if (!(options.ratePerSecond >= 1)) throw new RangeError('ratePerSecond must be at least 1');
    this.intervalMs = 1000 / options.ratePerSecond;
    this.perWindow = Math.floor(options.ratePerSecond);
    this.clock = options.clock ?? (() => performance.now());
  }

  /** Resolves when this caller may send; rejects when `signal` aborts first. */
  take(signal?: AbortSignal): Promise<void> {
    if (signal?.aborted) return Promise.reject(signal.reason);
    return new Promise((resolve, reject) => {
      const onAbort = () => {
        const index = this.waiters.indexOf(waiter);
        if (index >= 0) this.waiters.splice(index, 1);
        if (this.waiters.length === 0) this.stopTimer();
        reject(signal?.reason);
      };
      const waiter: Waiter = {
        grant: () => {
          signal?.removeEventListener('abort', onAbort);
          resolve();
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
      while (this.granted.length > 0 && (this.granted[0] as number) <= now - WINDOW_MS) {
        this.granted.shift();
      }
      const windowFull = this.granted.length >= this.perWindow;
      const windowFree = windowFull
        ? (this.granted[this.granted.length - this.perWindow] as number) + WINDOW_MS
        : Number.NEGATIVE_INFINITY;
      const due = Math.max(this.nextFree, this.pausedUntil, windowFree);
      if (now < due) {
        this.timer = setTimeout(() => {
          this.timer = undefined;
          this.pump();
        }, due - now);
        return;
      }
      this.waiters.shift();
      this.granted.push(now);
      const onSchedule = this.backlog && this.nextFree >= Math.max(this.pausedUntil, windowFree);
      this.nextFree =
        (onSchedule ? Math.max(this.nextFree, now - CATCH_UP_MS) : now) + this.intervalMs;
      this.backlog = this.waiters.length > 0;
      waiter.grant();
    }
  }

  private stopTimer(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
  }
}
