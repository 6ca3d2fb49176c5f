/**
 * The contract between the reminder sender loop and whatever posts a reminder into a chat.
 *
 * @remarks
 * The loop decides who is due, paces and retries; a delivery only posts one message and reports
 * how it went as a {@link DeliveryError}. The bot adapter implementation lives in
 * `reminder-sender.ts`; tests may supply their own.
 */
import type { PlannedReminder } from '../domain/reminder-schedule';

/** One reminder to post. */
export interface ReminderMessage {
  /** The tenant of the person (for logs and pacing). */
  readonly tenantId: string;
  /** The stored conversation reference of the person's 1:1 chat with Spotter. */
  readonly conversationReference: Readonly<Record<string, unknown>>;
  /** Idempotency key of this delivery, as written in the person's sending marker. */
  readonly key: string;
  /** The person's language (BCP 47). */
  readonly locale: string;
  /** The person's time zone, for times shown on the card. */
  readonly timeZone: string;
  /** What is being sent. */
  readonly reminder: PlannedReminder;
}

/** Posts reminders into chats. */
export interface ReminderDelivery {
  /** Posts one reminder; rejects with a {@link DeliveryError} when the channel refused it. */
  deliver(message: ReminderMessage): Promise<void>;
}

/** A delivery the channel refused or did not answer. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    /** HTTP status, when the channel answered. */
    readonly status?: number,
    /** The channel's `Retry-After`, in milliseconds. */
    readonly retryAfterMs?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}
