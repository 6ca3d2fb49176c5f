/**
 * Composition root: builds store, bot, authentication and HTTP server from the configuration.
 */
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { createBot } from '../../bot/app';
import { createRequestAuthenticator } from '../auth/request-identity';
import { createTokenValidator } from '../auth/token-validator';
import type { Config } from '../config/config';
import type { Logger } from '../logging/logger';
import { createStore } from '../store/create-store';
import { PracticeService } from '../services/practice-service';
import type { Store } from '../store/store';
import { createHttpApp } from './create-app';

/** A running Spotter server. */
export interface RunningServer {
  /** Base URL it answers on, e.g. `http://127.0.0.1:3978`. */
  readonly url: string;
  /** The store it uses (for tests that check what was written). */
  readonly store: Store;
  /** Stops taking requests, finishes those in flight, then closes the store. */
  stop(): Promise<void>;
}

/** Options of {@link startServer}. */
export interface StartOptions {
  /** Use this store instead of opening the configured one (the caller closes it). */
  readonly store?: Store;
  /** Folder of the built tab. */
  readonly tabDirectory?: string;
  /** The clock every feature reads (tests move it). @default () => new Date() */
  readonly now?: () => Date;
}

/** Starts Spotter on the configured host and port (port 0 picks a free one). */
export async function startServer(
  config: Config,
  logger: Logger,
  options: StartOptions = {},
): Promise<RunningServer> {
  const store = options.store ?? (await createStore(config.store));
  const now = options.now ?? (() => new Date());
  const practice = new PracticeService(store, now);
  const bot = createBot(config, {
    store,
    logger,
    now,
    practice,
    features: { helpRequests: false },
  });
  const authenticator = createRequestAuthenticator(config.auth, createTokenValidator(config.auth));
  const app = createHttpApp({
    store,
    bot,
    botAuthenticationRequired: config.bot !== undefined,
    authenticator,
    services: { practice },
    logger,
    ...(options.tabDirectory ? { tabDirectory: options.tabDirectory } : {}),
    isDraining: () => draining,
  });
  let draining = false;
  const server = createServer(app);
  await listen(server, config.port, config.host);
  const { port } = server.address() as AddressInfo;
  const host = config.host === '0.0.0.0' ? '127.0.0.1' : config.host;
  logger.info({ port, store: config.store.kind, env: config.env }, 'spotter listening');

  return {
    url: `http://${host}:${port}`,
    store,
    async stop() {
      draining = true;
      await closeGracefully(server, config.shutdownGraceSeconds * 1000);
      if (!options.store) await store.close();
      logger.info('server stopped');
    },
  };
}

/**
 * Stops accepting connections and waits for requests in flight (a bot turn, an API write) to
 * finish; connections still busy after the grace period are closed.
 */
function closeGracefully(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const deadline = setTimeout(() => server.closeAllConnections(), graceMs);
    server.close(() => {
      clearTimeout(deadline);
      resolve();
    });
    server.closeIdleConnections();
  });
}

function listen(server: Server, port: number, host: string): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve();
    });
  });
}
