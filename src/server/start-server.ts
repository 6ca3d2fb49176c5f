/**
 * Composition root: builds store, bot, authentication and HTTP server from the configuration.
 */
import type { AddressInfo } from 'node:net';
import { createServer, type Server } from 'node:http';
import { botAuthenticationOptions, createBot } from '../../bot/app';
import { ProfileHelpRequestDelivery } from '../../bot/help-request-delivery';
import { HelpRequestMessenger } from '../../bot/help-request-messenger';
import { SpotterAdapter } from '../../bot/spotter-adapter';
import { createRequestAuthenticator } from '../auth/request-identity';
import { createTokenValidator } from '../auth/token-validator';
import type { Config } from '../config/config';
import type { Logger } from '../logging/logger';
import type { ReminderRunner } from '../scheduler/reminder-runner';
import { createReminderScheduler } from '../scheduler/reminder-scheduler';
import { createStore } from '../store/create-store';
import { PracticeService } from '../services/practice-service';
import { TenantRegistry } from '../services/tenant-registry';
import { AddressBook } from '../services/address-book';
import { AdminService } from '../services/admin-service';
import { RetentionService } from '../services/retention-service';
import { HelpRequestService } from '../services/help-request-service';
import { OrgDefaultsService } from '../services/org-defaults-service';
import { GraphTeamsAppInstaller } from '../services/teams-app-installer';
import type { Store } from '../store/store';
import { createHttpApp } from './create-app';

/** How often the retention job runs: daily (it is off when NODE_ENV is test). */
const RETENTION_INTERVAL_MS = 24 * 60 * 60 * 1000;

/** A running Spotter server. */
export interface RunningServer {
  /** Base URL it answers on, e.g. `http://127.0.0.1:3978`. */
  readonly url: string;
  /** The store it uses (for tests that check what was written). */
  readonly store: Store;
  /** The weekly reminder sender (tests call `runOnce`; it runs in the background when enabled). */
  readonly reminders: ReminderRunner;
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
  const adapter = new SpotterAdapter(botAuthenticationOptions(config.bot));
  const orgDefaults = new OrgDefaultsService(store, {
    cacheMs: config.orgDefaults.cacheSeconds * 1000,
  });
  const reminders = createReminderScheduler({
    store,
    now,
    logger,
    adapter,
    botAppId: config.bot?.appId ?? '',
    settingsDefaults: orgDefaults,
  });
  const practice = new PracticeService(store, now, reminders.planner, orgDefaults);
  const helpRequests = new HelpRequestService(store, practice, {
    limits: config.helpRequests,
    now,
    logger,
    switches: orgDefaults,
  });
  const addressBook = new AddressBook(store);
  const installer =
    config.helpRequests.graphInstall && config.bot?.password
      ? new GraphTeamsAppInstaller({
          clientId: config.bot.appId,
          clientSecret: config.bot.password,
          catalogAppId: config.helpRequests.graphInstall.catalogAppId,
          logger,
        })
      : undefined;
  // Requests asked through the API reach helpers the way `ask` in chat does, over the same adapter.
  const helpRequestDelivery = new ProfileHelpRequestDelivery(
    new HelpRequestMessenger(adapter, config.bot?.appId ?? '', helpRequests, logger),
    helpRequests,
    installer,
  );
  const bot = createBot(
    config,
    {
      store,
      logger,
      now,
      practice,
      features: { helpRequests: true },
      orgDefaults,
      reminders: reminders.planner,
      helpRequests: { service: helpRequests, installer },
      addressBook,
    },
    adapter,
  );
  const authenticator = createRequestAuthenticator(config.auth, createTokenValidator(config.auth));
  const retention = new RetentionService(store, logger);
  const app = createHttpApp({
    store,
    bot,
    botAuthenticationRequired: config.bot !== undefined,
    authenticator,
    services: {
      practice,
      store,
      now,
      logger,
      botAppId: config.bot?.appId,
      helpRequests,
      helpRequestDelivery,
      addressBook,
      reminders: reminders.planner,
      tenants: new TenantRegistry(store, config.auth),
      adminPolicy: config.auth,
      admin: new AdminService(store),
      retention,
      orgDefaults,
    },
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
  if (config.reminders.enabled) reminders.runner.start(config.reminders.intervalSeconds * 1000);
  if (config.env !== 'test') retention.start(RETENTION_INTERVAL_MS);

  return {
    url: `http://${host}:${port}`,
    store,
    reminders: reminders.runner,
    async stop() {
      draining = true;
      await reminders.runner.stop();
      await retention.stop();
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
