/**
 * Microsoft 365 Agents Playground: the local Teams client, started beside Spotter for
 * `npm start` and the end-to-end tests.
 *
 * @remarks
 * The playground ships an Application Insights key and sends telemetry unless told three ways
 * not to: the `--disable-telemetry` flag, `APPLICATION_INSIGHTS_NO_STATSBEAT`, and an emptied
 * `dist/server/config.json`. All three are applied here, every time, so nothing leaves the machine.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { waitForHttp } from './wait-for-http';

/** The playground's default port. */
export const PLAYGROUND_PORT = 56150;

/** Options of {@link startPlayground}. */
export interface PlaygroundOptions {
  /** Port to listen on. @default 56150 */
  readonly port?: number;
  /** The bot endpoint, e.g. `http://127.0.0.1:3978/api/messages`. */
  readonly botEndpoint: string;
  /** The `.m365agentsplayground.yml` to use. @default the one in the working directory */
  readonly configPath?: string;
  /** Where the playground writes its `devTools/` logs. @default the working directory */
  readonly workingDirectory?: string;
  /** Pass the playground's own output through to this process. @default false */
  readonly inheritOutput?: boolean;
}

/** A running playground. */
export interface RunningPlayground {
  /** Base URL of its web client and API. */
  readonly url: string;
  /** The child process. */
  readonly process: ChildProcess;
  /** Stops it. */
  stop(): Promise<void>;
}

function packageDirectory(): string {
  return path.dirname(require.resolve('@microsoft/m365agentsplayground/package.json'));
}

/** Empties the playground's bundled telemetry configuration (idempotent). */
export function silencePlaygroundTelemetry(directory = packageDirectory()): void {
  const configFile = path.join(directory, 'dist', 'server', 'config.json');
  if (readFileSync(configFile, 'utf8').trim() !== '{}') writeFileSync(configFile, '{}\n');
}

/** Starts the playground and resolves once it answers. */
export async function startPlayground(options: PlaygroundOptions): Promise<RunningPlayground> {
  const directory = packageDirectory();
  silencePlaygroundTelemetry(directory);
  const port = options.port ?? PLAYGROUND_PORT;
  const configPath = options.configPath ?? path.resolve('.m365agentsplayground.yml');
  const child = spawn(
    process.execPath,
    [
      path.join(directory, 'cli.js'),
      '-p',
      String(port),
      '-e',
      options.botEndpoint,
      '-c',
      'msteams',
      '--disable-telemetry',
    ],
    {
      cwd: options.workingDirectory ?? process.cwd(),
      env: {
        ...process.env,
        TEAMSAPPTESTER_BROWSER: 'none',
        APPLICATION_INSIGHTS_NO_STATSBEAT: 'true',
        M365_AGENTS_PLAYGROUND_CONFIG_PATH: configPath,
      },
      stdio: options.inheritOutput ? 'inherit' : 'ignore',
    },
  );
  const exited = new Promise<never>((_resolve, reject) => {
    child.once('exit', (code) =>
      reject(
        new Error(
          `the Agents Playground exited with code ${code}; see devTools/m365agentsplayground.log`,
        ),
      ),
    );
  });
  const url = `http://127.0.0.1:${port}`;
  await Promise.race([waitForHttp(`${url}/_debug/ping`, 60_000), exited]);
  exited.catch(() => undefined);

  return {
    url,
    process: child,
    stop: () => stopChild(child),
  };
}

/** Sends SIGTERM and waits for the process to end (SIGKILL after 5 s). */
export function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const force = setTimeout(() => child.kill('SIGKILL'), 5_000);
    child.once('exit', () => {
      clearTimeout(force);
      resolve();
    });
    child.kill('SIGTERM');
  });
}
