/**
 * `npm start`: Spotter and the Agents Playground side by side on this machine, offline.
 *
 * @remarks
 * Runs the built server as a child process (so its own graceful shutdown is what Ctrl-C
 * exercises), waits until it is ready, starts the playground pointed at it, prints the URLs and
 * stops both on Ctrl-C.
 */
import { spawn } from 'node:child_process';
import path from 'node:path';
import { PLAYGROUND_PORT, startPlayground, stopChild } from './playground';
import { waitForHttp } from './wait-for-http';

async function main(): Promise<void> {
  const port = Number(process.env['PORT'] ?? 3978);
  const serverUrl = `http://127.0.0.1:${port}`;
  let stopping = false;
  const server = spawn(process.execPath, [path.resolve('dist/src/server/main.js')], {
    env: { NODE_ENV: 'development', ...process.env, PORT: String(port) },
    stdio: 'inherit',
  });
  server.once('exit', (code) => {
    if (!stopping) {
      console.error(`Spotter's server stopped (exit code ${code}).`);
      process.exit(1);
    }
  });

  await waitForHttp(`${serverUrl}/readyz`, 60_000);
  const playground = await startPlayground({
    port: Number(process.env['PLAYGROUND_PORT'] ?? PLAYGROUND_PORT),
    botEndpoint: `${serverUrl}/api/messages`,
  });

  console.log(
    [
      '',
      'Spotter is running locally.',
      `  Chat with the bot (Agents Playground):  ${playground.url.replace('127.0.0.1', 'localhost')}`,
      `  Personal tab (development identity):    http://localhost:${port}/`,
      `  Health:                                  http://localhost:${port}/healthz`,
      `  Bot endpoint:                            http://localhost:${port}/api/messages`,
      'Press Ctrl-C to stop.',
      '',
    ].join('\n'),
  );

  const shutdown = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await Promise.all([playground.stop(), stopChild(server)]);
    process.exit(0);
  };
  process.on('SIGINT', () => void shutdown());
  process.on('SIGTERM', () => void shutdown());
}

main().catch((error: unknown) => {
  console.error(
    `Could not start Spotter locally: ${error instanceof Error ? error.message : String(error)}`,
  );
  process.exit(1);
});
