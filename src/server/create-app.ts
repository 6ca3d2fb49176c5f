/**
 * The one HTTP application: bot endpoint, tab API, the built tab, health and readiness.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import express, { type NextFunction, type Request, type Response } from 'express';
import type { SpotterBot } from '../../bot/app';
import { createApiRouter, type ApiServices } from '../api/router';
import { sendProblem } from '../api/problem';
import type { RequestAuthenticator } from '../auth/request-identity';
import type { Logger } from '../logging/logger';
import type { Store } from '../store/store';
import { botEndpoint } from './bot-endpoint';
import { securityHeaders } from './security-headers';

/** Largest JSON body accepted (activities and API bodies). */
export const MAX_BODY_BYTES = 256 * 1024;

/** Everything the HTTP application is assembled from. */
export interface HttpAppDependencies {
  /** Record store, pinged by `/readyz`. */
  readonly store: Store;
  /** The bot behind `/api/messages`. */
  readonly bot: SpotterBot;
  /** True when the bot endpoint requires Bot Framework tokens. */
  readonly botAuthenticationRequired: boolean;
  /** Tab API authentication. */
  readonly authenticator: RequestAuthenticator;
  /** The use cases the tab API serves. */
  readonly services: ApiServices;
  /** Root logger. */
  readonly logger: Logger;
  /** Folder of the built tab. @default `dist/tab` under the working directory */
  readonly tabDirectory?: string;
  /** True once a shutdown has begun: readiness fails so load balancers stop sending work. */
  readonly isDraining?: () => boolean;
}

/** Builds the Express application. */
export function createHttpApp(deps: HttpAppDependencies): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('trust proxy', true);
  app.use(securityHeaders);

  app.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  app.get('/readyz', async (_req, res) => {
    if (deps.isDraining?.()) {
      sendProblem(res, 503, 'Shutting down.');
      return;
    }
    try {
      await deps.store.ping();
      res.json({ status: 'ready' });
    } catch {
      sendProblem(res, 503, 'The store is not answering yet.');
    }
  });

  const json = express.json({
    limit: MAX_BODY_BYTES,
    type: ['application/json', 'application/*+json'],
  });
  app.post(
    '/api/messages',
    json,
    botEndpoint({
      bot: deps.bot,
      authenticationRequired: deps.botAuthenticationRequired,
      logger: deps.logger,
    }),
  );
  app.all('/api/messages', (_req, res) => sendProblem(res, 405, 'Use POST.'));

  const api = createApiRouter(deps.authenticator, deps.services);
  app.use('/api/v1', json, api);
  app.use('/api', json, (req, res, next) =>
    req.path === '/me' ? api(req, res, next) : sendProblem(res, 404, 'There is no such API route.'),
  );

  const tabDirectory = deps.tabDirectory ?? path.resolve('dist/tab');
  app.use(
    express.static(tabDirectory, {
      index: 'index.html',
      setHeaders: (res, filePath) => {
        // Vite fingerprints assets; index.html must be revalidated so a deploy is picked up.
        res.set(
          'Cache-Control',
          filePath.includes(`${path.sep}assets${path.sep}`)
            ? 'public, max-age=31536000, immutable'
            : 'no-cache',
        );
      },
    }),
  );
  app.get(/^\/(?!api\/).*/, (_req, res, next) => {
    const index = path.join(tabDirectory, 'index.html');
    if (existsSync(index)) res.set('Cache-Control', 'no-cache').sendFile(index);
    else next();
  });

  app.use((_req, res) => sendProblem(res, 404, 'Nothing lives at this address.'));
  app.use((error: unknown, req: Request, res: Response, _next: NextFunction) => {
    const status = httpStatusOf(error);
    if (status >= 400 && status < 500) {
      sendProblem(res, status, clientErrorDetail(status));
      return;
    }
    deps.logger.error(
      {
        err: error instanceof Error ? { name: error.name, message: error.message } : String(error),
        path: req.path,
      },
      'request failed',
    );
    sendProblem(res, 500, 'Something went wrong on our side; nothing was changed.');
  });
  return app;
}

function httpStatusOf(error: unknown): number {
  const status = (error as { status?: unknown; statusCode?: unknown } | null)?.status;
  return typeof status === 'number' ? status : 500;
}

function clientErrorDetail(status: number): string {
  if (status === 413) return `The body is larger than ${MAX_BODY_BYTES / 1024} KB.`;
  if (status === 415) return 'Send JSON (application/json).';
  return 'The body is not valid JSON.';
}
