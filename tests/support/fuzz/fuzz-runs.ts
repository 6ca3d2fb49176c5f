/**
 * How many cases each fuzzed input gets: a sample in CI, as many as asked for by hand.
 *
 * @remarks
 * `FUZZ_RUNS=10000 npm run fuzz` runs every property 10,000 times. Without it, each spec passes
 * its own CI sample, sized so that the whole fuzz set stays within a few minutes on a 2-CPU
 * machine (see docs/RELIABILITY.md for the measured times).
 */

/** Cases per property: `FUZZ_RUNS` when set, else `ciSample`. */
export function fuzzRuns(ciSample: number): number {
  const asked = process.env['FUZZ_RUNS'];
  if (asked === undefined || asked === '') return ciSample;
  const runs = Number(asked);
  if (!Number.isInteger(runs) || runs < 1) {
    throw new Error(`FUZZ_RUNS must be a whole number of at least 1, not "${asked}"`);
  }
  return runs;
}

/** A test timeout that grows with the number of cases, so a run by hand is not cut short. */
export function fuzzTimeout(runs: number, msPerCase: number): number {
  return Math.max(120_000, runs * msPerCase * 10);
}
