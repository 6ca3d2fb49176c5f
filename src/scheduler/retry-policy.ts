/**
 * What to do when a delivery fails: wait as long as Teams asks after a 429, back off with jitter
 * after a 5xx or a dropped connection, stop reminding someone whose chat is gone, and give up on
 * a message the channel will never accept.
 *
 * @remarks
 * Teams asks bots to retry 429, 412, 502 and 504 with exponential backoff and jitter, honouring
 * `Retry-After`. A 5xx can, rarely, come back for a message that was in fact posted; following
 * that guidance means such a reminder may arrive twice — the one duplicate Spotter accepts.
 */
import { DeliveryError } from './reminder-delivery';

/** How a failed delivery is handled. */
export type DeliveryFailure =
  | {
      /** Throttled: wait, then retry. */
      readonly kind: 'throttled';
      /** How long to wait. */
      readonly retryAfterMs: number;
    }
  | {
      /** Busy or unreachable: back off, then retry. */
      readonly kind: 'transient';
    }
  | {
      /** The chat is gone or the person blocked Spotter: stop their reminders. */
      readonly kind: 'gone';
    }
  | {
      /** The message itself was refused: retrying cannot help. */
      readonly kind: 'rejected';
    };

/** Retry settings. */
export interface RetryPolicy {
  /** Attempts per delivery, the first included. */
  readonly maxAttempts: number;
  /** First backoff ceiling in milliseconds; it doubles per attempt. */
  readonly baseDelayMs: number;
  /** Largest backoff ceiling in milliseconds. */
  readonly maxDelayMs: number;
  /** Wait after a 429 that names no `Retry-After`. */
  readonly defaultRetryAfterMs: number;
}

/** Production retry settings. */
export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  maxAttempts: 5,
  baseDelayMs: 1_000,
  maxDelayMs: 30_000,
  defaultRetryAfterMs: 1_000,
};

const RETRY_STATUSES = new Set([408, 412, 500, 502, 503, 504]);
const GONE_STATUSES = new Set([403, 404]);

/** Sorts a delivery failure into what to do about it. */
export function classifyFailure(error: unknown, policy: RetryPolicy): DeliveryFailure {
  const status = error instanceof DeliveryError ? error.status : undefined;
  if (status === 429) {
    const wait = error instanceof DeliveryError ? error.retryAfterMs : undefined;
    return { kind: 'throttled', retryAfterMs: wait ?? policy.defaultRetryAfterMs };
  }
  // No answer at all, a server error, or our own credentials failing (401): may pass.
  if (status === undefined || status === 401 || RETRY_STATUSES.has(status) || status >= 500) {
    return { kind: 'transient' };
  }
  return GONE_STATUSES.has(status) ? { kind: 'gone' } : { kind: 'rejected' };
}

/**
 * The wait before attempt `attempt + 1` after a transient failure: "full jitter", a random
 * share of an exponentially growing ceiling, so instances that failed together do not retry
 * together.
 */
export function backoffMs(
  attempt: number,
  policy: RetryPolicy,
  random: () => number = Math.random,
): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempt - 1));
  return Math.floor(random() * ceiling);
}

/**
 * A `Retry-After` header in milliseconds: delta-seconds (fractions accepted) or an HTTP date;
 * undefined when absent or unreadable. Capped at an hour.
 */
export function parseRetryAfter(
  value: string | undefined | null,
  nowMs: number,
): number | undefined {
  if (value === undefined || value === null || value.trim() === '') return undefined;
  const trimmed = value.trim();
  const seconds = /^\d+(\.\d+)?$/.test(trimmed) ? Number(trimmed) * 1000 : undefined;
  const date = seconds === undefined && /[A-Za-z]/.test(trimmed) ? Date.parse(trimmed) : undefined;
  const ms = seconds ?? (date !== undefined && Number.isFinite(date) ? date - nowMs : undefined);
  if (ms === undefined) return undefined;
  return Math.min(3_600_000, Math.max(0, Math.ceil(ms)));
}
