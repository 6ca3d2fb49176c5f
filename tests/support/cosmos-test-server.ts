/**
 * The local Cosmos DB test server (`@vercel/cosmosdb-server`), run inside the test process.
 *
 * @remarks
 * Plain HTTP with keep-alive on an ephemeral port of 127.0.0.1: the fastest way the real
 * `@azure/cosmos` SDK can talk to it. Data lives in memory and goes with the server. See
 * `notes/cosmos-test-server.md` for where it differs from Cosmos DB.
 */
import type { AddressInfo } from 'node:net';
import { createHttpServer } from '@vercel/cosmosdb-server';

/** A running test server. */
export interface CosmosTestServer {
  /** `http://127.0.0.1:<port>`. */
  readonly endpoint: string;
  /** An account key the server accepts (it checks none). */
  readonly key: string;
  /** Stops the server and drops its keep-alive connections. */
  stop(): Promise<void>;
}

/** Starts a test server on a free port. */
export async function startCosmosTestServer(): Promise<CosmosTestServer> {
  const server = createHttpServer({ keepAlive: true });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const { port } = server.address() as AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    key: 'c3BvdHRlci10ZXN0LWtleQ==',
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        server.closeAllConnections();
      }),
  };
}
