/**
 * Delivers one person's due reminder: decide, pace, mark, send, record.
 *
 * @remarks
 * The order is what makes a crash safe:
 * 1. Read the person's records and decide (`reminderVerdict`): paused, reflected, skipped,
 *    already sent, rescheduled or too late means no send, only a re-plan.
 * 2. Wait for the tenant's token bucket and the conversation's limits.
 * 3. Write a "sending" marker with an idempotency key into the person's reminder log, guarded
 *    by the etag read in step 1. Of two senders that reach the same person, only one gets its
 *    marker in, and only the marker's own sender may record the outcome under that key. The
 *    token counts against the tenant's cap from now until its answer (see `token-bucket.ts`),
 *    so however long the write takes, the request cannot crowd a second Teams counts.
 * 4. Post the card, retrying 429 after `Retry-After` (pausing the tenant) and 5xx after a backoff
 *    with jitter (each retry waits for a token again).
 * 5. Record the outcome in the log: "sent for week W" clears the marker and plans the next one.
 *
 * What this guarantees: a person is never sent a reminder for a week twice by Spotter — a send
 * happens only after its marker is written, and a marker, once written, ends either in "sent"
 * or, when a sender died or lost its shard between steps 3 and 5, in "sent (uncertain)", never
 * in a second send. What it cannot guarantee: if the sender dies after writing the marker but
 * before its request reached Teams (in the moment between the two, while backing off before a
 * retry, or with a failed request not yet recorded), that reminder is lost: the marker cannot
 * tell a request that never left from one that arrived, and one missed nudge is kinder than two.
 * Waiting for a token happens before the marker, so a crash while people queue loses nothing.
 * And a 5xx that Teams returns for a message it did post is retried, as Microsoft asks, which
 * can duplicate that message.
 */
import { randomUUID } from 'node:crypto';
import type { Scope } from '../auth/scope';
import type { UserProfile } from '../domain/profile';
import {
  reminderVerdict,
  withSending,
  withSent,
  withoutSending,
  type PlannedReminder,
  type ReminderFacts,
  type ReminderLog,
} from '../domain/reminder-schedule';
import type { Logger } from '../logging/logger';
import { ConflictError } from '../store/errors';
import type { StoredRecord } from '../store/store';
import type { ReminderDelivery } from './reminder-delivery';
import type { LoadedReminder, ReminderPlanner } from './reminder-planner';
import { backoffMs, classifyFailure, type RetryPolicy } from './retry-policy';
import { sleep, type SendLimiter } from './send-limiter';
import type { SendDone } from './token-bucket';
import { scopeOfEntry, SlotIndex, type DueEntry } from './slot-index';

/** What became of one index entry. */
export type JobResult =
  | 'sent'
  | 'uncertain'
  | 'held'
  | 'stale'
  | 'not-yet'
  | 'retry-later'
  | 'gone'
  | 'rejected'
  | 'aborted'
  | 'malformed';

/** Results after which the entry is still to be worked on. */
export const UNFINISHED_RESULTS: ReadonlySet<JobResult> = new Set([
  'not-yet',
  'retry-later',
  'aborted',
]);

/** What a job needs. */
export interface ReminderJobContext {
  /** Reads and writes reminder logs and the index. */
  readonly planner: ReminderPlanner;
  /** Posts the card. */
  readonly delivery: ReminderDelivery;
  /** Paces sends. */
  readonly limiter: SendLimiter;
  /** Retry settings. */
  readonly retry: RetryPolicy;
  /** This sender instance (written into markers). */
  readonly owner: string;
  /** The clock. */
  readonly now: () => Date;
  /** Logger (tenant ids only). */
  readonly logger: Logger;
  /** Random numbers in [0, 1) for jitter. */
  readonly random: () => number;
}

type SendOutcome = 'delivered' | 'exhausted' | 'gone' | 'rejected' | 'aborted';

/** How often a job re-reads after another writer changed the person's log meanwhile. */
const CLAIM_ATTEMPTS = 5;

function conversationIdOf(reference: Readonly<Record<string, unknown>>): string {
  const conversation = reference['conversation'] as { id?: unknown } | undefined;
  return typeof conversation?.id === 'string' ? conversation.id : '';
}

/** The log once a send's outcome is known; unchanged if another sender resolved the marker. */
function afterSend(
  log: ReminderLog,
  key: string,
  reminder: PlannedReminder,
  outcome: SendOutcome,
  now: Date,
): ReminderLog {
  if (log.sending?.key !== key) return log;
  switch (outcome) {
    case 'delivered':
    case 'rejected':
      return withSent(log, reminder, now);
    case 'gone':
      return { ...withoutSending(log), stopped: 'unreachable' };
    case 'exhausted':
    case 'aborted':
      return withoutSending(log);
  }
}

const RESULT_OF: Record<SendOutcome, JobResult> = {
  delivered: 'sent',
  rejected: 'rejected',
  gone: 'gone',
  exhausted: 'retry-later',
  aborted: 'aborted',
};

/** Works on one entry of the index. */
export class ReminderJob {
  constructor(private readonly context: ReminderJobContext) {}

