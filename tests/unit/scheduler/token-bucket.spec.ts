import { TokenBucket } from '../../../src/scheduler/token-bucket';

/** The send of a token, answered at once. */
function sendNow(done: () => void): void {
  done();
}

/** Grants `count` tokens on fake timers (each send answered at once); answers when each came. */
async function grants(bucket: TokenBucket, count: number, advance: () => void): Promise<number[]> {
  const times: number[] = [];
  const all = Array.from({ length: count }, () =>
    bucket.take().then((done) => {
      times.push(Date.now());
      sendNow(done);
    }),
  );
  for (;;) {
    await Promise.resolve();
    if (times.length >= count) break;
    advance();
  }
  await Promise.all(all);
  return times;
}

function busiest(times: number[], windowMs: number): number {
  let most = 0;
  for (let first = 0, last = 0; last < times.length; last += 1) {
    while ((times[last] as number) - (times[first] as number) >= windowMs) first += 1;
    most = Math.max(most, last - first + 1);
  }
  return most;
}

beforeEach(() => {
  jest.useFakeTimers({ now: 0 });
});

afterEach(() => {
  jest.useRealTimers();
});

describe('TokenBucket', () => {
  it('hands out tokens 1/rate apart, at most floor(rate) in any second', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 49, clock: () => Date.now() });
    const times = await grants(bucket, 200, () => jest.advanceTimersByTime(1));
    expect(times[0]).toBe(0);
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    // Timers fire on whole milliseconds here, and the pace meets the cap once a second: a few
    // milliseconds either way, never a burst.
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(12);
    expect(Math.max(...gaps)).toBeLessThanOrEqual(28);
    expect(199 / ((times.at(-1) as number) / 1000)).toBeCloseTo(49, 0);
    expect(busiest(times, 1000)).toBeLessThanOrEqual(49);
  });

  it('makes up for late timers, so the rate holds', async () => {
    // Every timer callback runs up to 3 ms after it was due, as real ones do.
    let late = 0;
    const clock = () => Date.now() + late;
    const bucket = new TokenBucket({ ratePerSecond: 49, clock });
    const times: number[] = [];
    const all = Array.from({ length: 200 }, () =>
      bucket.take().then((done) => {
        times.push(clock());
        sendNow(done);
      }),
    );
    for (let step = 0; times.length < 200; step += 1) {
      late = step % 4;
      jest.advanceTimersByTime(1);
      await Promise.resolve();
    }
    await Promise.all(all);
    const rate = 199 / (((times.at(-1) as number) - (times[0] as number)) / 1000);
    expect(rate).toBeGreaterThan(48.5);
    expect(busiest(times, 1000)).toBeLessThanOrEqual(49);
  });

  it('makes up for a stall, never past floor(rate) in a second', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 49, clock: () => Date.now() });
    const times: number[] = [];
    const waiting = Array.from({ length: 120 }, () =>
      bucket.take().then((done) => {
        times.push(Date.now());
        sendNow(done);
      }),
    );
    for (let step = 0; times.length < 120; step += 1) {
      // The event loop is stuck for 300 ms once, half a second in.
      if (step === 500) jest.setSystemTime(Date.now() + 300);
      jest.advanceTimersByTime(1);
      await Promise.resolve();
    }
    await Promise.all(waiting);
    // The stall is made up for: the 120th token comes about when it would have without it.
    expect(times.at(-1)).toBeLessThanOrEqual((119 * 1000) / 49 + 50);
    // Catching up, two tokens are never closer than half the pace, nor the cap overrun.
    const gaps = times.slice(1).map((t, i) => t - (times[i] as number));
    expect(Math.min(...gaps)).toBeGreaterThanOrEqual(Math.floor(1000 / 49 / 2));
    expect(busiest(times, 1000)).toBeLessThanOrEqual(49);
  });

  it('makes up for a second of stall at most', async () => {
    const bucket = new TokenBucket({
      ratePerSecond: 10,
      maxPerSecond: 20,
      clock: () => Date.now(),
    });
    const times: number[] = [];
    const queued = Array.from({ length: 33 }, () =>
      bucket.take().then((done) => {
        times.push(Date.now());
        sendNow(done);
      }),
    );
    for (let step = 0; times.length < 33; step += 1) {
      // Stuck for two seconds once: one second of it is made up for, one is lost.
      if (times.length === 3 && step < 1000) {
        jest.setSystemTime(Date.now() + 2000);
        step = 1000;
      }
      jest.advanceTimersByTime(1);
      await Promise.resolve();
    }
    await Promise.all(queued);
    // Without the stall the 33rd token would come at 3.2 s; with one second made up for, 4.2 s.
    expect(times.at(-1)).toBeGreaterThanOrEqual(4150);
    expect(times.at(-1)).toBeLessThanOrEqual(4300);
    expect(busiest(times, 1000)).toBeLessThanOrEqual(20);
  });

  it('counts a send until a second after its answer, so a late request cannot crowd a second', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 10, clock: () => Date.now() });
    // Ten sends go out in the first second; their answers take 500 ms.
    const answers: Array<() => void> = [];
    const first = Array.from({ length: 10 }, () =>
      bucket.take().then((done) => answers.push(done)),
    );
    for (let i = 0; i < 1000; i += 1) {
      jest.advanceTimersByTime(1);
      await Promise.resolve();
    }
    await Promise.all(first);
    jest.advanceTimersByTime(500);
    answers.forEach((done) => done());
    // Teams may have seen all ten just now: the next token waits a whole second from here.
    let eleventh: number | undefined;
    void bucket.take().then(() => (eleventh = Date.now()));
    for (let i = 0; eleventh === undefined && i < 2000; i += 1) {
      jest.advanceTimersByTime(1);
      await Promise.resolve();
    }
    expect(eleventh).toBeGreaterThanOrEqual(2400);
  });

  it('keeps counting a send that never had its answer', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 1, clock: () => Date.now() });
    await bucket.take(); // never answered
    let second: number | undefined;
    void bucket.take().then(() => (second = Date.now()));
    jest.advanceTimersByTime(5_000);
    await Promise.resolve();
    expect(second).toBeUndefined();
  });

  it('holds everything back during a pause', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 10, clock: () => Date.now() });
    sendNow(await bucket.take());
    bucket.pause(1500);
    const times = await grants(bucket, 2, () => jest.advanceTimersByTime(10));
    expect(times[0]).toBeGreaterThanOrEqual(1500);
    expect((times[1] as number) - (times[0] as number)).toBeGreaterThanOrEqual(100);
  });

  it('lets a waiter give up', async () => {
    const bucket = new TokenBucket({ ratePerSecond: 1, clock: () => Date.now() });
    sendNow(await bucket.take());
    const controller = new AbortController();
    const waiting = bucket.take(controller.signal);
    expect(bucket.waiting).toBe(1);
    controller.abort(new Error('stop'));
    await expect(waiting).rejects.toThrow('stop');
    expect(bucket.waiting).toBe(0);
  });

  it('refuses a rate under one a second', () => {
    expect(() => new TokenBucket({ ratePerSecond: 0.5 })).toThrow(RangeError);
  });
});
