/**
 * The History page's API calls under load: many signed-in users at once, each asking for their
 * own history, against a server in another process on the embedded SQLite store.
 *
 * @remarks
 * A small load loop of our own (autocannon is not installed here): one worker per user, each
 * sending its next request as soon as the previous one is answered, over keep-alive
 * connections, for a fixed time after a warm-up. Every request carries the user's own bearer
 * token, so signature checking is part of every measurement, as in production.
 */
import { Agent, request } from 'node:http';

/** Results of one scenario. */
export interface LoadResult {
  /** Requests answered in the measured window. */
  readonly requests: number;
  /** Answers other than 200. */
  readonly errors: number;
  /** Requests per second. */
  readonly throughput: number;
  /** Latency percentiles in milliseconds. */
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
}

/** The `p`-th percentile (0–100) of sorted values. */
export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return Number.NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)] as number;
}

function get(agent: Agent, url: URL, authorization: string): Promise<number> {
  return new Promise((resolve, reject) => {
    const call = request(
      url,
      { agent, method: 'GET', headers: { authorization, accept: 'application/json' } },
      (response) => {
        response.resume();
        response.on('end', () => resolve(response.statusCode ?? 0));
        response.on('error', reject);
      },
    );
    call.on('error', reject);
    call.end();
  });
}

/**
 * Runs one worker per token against `path` for `warmupMs`, then measures for `durationMs`.
 */
export async function runLoad(
  baseUrl: string,
  path: string,
  tokens: readonly string[],
  durationMs: number,
  warmupMs: number,
): Promise<LoadResult> {
  const agent = new Agent({ keepAlive: true, maxSockets: tokens.length });
  const url = new URL(path, baseUrl);
  const latencies: number[] = [];
  let errors = 0;
  const measureFrom = Date.now() + warmupMs;
  const end = measureFrom + durationMs;

  await Promise.all(
    tokens.map(async (token) => {
      const authorization = `Bearer ${token}`;
      while (Date.now() < end) {
        const started = performance.now();
        const status = await get(agent, url, authorization);
        const elapsed = performance.now() - started;
        if (Date.now() < measureFrom) continue;
        latencies.push(elapsed);
        if (status !== 200) errors += 1;
      }
    }),
  );
  agent.destroy();
  latencies.sort((a, b) => a - b);
  return {
    requests: latencies.length,
    errors,
    throughput: latencies.length / (durationMs / 1000),
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    max: latencies[latencies.length - 1] ?? Number.NaN,
  };
}
