/**
 * Installs Spotter for a colleague through Microsoft Graph, so a help request can reach them in
 * a 1:1 chat with Spotter they did not open themselves.
 *
 * @remarks
 * Off unless configured (`HELP_REQUEST_GRAPH_INSTALL`, see the README). Calls Graph as the bot's
 * own app registration (client credentials in the colleague's tenant), which needs the
 * application permission `TeamsAppInstallation.ReadWriteSelfForUser.All` granted by an admin:
 * 1. `POST /users/{id}/teamwork/installedApps` with the app's catalog id (409: already there);
 * 2. `GET /users/{id}/teamwork/installedApps?$expand=teamsApp&$filter=teamsApp/id eq '…'`;
 * 3. `GET /users/{id}/teamwork/installedApps/{installation}/chat`: the 1:1 chat's id.
 * Any failure yields undefined; the caller then falls back to the compose-box advice.
 */
import type { Logger } from '../logging/logger';

/** Where and as whom Graph is called. */
export interface TeamsAppInstallerOptions {
  /** The bot's app id (client id). */
  readonly clientId: string;
  /** The bot's client secret. */
  readonly clientSecret: string;
  /** The app's id in the organization's app catalog. */
  readonly catalogAppId: string;
  /** Graph's base URL. @default 'https://graph.microsoft.com/v1.0' */
  readonly graphBaseUrl?: string;
  /** The identity platform's base URL. @default 'https://login.microsoftonline.com' */
  readonly loginBaseUrl?: string;
  /** Longest wait for one HTTP call, in milliseconds. @default 10000 */
  readonly timeoutMs?: number;
  /** Where failures are reported (never with tokens). */
  readonly logger?: Logger;
}

/** Installs the app for a user and finds the chat between them. */
export interface TeamsAppInstaller {
  /** The id of the user's 1:1 chat with Spotter after installing it, or undefined. */
  installFor(tenantId: string, userId: string): Promise<string | undefined>;
}

interface CachedToken {
  readonly value: string;
  readonly expiresAt: number;
}

/** {@link TeamsAppInstaller} over Microsoft Graph. */
export class GraphTeamsAppInstaller implements TeamsAppInstaller {
  private readonly graph: string;
  private readonly login: string;
  private readonly timeoutMs: number;
  private readonly tokens = new Map<string, CachedToken>();

  constructor(private readonly options: TeamsAppInstallerOptions) {
    this.graph = (options.graphBaseUrl ?? 'https://graph.microsoft.com/v1.0').replace(/\/$/, '');
    this.login = (options.loginBaseUrl ?? 'https://login.microsoftonline.com').replace(/\/$/, '');
    this.timeoutMs = options.timeoutMs ?? 10_000;
  }

  async installFor(tenantId: string, userId: string): Promise<string | undefined> {
    try {
      const token = await this.token(tenantId);
      const user = `${this.graph}/users/${encodeURIComponent(userId)}/teamwork/installedApps`;
      const install = await this.call(token, 'POST', user, {
        'teamsApp@odata.bind': `${this.graph}/appCatalogs/teamsApps/${encodeURIComponent(this.options.catalogAppId)}`,
      });
      if (!install.ok && install.status !== 409) return this.fail(tenantId, 'install', install);
      const filter = encodeURIComponent(`teamsApp/id eq '${this.options.catalogAppId}'`);
      const listed = await this.call(token, 'GET', `${user}?$expand=teamsApp&$filter=${filter}`);
      if (!listed.ok) return this.fail(tenantId, 'find installation', listed);
      const installation = ((await listed.json()) as { value?: Array<{ id?: unknown }> }).value?.[0]
        ?.id;
      if (typeof installation !== 'string') return undefined;
      const chat = await this.call(
        token,
        'GET',
        `${user}/${encodeURIComponent(installation)}/chat`,
      );
      if (!chat.ok) return this.fail(tenantId, 'find chat', chat);
      const chatId = ((await chat.json()) as { id?: unknown }).id;
      return typeof chatId === 'string' && chatId.length > 0 ? chatId : undefined;
    } catch (error) {
      this.options.logger?.warn(
        { tenantId, err: error instanceof Error ? error.message : String(error) },
        'graph install failed',
      );
      return undefined;
    }
  }

  private async token(tenantId: string): Promise<string> {
    const cached = this.tokens.get(tenantId);
    if (cached && cached.expiresAt > Date.now() + 60_000) return cached.value;
    const response = await fetch(
      `${this.login}/${encodeURIComponent(tenantId)}/oauth2/v2.0/token`,
      {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body: new URLSearchParams({
          client_id: this.options.clientId,
          client_secret: this.options.clientSecret,
          scope: 'https://graph.microsoft.com/.default',
          grant_type: 'client_credentials',
        }),
        signal: AbortSignal.timeout(this.timeoutMs),
      },
    );
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: unknown;
      expires_in?: unknown;
    };
    if (!response.ok || typeof body.access_token !== 'string') {
      throw new Error(`token request answered ${response.status}`);
    }
    const lifetime = typeof body.expires_in === 'number' ? body.expires_in : 300;
    this.tokens.set(tenantId, {
      value: body.access_token,
      expiresAt: Date.now() + lifetime * 1000,
    });
    return body.access_token;
  }

  private call(token: string, method: 'GET' | 'POST', url: string, body?: unknown) {
    return fetch(url, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
      signal: AbortSignal.timeout(this.timeoutMs),
    });
  }

  private fail(tenantId: string, step: string, response: Response): undefined {
    this.options.logger?.warn({ tenantId, step, status: response.status }, 'graph install failed');
    return undefined;
  }
}
