/**
 * An HTTP proxy on loopback that can slow down or fail the requests it forwards: the way tests
 * make a database or a connector slow, throttled or down without touching the product code.
 */
import { createServer, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Which requests a fault hits; the others pass. */
interface FaultTarget {
  /** Only the next this many (a burst), then the proxy passes everything again. @default all */
  readonly times?: number;
  /** Only requests with these HTTP methods (e.g. `PUT`: Cosmos DB replaces). @default any */
  readonly methods?: readonly string[];
}

/** What the proxy does with the next requests. */
export type FaultMode =
  | { readonly kind: 'pass' }
  | ({ readonly kind: 'delay'; readonly ms: number } & FaultTarget)
  | ({
      readonly kind: 'status';
      readonly status: number;
      readonly retryAfterSeconds?: number;
    } & FaultTarget);

/** A running proxy. */
export interface FaultProxy {
  /** `http://127.0.0.1:<port>`: use it instead of the target's address. */
  readonly url: string;
  /** Changes what happens to requests from now on. */
  setMode(mode: FaultMode): void;
  /** Requests forwarded or answered so far. */
  readonly requests: () => number;
  /** Stops the proxy and drops its connections. */
  stop(): Promise<void>;
}

/** Starts a proxy in front of `target` (e.g. `http://127.0.0.1:8081`). */
export async function startFaultProxy(target: string): Promise<FaultProxy> {
  const upstream = new URL(target);
  let mode: FaultMode = { kind: 'pass' };
  let left = Infinity;
  let count = 0;
  const server: Server = createServer((incoming, outgoing) => {
    count += 1;
    const hit =
      mode.kind === 'pass' || !mode.methods || mode.methods.includes(incoming.method ?? '');
    const current: FaultMode = hit ? mode : { kind: 'pass' };
    if (current.kind !== 'pass') {
      left -= 1;
      if (left <= 0) mode = { kind: 'pass' };
    }
    if (current.kind === 'status') {
      outgoing.writeHead(current.status, {
        'content-type': 'application/json',
        ...(current.retryAfterSeconds !== undefined
          ? {
              'retry-after': String(current.retryAfterSeconds),
              'x-ms-retry-after-ms': String(current.retryAfterSeconds * 1000),
            }
          : {}),
      });
      outgoing.end(
        JSON.stringify({ code: String(current.status), message: 'injected by the test proxy' }),
      );
      return;
    }
    const forward = (): void => {
      const proxied = request(
        {
          hostname: upstream.hostname,
          port: upstream.port,
          method: incoming.method,
          path: incoming.url,
          headers: { ...incoming.headers, host: upstream.host },
        },
        (answer) => {
          outgoing.writeHead(answer.statusCode ?? 502, answer.headers);
          answer.pipe(outgoing);
        },
      );
      proxied.on('error', () => {
        if (!outgoing.headersSent) outgoing.writeHead(502);
        outgoing.end();
      });
      incoming.pipe(proxied);
    };
    if (current.kind === 'delay') setTimeout(forward, current.ms);
    else forward();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    setMode: (next) => {
      mode = next;
      left = next.kind === 'pass' ? Infinity : (next.times ?? Infinity);
    },
    requests: () => count,
    stop: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