  /** Delivers the reminder an entry points at, if it is due and still owed at `now`. */
  async run(record: StoredRecord<DueEntry>, now: Date, signal: AbortSignal): Promise<JobResult> {
    const { planner } = this.context;
    const scope = scopeOfEntry(record.data);
    if (!scope) {
      await planner.index.removeRecord(record);
      this.context.logger.warn('malformed reminder index entry removed');
      return 'malformed';
    }
    for (let attempt = 1; attempt <= CLAIM_ATTEMPTS; attempt += 1) {
      const loaded = await planner.read(scope);
      const target = loaded.facts.log.next;
      if (!target || !SlotIndex.sameSlot(target.at, record.data.dueAt)) {
        return this.dropStale(scope, record);
      }
      if (Date.parse(target.at) > now.getTime()) return 'not-yet';
      try {
        const marker = loaded.facts.log.sending;
        if (marker) return await this.resolveAbandoned(scope, record, loaded, marker.reminder, now);
        const profile = loaded.profile;
        if (reminderVerdict(loaded.facts, target, now) !== 'send' || !profile) {
          await planner.commit(scope, loaded, loaded.facts.log, { listed: record });
          return 'held';
        }
        return await this.send(scope, record, loaded, profile, target, signal);
      } catch (error) {
        if (!(error instanceof ConflictError)) throw error;
      }
    }
    return 'retry-later';
  }

  /**
   * An entry the log no longer points at is removed; then the log is read once more, in case a
   * planner wrote this entry just before the log that needs it.
   */
  private async dropStale(scope: Scope, record: StoredRecord<DueEntry>): Promise<JobResult> {
    const { planner } = this.context;
    await planner.index.removeRecord(record);
    const again = (await planner.read(scope)).facts.log.next;
    if (again && SlotIndex.sameSlot(again.at, record.data.dueAt)) {
      await planner.index.add({ tenantId: scope.tenantId, userId: scope.userId, dueAt: again.at });
    }
    return 'stale';
  }

  /**
   * A marker found by the only sender working on this tenant: whoever wrote it died or lost the
   * shard mid-send. The reminder counts as sent (uncertain) and is never sent again.
   */
  private async resolveAbandoned(
    scope: Scope,
    listed: StoredRecord<DueEntry>,
    loaded: LoadedReminder,
    reminder: PlannedReminder,
    now: Date,
  ): Promise<JobResult> {
    await this.context.planner.commit(
      scope,
      loaded,
      withSent(loaded.facts.log, reminder, now, true),
      { listed },
    );
    this.context.logger.warn(
      { tenantId: scope.tenantId, week: reminder.week },
      'a reminder delivery was left unfinished; it counts as sent and is not sent again',
    );
    return 'uncertain';
  }

  private async send(
    scope: Scope,
    listed: StoredRecord<DueEntry>,
    loaded: LoadedReminder,
    profile: UserProfile,
    reminder: PlannedReminder,
    signal: AbortSignal,
  ): Promise<JobResult> {
    const { planner, limiter, owner, now } = this.context;
    const reference = profile.conversationReference;
    const conversationId = conversationIdOf(reference);
    let token: SendDone;
    try {
      token = await limiter.acquire(scope.tenantId, conversationId, signal);
    } catch {
      return 'aborted';
    }
    const key = randomUUID();
    let marked: LoadedReminder;
    try {
      // Throws a ConflictError when the log changed since it was read: the caller re-reads.
      marked = await planner.commit(
        scope,
        loaded,
        withSending(loaded.facts.log, { key, owner, reminder, since: now().toISOString() }),
        { keepPlan: true },
      );
    } catch (error) {
      token();
      throw error;
    }
    const outcome = await this.deliverWithRetries(scope, loaded.facts, reference, {
      locale: loaded.locale,
      key,
      reminder,
      conversationId,
      signal,
      token,
    });
    await this.record(scope, listed, marked, (log, at) =>
      afterSend(log, key, reminder, outcome, at),
    );
    if (outcome !== 'delivered') {
      this.context.logger.warn({ tenantId: scope.tenantId, outcome }, 'reminder not delivered');
    }
    return RESULT_OF[outcome];
  }

  /**
   * Records an outcome over the log as this job marked it; when someone changed it meanwhile (a
   * snooze, new settings), over a fresh read.
   */
  private async record(
    scope: Scope,
    listed: StoredRecord<DueEntry>,
    marked: LoadedReminder,
    change: (log: ReminderLog, now: Date) => ReminderLog,
  ): Promise<void> {
    const { planner, now } = this.context;
    try {
      await planner.commit(scope, marked, change(marked.facts.log, now()), { listed });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      await planner.update(scope, (facts, at) => change(facts.log, at));
    }
  }

  private async deliverWithRetries(
    scope: Scope,
    facts: ReminderFacts,
    reference: Readonly<Record<string, unknown>>,
    send: {
      locale: string;
      key: string;
      reminder: PlannedReminder;
      conversationId: string;
      signal: AbortSignal;
      /** The token of the first attempt. */
      token: SendDone;
    },
  ): Promise<SendOutcome> {
    const { delivery, limiter, retry, random } = this.context;
    for (let attempt = 1; ; attempt += 1) {
      let token: SendDone;
      try {
        token =
          attempt === 1
            ? send.token
            : await limiter.acquire(scope.tenantId, send.conversationId, send.signal);
      } catch {
        return 'aborted';
      }
      try {
        await delivery.deliver({
          tenantId: scope.tenantId,
          conversationReference: reference,
          key: send.key,
          locale: send.locale,
          timeZone: facts.settings.timeZone,
          reminder: send.reminder,
        });
        token();
        return 'delivered';
      } catch (error) {
        token();
        if (send.signal.aborted) return 'aborted';
        const failure = classifyFailure(error, retry);
        if (failure.kind === 'gone' || failure.kind === 'rejected') return failure.kind;
        if (attempt >= retry.maxAttempts) return 'exhausted';
        try {
          if (failure.kind === 'throttled') limiter.throttle(scope.tenantId, failure.retryAfterMs);
          else await sleep(backoffMs(attempt, retry, random), send.signal);
        } catch {
          return 'aborted';
        }
      }
    }
  }
}
