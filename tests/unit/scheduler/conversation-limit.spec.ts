import {
  ConversationLimit,
  TEAMS_CONVERSATION_LIMITS,
} from '../../../src/scheduler/conversation-limit';

/** Reserves `count` sends to one conversation at a fake time; answers when each may go. */
function schedule(limit: ConversationLimit, count: number, clock: { now: number }): number[] {
  return Array.from({ length: count }, () => clock.now + limit.reserve('chat'));
}

describe('ConversationLimit', () => {
  it('keeps Teams’ 7 per second, 8 per 2 seconds and 60 per 30 seconds', () => {
    const clock = { now: 0 };
    const limit = new ConversationLimit(TEAMS_CONVERSATION_LIMITS, () => clock.now);
    const times = schedule(limit, 70, clock);
    expect(times.slice(0, 7)).toEqual([0, 0, 0, 0, 0, 0, 0]);
    expect(times[7]).toBe(1000);
    expect(times[8]).toBe(2000);
    const within = (windowMs: number) =>
      Math.max(...times.map((t) => times.filter((u) => u >= t && u < t + windowMs).length));
    expect(within(1000)).toBeLessThanOrEqual(7);
    expect(within(2000)).toBeLessThanOrEqual(8);
    expect(within(30_000)).toBeLessThanOrEqual(60);
  });

  it('lets each conversation go at once the first time', () => {
    const limit = new ConversationLimit(TEAMS_CONVERSATION_LIMITS, () => 0);
    for (let i = 0; i < 100; i += 1) expect(limit.reserve(`chat-${i}`)).toBe(0);
  });

  it('forgets conversations once their sends leave the longest window', () => {
    const clock = { now: 0 };
    const limit = new ConversationLimit(TEAMS_CONVERSATION_LIMITS, () => clock.now);
    for (let i = 0; i < 2000; i += 1) limit.reserve(`chat-${i}`);
    clock.now = 31_000;
    for (let i = 0; i < 1100; i += 1) limit.reserve(`later-${i}`);
    expect(limit.size).toBeLessThan(2000);
  });
});
