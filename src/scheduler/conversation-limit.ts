/**
 * Teams' per-conversation limits for a bot (7 per second, 8 per 2 seconds, 60 per 30 seconds),
 * kept exactly with a log of recent sends per conversation.
 *
 * @remarks
 * A weekly reminder is one message per conversation, so these limits bind only when retries or a
 * follow-up hit the same chat in quick succession; the log of a conversation is dropped once its
 * sends have left the longest window, so memory stays small however many people are reminded.
 */

/** At most `limit` sends in any `windowMs`. */
export interface WindowLimit {
  /** Most sends in a window. */
  readonly limit: number;
  /** Window length in milliseconds. */
  readonly windowMs: number;
}

/** Teams' documented limits per bot and conversation. */
export const TEAMS_CONVERSATION_LIMITS: readonly WindowLimit[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
];

/** Paces sends per conversation. */
export class ConversationLimit {
  private readonly sends = new Map<string, number[]>();
  private readonly longestMs: number;
  private reservations = 0;

  constructor(
    private readonly limits: readonly WindowLimit[] = TEAMS_CONVERSATION_LIMITS,
    private readonly clock: () => number = () => performance.now(),
  ) {
    this.longestMs = Math.max(...limits.map((limit) => limit.windowMs));
  }

  /** Reserves a send to a conversation; answers how many milliseconds to wait before it. */
  reserve(conversationId: string): number {
    const now = this.clock();
    this.reservations += 1;
    if (this.reservations % 1024 === 0) this.sweep(now);
    const times = (this.sends.get(conversationId) ?? []).filter((t) => t > now - this.longestMs);
    // Sends to one conversation go in order, so only earlier sends can fill a window.
    let at = Math.max(now, times[times.length - 1] ?? now);
    for (let moved = true; moved;) {
      moved = false;
      for (const { limit, windowMs } of this.limits) {
        const inWindow = times.filter((t) => t > at - windowMs);
        const blocking = inWindow[inWindow.length - limit];
        if (inWindow.length >= limit && blocking !== undefined && blocking + windowMs > at) {
          at = blocking + windowMs;
          moved = true;
        }
      }
    }
    times.push(at);
    this.sends.set(conversationId, times);
    return at - now;
  }

  /** How many conversations are remembered (for tests and metrics). */
  get size(): number {
    return this.sends.size;
  }

  private sweep(now: number): void {
    for (const [id, times] of this.sends) {
      if ((times[times.length - 1] ?? 0) <= now - this.longestMs) this.sends.delete(id);
    }
  }
}
