/**
 * How a benchmark run as a child of `bench-all.ts` hands its results back: as JSON, in the file
 * named by `BENCH_RESULT_FILE`.
 */
import { readFileSync, writeFileSync } from 'node:fs';

/** The environment variable naming the results file. */
export const RESULT_FILE_VARIABLE = 'BENCH_RESULT_FILE';

/** Writes `results` where the parent asked for them; does nothing when run on its own. */
export function handBack(results: unknown): void {
  const file = process.env[RESULT_FILE_VARIABLE];
  if (file) writeFileSync(file, JSON.stringify(results));
}

/** Reads what a child handed back. */
export function readHandedBack<T>(file: string): T {
  return JSON.parse(readFileSync(file, 'utf8')) as T;
}
