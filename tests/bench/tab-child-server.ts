/**
 * The built Spotter server as a child process for benchmarks, so the load generator and the
 * browser never share its event loop.
 */
import path from 'node:path';
import { ROOT, startHttpChild, type HttpChild } from './http-child';

/** A running server process. */
export type ChildSpotter = HttpChild;

/** Starts `dist/src/server/main.js` with `env` on a free port; needs `npm run build` first. */
export function startChildSpotter(env: Record<string, string>): Promise<ChildSpotter> {
  return startHttpChild([path.join(ROOT, 'dist/src/server/main.js')], {
    HOST: '127.0.0.1',
    LOG_LEVEL: 'warn',
    ...env,
  });
}
