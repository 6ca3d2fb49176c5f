/**
 * The built Spotter server as a child process for benchmarks, so the load generator and the
 * browser never share its event loop.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitForHttp } from '../../src/dev/wait-for-http';
import { freePort } from '../support/free-port';

/** A running server process. */
export interface ChildSpotter {
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** Its process id (to sample its memory from `/proc`). */
  readonly pid: number;
  /** Stops the process and waits for it to exit. */
  stop(): Promise<void>;
}

const ROOT = path.resolve(__dirname, '../..');

/** Starts `dist/src/server/main.js` with `env` on a free port; needs `npm run build` first. */
export async function startChildSpotter(env: Record<string, string>): Promise<ChildSpotter> {
  const port = await freePort();
  const child: ChildProcess = spawn(
    process.execPath,
    [path.join(ROOT, 'dist/src/server/main.js')],
    {
      cwd: ROOT,
      env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ...env },
      stdio: ['ignore', 'ignore', 'inherit'],
    },
  );
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const baseUrl = `http://127.0.0.1:${port}`;
  try {
    await waitForHttp(`${baseUrl}/readyz`);
  } catch (error) {
    child.kill('SIGKILL');
    throw error;
  }
  return {
    baseUrl,
    pid: child.pid as number,
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
