/**
 * A local Entra-like token issuer for tests.
 *
 * @remarks
 * Serves a JWKS at `/discovery/v2.0/keys` and OpenID documents at
 * `/{tenant}/v2.0/.well-known/openid-configuration` on 127.0.0.1 (a free port), with issuers
 * shaped like Entra's (`<baseUrl>/<tid>/v2.0`). `sign` mints good tokens by default and bad
 * ones on request, so tests can prove each check of the validator.
 *
 * ```ts
 * const issuer = await startTokenIssuer();
 * const validator = createTokenValidator(issuer.authOptions);
 * const token = await issuer.sign({ oid: undefined }, { expiresIn: -120 });
 * await issuer.stop();
 * ```
 */
import { randomUUID, createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Options of {@link startTokenIssuer}; the defaults suit most tests. */
export interface TokenIssuerOptions {
  /** Default `aud`. @default 'api://localhost/spotter-test' */
  readonly audience?: string;
  /** Default `tid`. @default a fixed test tenant GUID */
  readonly tenantId?: string;
  /** Default `oid`. @default a fixed test user GUID */
  readonly userId?: string;
}

/** How {@link TokenIssuer.sign} signs a token; the defaults make a valid token. */
export interface SignOptions {
  /** `kid` header. @default the published key's kid (also with `key: 'foreign'`, to forge it) */
  readonly kid?: string;
  /** `valid`: the published key; `foreign`: a key that is not in the JWKS. @default 'valid' */
  readonly key?: 'valid' | 'foreign';
  /**
   * `HS256` is keyed with the published public key's PEM (the key-confusion attack); `none` is
   * unsigned. @default 'RS256'
   */
  readonly alg?: 'RS256' | 'HS256' | 'none';
  /** Seconds from now to `exp`; negative for an expired token. @default 3600 */
  readonly expiresIn?: number;
  /** Seconds from now to `nbf`; positive for a token not yet valid. @default 0 */
  readonly notBefore?: number;
}

/** A running local issuer. */
export interface TokenIssuer {
  /** `http://127.0.0.1:<port>`. */
  readonly baseUrl: string;
  /** The JWKS URL (`AUTH_JWKS_URL`). */
  readonly jwksUrl: string;
  /** The issuer with `{tenantid}` (`AUTH_ISSUER_TEMPLATE`). */
  readonly issuerTemplate: string;
  /** Default `aud` (`AAD_APP_ID_URI`). */
  readonly audience: string;
  /** Default `tid`. */
  readonly tenantId: string;
  /** Default `oid`. */
  readonly userId: string;
  /** `jwksUrl`, `issuerTemplate` and `audiences` as the token validator takes them. */
  readonly authOptions: { jwksUrl: string; issuerTemplate: string; audiences: string[] };
  /** The environment variables that point the server at this issuer. */
  readonly env: Readonly<
    Record<'AUTH_JWKS_URL' | 'AUTH_ISSUER_TEMPLATE' | 'AAD_APP_ID_URI', string>
  >;
  /** The issuer of a tenant (`<baseUrl>/<tid>/v2.0`). */
  issuerFor(tenantId: string): string;
  /**
   * Mints a token. `claims` override the defaults (`aud`, `iss`, `tid`, `oid`, `sub`, `name`,
   * `preferred_username`, `iat`, `nbf`, `exp`, `ver`, `scp`); an `undefined` value removes the
   * claim. `iss` follows the final `tid` unless overridden.
   */
  sign(claims?: Record<string, unknown>, options?: SignOptions): Promise<string>;
  /** Closes the server and its connections; safe to call twice. */
  stop(): Promise<void>;
}

const DEFAULT_TENANT = 'b0000000-0000-4000-8000-000000000001';
const DEFAULT_USER = 'b0000000-0000-4000-8000-000000000011';
const DEFAULT_AUDIENCE = 'api://localhost/spotter-test';

/** Starts an issuer on 127.0.0.1 with a fresh published key and a fresh foreign key. */
export async function startTokenIssuer(options: TokenIssuerOptions = {}): Promise<TokenIssuer> {
  const jose = await import('jose');
  const [published, foreign] = await Promise.all([
    jose.generateKeyPair('RS256', { extractable: true }),
    jose.generateKeyPair('RS256', { extractable: true }),
  ]);
  const kid = `test-${randomUUID()}`;
  const jwks = {
    keys: [{ ...(await jose.exportJWK(published.publicKey)), kid, alg: 'RS256', use: 'sig' }],
  };
  const confusionSecret = await jose.exportSPKI(published.publicKey);

  const audience = options.audience ?? DEFAULT_AUDIENCE;
  const tenantId = options.tenantId ?? DEFAULT_TENANT;
  const userId = options.userId ?? DEFAULT_USER;

  let baseUrl = '';
  const issuerFor = (tid: string) => `${baseUrl}/${tid}/v2.0`;
  const server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname;
    const tenant = /^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/.exec(path)?.[1];
    let body: unknown;
    if (request.method === 'GET' && path === '/discovery/v2.0/keys') body = jwks;
    else if (request.method === 'GET' && tenant !== undefined) {
      body = {
        // Like Entra, the multi-tenant documents name the issuer with a placeholder.
        issuer:
          tenant === 'common' || tenant === 'organizations'
            ? issuerFor('{tenantid}')
            : issuerFor(tenant),
        jwks_uri: `${baseUrl}/discovery/v2.0/keys`,
        id_token_signing_alg_values_supported: ['RS256'],
        response_types_supported: ['code', 'id_token', 'token id_token'],
        subject_types_supported: ['pairwise'],
      };
    }
    response.writeHead(body === undefined ? 404 : 200, { 'content-type': 'application/json' });
    response.end(JSON.stringify(body ?? { error: 'not_found' }));
  });
  await listen(server);
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const jwksUrl = `${baseUrl}/discovery/v2.0/keys`;
  const issuerTemplate = issuerFor('{tenantid}');

  async function sign(claims: Record<string, unknown> = {}, signOptions: SignOptions = {}) {
    const now = Math.floor(Date.now() / 1000);
    const tid = 'tid' in claims ? claims.tid : tenantId;
    const merged: Record<string, unknown> = {
      aud: audience,
      iss: typeof tid === 'string' ? issuerFor(tid) : issuerFor(tenantId),
      iat: now,
      nbf: now + (signOptions.notBefore ?? 0),
      exp: now + (signOptions.expiresIn ?? 3600),
      tid: tenantId,
      oid: userId,
      sub: `sub-${userId}`,
      name: 'Taylor Test',
      preferred_username: 'taylor@contoso.example',
      ver: '2.0',
      scp: 'access_as_user',
      ...claims,
    };
    const payload = Object.fromEntries(
      Object.entries(merged).filter(([, value]) => value !== undefined),
    );
    const alg = signOptions.alg ?? 'RS256';
    const header = { alg, typ: 'JWT', kid: signOptions.kid ?? kid };
    if (alg === 'RS256') {
      const key = signOptions.key === 'foreign' ? foreign.privateKey : published.privateKey;
      return new jose.SignJWT(payload).setProtectedHeader(header).sign(key);
    }
    const input = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(payload))}`;
    if (alg === 'none') return `${input}.`;
    return `${input}.${createHmac('sha256', confusionSecret).update(input).digest('base64url')}`;
  }

  let stopped: Promise<void> | undefined;
  return {
    baseUrl,
    jwksUrl,
    issuerTemplate,
    audience,
    tenantId,
    userId,
    authOptions: { jwksUrl, issuerTemplate, audiences: [audience] },
    env: { AUTH_JWKS_URL: jwksUrl, AUTH_ISSUER_TEMPLATE: issuerTemplate, AAD_APP_ID_URI: audience },
    issuerFor,
    sign,
    stop() {
      stopped ??= new Promise<void>((resolve, reject) => {
        server.close((error) => (error ? reject(error) : resolve()));
        // Keep-alive sockets of the validator's fetch would otherwise hold the server open.
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}

function listen(server: Server): Promise<void> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
}

function base64url(text: string): string {
  return Buffer.from(text).toString('base64url');
}
