/**
 * The part of autocannon 8's API the benchmarks use (the package ships no types).
 */
declare module 'autocannon' {
  /** One request of the sequence each connection loops over. */
  export interface AutocannonRequest {
    /** HTTP method. @default the instance's */
    method?: string;
    /** Path and query. @default the instance's */
    path?: string;
    /** Request headers. */
    headers?: Record<string, string>;
    /** Request body. */
    body?: string;
    /** Changes the request before it is sent; return it. */
    setupRequest?: (request: AutocannonRequest) => AutocannonRequest;
  }

  /** Options of a run. */
  export interface AutocannonOptions {
    /** Target URL. */
    url: string;
    /** Concurrent connections. @default 10 */
    connections?: number;
    /** Seconds to run. @default 10 */
    duration?: number;
    /** Requests to send instead of running for `duration`. */
    amount?: number;
    /** Seconds to wait for an answer. @default 10 */
    timeout?: number;
    /** HTTP method. @default 'GET' */
    method?: string;
    /** Request headers. */
    headers?: Record<string, string>;
    /** The request sequence. */
    requests?: AutocannonRequest[];
    /** A response whose body fails this check counts as a mismatch. */
    verifyBody?: (body: string) => boolean;
  }

  /** A histogram's summary. */
  export interface Histogram {
    average: number;
    min: number;
    max: number;
    p50: number;
    p90: number;
    p99: number;
    p99_9: number;
    totalCount: number;
  }

  /** What a run measured. */
  export interface AutocannonResult {
    /** Latency in milliseconds. */
    latency: Histogram;
    /** Requests answered per second. */
    requests: Histogram;
    /** Seconds the run took. */
    duration: number;
    /** Connection errors, timeouts included. */
    errors: number;
    timeouts: number;
    /** Answers whose body failed `verifyBody`. */
    mismatches: number;
    non2xx: number;
    '2xx': number;
    statusCodeStats: Record<string, { count: number }>;
  }

  /** A run in progress: it reports each answer and resolves with the results. */
  export interface AutocannonInstance extends PromiseLike<AutocannonResult> {
    /** Called for every answer, with its status and latency in milliseconds. */
    on(
      event: 'response',
      listener: (client: unknown, statusCode: number, bytes: number, latencyMs: number) => void,
    ): this;
  }

  /** Starts a run. */
  function autocannon(options: AutocannonOptions): AutocannonInstance;
  export default autocannon;
}
