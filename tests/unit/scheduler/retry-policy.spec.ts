import { DeliveryError } from '../../../src/scheduler/reminder-delivery';
import {
  backoffMs,
  classifyFailure,
  DEFAULT_RETRY_POLICY,
  parseRetryAfter,
} from '../../../src/scheduler/retry-policy';

describe('classifyFailure', () => {
  const classify = (status?: number, retryAfterMs?: number) =>
    classifyFailure(new DeliveryError('x', status, retryAfterMs), DEFAULT_RETRY_POLICY);

  it('waits out a 429 as long as Teams asks, or a second when it does not say', () => {
    expect(classify(429, 2500)).toEqual({ kind: 'throttled', retryAfterMs: 2500 });
    expect(classify(429)).toEqual({ kind: 'throttled', retryAfterMs: 1000 });
  });

  it.each([408, 412, 500, 502, 503, 504, 401, undefined])('retries %p with backoff', (status) => {
    expect(classify(status)).toEqual({ kind: 'transient' });
  });

  it('stops reminding when the chat is gone or Spotter is blocked', () => {
    expect(classify(403)).toEqual({ kind: 'gone' });
    expect(classify(404)).toEqual({ kind: 'gone' });
  });

  it('gives up on a message the channel refuses', () => {
    expect(classify(400)).toEqual({ kind: 'rejected' });
    expect(classify(413)).toEqual({ kind: 'rejected' });
  });

  it('treats anything that is not a delivery error as a dropped connection', () => {
    expect(classifyFailure(new Error('socket hang up'), DEFAULT_RETRY_POLICY)).toEqual({
      kind: 'transient',
    });
  });
});

describe('backoffMs', () => {
  const policy = { ...DEFAULT_RETRY_POLICY, baseDelayMs: 100, maxDelayMs: 1000 };

  it('draws from a ceiling that doubles per attempt, up to the cap', () => {
    expect([1, 2, 3, 4, 5, 6].map((attempt) => backoffMs(attempt, policy, () => 0.999))).toEqual([
      99, 199, 399, 799, 999, 999,
    ]);
  });

  it('is jittered: anywhere from nothing to the ceiling', () => {
    expect(backoffMs(3, policy, () => 0)).toBe(0);
    expect(backoffMs(3, policy, () => 0.5)).toBe(200);
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-27T15:00:00Z');

  it.each([
    ['2', 2000],
    ['0', 0],
    ['1.5', 1500],
    ['Fri, 27 Nov 2026 15:00:03 GMT', 3000],
    ['Fri, 27 Nov 2026 14:59:00 GMT', 0],
    ['86400', 3_600_000],
  ])('reads %p as %p ms', (value, ms) => {
    expect(parseRetryAfter(value, now)).toBe(ms);
  });

  it.each([undefined, null, '', 'soon', '-1'])('ignores %p', (value) => {
    expect(parseRetryAfter(value, now)).toBeUndefined();
  });
});
