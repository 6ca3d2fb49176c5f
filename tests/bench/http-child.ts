/**
 * A benchmark's server in a process of its own, so the load generator (and the browser) never
 * share its event loop: started on a free port, ready once `/readyz` answers, stopped with
 * SIGTERM.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { waitForHttp } from '../../src/dev/wait-for-http';
import { freePort } from '../support/free-port';

/** A running server process. */
export interface HttpChild {
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** Its process id (to sample its memory from `/proc`). */
  readonly pid: number;
  /** Stops the process and waits for it to exit. */
  stop(): Promise<void>;
}

/** The repository root, the child's working directory. */
export const ROOT = path.resolve(__dirname, '../..');

/** Runs `node <args>` with `env` and `PORT` (a free one) added, and waits until it is ready. */
export async function startHttpChild(
  args: readonly string[],
  env: Record<string, string> = {},
): Promise<HttpChild> {
  const port = await freePort();
  const child: ChildProcess = spawn(process.execPath, [...args], {
    cwd: ROOT,
    env: { ...process.env, ...env, PORT: String(port) },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
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
