/**
 * Starts the real Spotter server in-process for integration and end-to-end tests.
 *
 * @remarks
 * Everything is the production code path (config validation, store adapter, bot adapter, tab
 * API, static tab); only the port (free), the store file (temporary) and the log level differ.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { loadConfig } from '../../src/config/config';
import { createLogger } from '../../src/logging/logger';
import type { ReminderRunner } from '../../src/scheduler/reminder-runner';
import { startServer } from '../../src/server/start-server';
import type { Store } from '../../src/store/store';

/** A Spotter server started for a test. */
export interface TestSpotter {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;
  /** The server's store, to check what was written. */
  readonly store: Store;
  /** The weekly reminder sender: `runOnce(now)` delivers what is due (off in the background). */
  readonly reminders: ReminderRunner;
  /** Stops the server and removes its temporary files. */
  stop(): Promise<void>;
}

/** Options of {@link startSpotter} beyond the environment. */
export interface TestSpotterOptions {
  /** The clock the server reads; tests move it to reach another day or week. */
  readonly now?: () => Date;
  /** Folder of the built tab. @default `dist/tab` */
  readonly tabDirectory?: string;
}

/** Starts Spotter on 127.0.0.1 with a temporary SQLite store; `env` overrides any setting. */
export async function startSpotter(
  env: Record<string, string> = {},
  options: TestSpotterOptions = {},
): Promise<TestSpotter> {
  const dataDirectory = mkdtempSync(path.join(os.tmpdir(), 'spotter-test-'));
  const config = loadConfig({
    NODE_ENV: 'test',
    HOST: '127.0.0.1',
    PORT: '0',
    LOG_LEVEL: process.env['SPOTTER_TEST_LOG_LEVEL'] ?? 'silent',
    SQLITE_PATH: path.join(dataDirectory, 'spotter.db'),
    ...env,
  });
  const server = await startServer(config, createLogger(config.logLevel), {
    tabDirectory: options.tabDirectory ?? path.resolve(__dirname, '../../dist/tab'),
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    baseUrl: server.url,
    store: server.store,
    reminders: server.reminders,
    async stop() {
      await server.stop();
      rmSync(dataDirectory, { recursive: true, force: true });
    },
  };
}
