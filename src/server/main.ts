/**
 * Entry point of the Spotter server process (`npm run serve`).
 *
 * @remarks
 * Telemetry starts before anything else is loaded (see src/telemetry); on SIGTERM or SIGINT the
 * server stops taking work, lets requests in flight finish, releases what it holds and exits.
 */
import { ConfigError, loadConfig, type Config } from '../config/config';
import { createLogger } from '../logging/logger';

function readConfig(): Config {
  try {
    return loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    throw error;
  }
}

async function main(): Promise<void> {
  const config = readConfig();
  const logger = createLogger(config.logLevel);
  /* eslint-disable @typescript-eslint/no-require-imports -- loaded only now, after telemetry
     has started, so that its instrumentation sees the HTTP and database modules load */
  const stopTelemetry = config.telemetryConnectionString
    ? (require('../telemetry/telemetry') as typeof import('../telemetry/telemetry')).startTelemetry(
        config.telemetryConnectionString,
      )
    : undefined;
  const { startServer } = require('./start-server') as typeof import('./start-server');
  /* eslint-enable @typescript-eslint/no-require-imports */
  const server = await startServer(config, logger);

  let stopping = false;
  const shutdown = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    server
      .stop()
      .then(() =>
        // Telemetry that cannot be flushed is lost, but it must not turn a clean stop into a failure.
        stopTelemetry?.().catch((error: unknown) =>
          logger.warn({ err: String(error) }, 'telemetry not flushed'),
        ),
      )
      .then(
        () => {
          logger.info('stopped');
          process.exit(0);
        },
        (error: unknown) => {
          logger.error({ err: String(error) }, 'shutdown failed');
          process.exit(1);
        },
      );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  process.stderr.write(
    `Spotter failed to start: ${error instanceof Error ? error.message : String(error)}\n`,
  );
  process.exit(1);
});
