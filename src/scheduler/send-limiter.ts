/**
 * Paces every reminder send under Teams' limits: a token bucket per tenant (50 requests per
 * second per app and tenant) and the per-conversation windows.
 *
 * @remarks
 * One sender instance works on a tenant at a time (its shard's lease, see `reminder-runner.ts`),
 * so a bucket in memory paces the tenant's whole traffic. By default it paces 48.5 sends a second
 * and never hands out more than 49 in any second (97 and 98 % of the limit): the spare requests
 * absorb timer, host and network jitter, so that Teams never counts more than 50. A 429 pauses
 * the tenant's bucket for the `Retry-After` it named, so every send to that tenant waits, not just
 * the one that was refused.
 */
import {
  ConversationLimit,
  TEAMS_CONVERSATION_LIMITS,
  type WindowLimit,
} from './conversation-limit';
import { TokenBucket, type SendDone } from './token-bucket';

/** Teams' limit of requests per second per app and tenant. */
export const TEAMS_TENANT_LIMIT_PER_SECOND = 50;

/** Options of {@link SendLimiter}. */
export interface SendLimiterOptions {
  /** Pace of sends per tenant, per second. @default 48.5 (97 % of Teams' 50) */
  readonly tenantRatePerSecond?: number;
  /** Most sends per tenant in any second. @default 49 (98 % of Teams' 50) */
  readonly tenantMaxPerSecond?: number;
  /** Per-conversation windows. @default Teams' 7/1 s, 8/2 s, 60/30 s */
  readonly conversationLimits?: readonly WindowLimit[];
  /** Monotonic milliseconds. @default performance.now */
  readonly clock?: () => number;
  /** Waits. @default setTimeout */
  readonly sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
}

/** Sleeps `ms`, or rejects at once when `signal` aborts. */
export function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  if (signal?.aborted) return Promise.reject(signal.reason);
  if (ms <= 0) return Promise.resolve();
  return new Promise((resolve, reject) => {
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(() => {
      signal?.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** Paces sends per tenant and per conversation. */
export class SendLimiter {
  private readonly buckets = new Map<string, TokenBucket>();
  private readonly conversations: ConversationLimit;
  private readonly rate: number;
  private readonly max: number;
  private readonly clock: () => number;
  private readonly wait: (ms: number, signal?: AbortSignal) => Promise<void>;

  constructor(options: SendLimiterOptions = {}) {
    this.rate = options.tenantRatePerSecond ?? TEAMS_TENANT_LIMIT_PER_SECOND * 0.97;
    this.max = options.tenantMaxPerSecond ?? TEAMS_TENANT_LIMIT_PER_SECOND * 0.98;
    this.clock = options.clock ?? (() => performance.now());
    this.wait = options.sleep ?? sleep;
    this.conversations = new ConversationLimit(
      options.conversationLimits ?? TEAMS_CONVERSATION_LIMITS,
      this.clock,
    );
  }

  /**
   * Waits until one more send to this tenant and conversation keeps within every limit; answers
   * the function to call once that send has its answer (see {@link TokenBucket.take}).
   */
  async acquire(tenantId: string, conversationId: string, signal?: AbortSignal): Promise<SendDone> {
    await this.wait(this.conversations.reserve(conversationId), signal);
    return this.bucketOf(tenantId).take(signal);
  }

  /** Holds all of a tenant's sends back for `ms` (the `Retry-After` of a 429). */
  throttle(tenantId: string, ms: number): void {
    this.bucketOf(tenantId).pause(ms);
  }

  private bucketOf(tenantId: string): TokenBucket {
    let bucket = this.buckets.get(tenantId);
    if (!bucket) {
      bucket = new TokenBucket({
        ratePerSecond: this.rate,
        maxPerSecond: this.max,
        clock: this.clock,
      });
      this.buckets.set(tenantId, bucket);
    }
    return bucket;
  }
}
