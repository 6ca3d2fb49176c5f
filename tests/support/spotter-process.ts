/**
 * The built Spotter server as a child process (`node dist/src/server/main.js`), for tests that
 * kill it mid-conversation and start it again on the same database file and port.
 *
 * @remarks
 * `npm run build:server` must have run first. The process gets `NODE_ENV=test`, a fixed port and
 * SQLite file, and silent logs; it counts as up once `/readyz` answers.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { stopChild } from '../../src/dev/playground';
import { waitForHttp } from '../../src/dev/wait-for-http';
import { freePort } from './free-port';

/** The server's entry point after `npm run build:server`. */
export const SERVER_ENTRY = path.resolve(__dirname, '../../dist/src/server/main.js');

/** Options of {@link startSpotterProcess}. */
export interface SpotterProcessOptions {
  /** Port to listen on. @default a free one */
  readonly port?: number;
  /** SQLite file. @default `spotter.db` in a fresh temporary folder */
  readonly sqlitePath?: string;
  /** More environment for the server. */
  readonly env?: Readonly<Record<string, string>>;
}

/** A Spotter server running as a child process. */
export interface SpotterProcess {
  /** Base URL, e.g. `http://127.0.0.1:41234`. */
  readonly baseUrl: string;
  /** The SQLite file it writes. */
  readonly sqlitePath: string;
  /** Ends it at once with SIGKILL: no shutdown, nothing flushed beyond what is committed. */
  kill(): Promise<void>;
  /** Sends SIGTERM, as a platform does before it stops an instance; resolves with the exit code. */
  terminate(): Promise<number | null>;
  /** Starts it again on the same port and SQLite file; resolves once it is ready. */
  restart(): Promise<void>;
  /** Stops it gracefully and removes the temporary folder it was given. */
  stop(): Promise<void>;
}

async function launch(port: number, sqlitePath: string, env: Record<string, string>) {
  const child = spawn(process.execPath, [SERVER_ENTRY], {
    env: {
      ...process.env,
      NODE_ENV: 'test',
      HOST: '127.0.0.1',
      PORT: String(port),
      SQLITE_PATH: sqlitePath,
      LOG_LEVEL: 'silent',
      ...env,
    },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<never>((_resolve, reject) => {
    child.once('exit', (code, signal) =>
      reject(new Error(`Spotter exited (${code ?? signal}) before it was ready: ${stderr}`)),
    );
  });
  exited.catch(() => undefined);
  await Promise.race([waitForHttp(`http://127.0.0.1:${port}/readyz`, 30_000), exited]);
  return child;
}

function killed(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

/** Starts the built server and resolves once `/readyz` answers. */
export async function startSpotterProcess(
  options: SpotterProcessOptions = {},
): Promise<SpotterProcess> {
  if (!existsSync(SERVER_ENTRY)) {
    throw new Error(`${SERVER_ENTRY} is missing: run \`npm run build:server\` first`);
  }
  const ownDirectory = options.sqlitePath
    ? undefined
    : mkdtempSync(path.join(os.tmpdir(), 'spotter-process-'));
  const sqlitePath = options.sqlitePath ?? path.join(ownDirectory as string, 'spotter.db');
  const port = options.port ?? (await freePort());
  const env = { ...options.env };
  let child = await launch(port, sqlitePath, env);

  return {
    baseUrl: `http://127.0.0.1:${port}`,
    sqlitePath,
    kill: () => killed(child),
    terminate: () =>
      new Promise((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) resolve(child.exitCode);
        else {
          child.once('exit', (code) => resolve(code));
          child.kill('SIGTERM');
        }
      }),
    async restart() {
      await killed(child);
      child = await launch(port, sqlitePath, env);
    },
    async stop() {
      await stopChild(child);
      if (ownDirectory) rmSync(ownDirectory, { recursive: true, force: true });
    },
  };
}
