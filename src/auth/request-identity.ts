/**
 * Who is calling: turns a tab API request's `Authorization` header into an authenticated user.
 *
 * @remarks
 * Two shapes are accepted: `Bearer <jwt>`, checked by the token validator, and the labelled
 * development identity (`Dev local`), only when the configuration enables it (never in
 * production). Anything else is refused, so no header a client invents can name a tenant.
 */
import { DEV_AUTHORIZATION } from '../api/contracts';
import { DEV_IDENTITY, type Config } from '../config/config';
import { scopeFromClaims } from './scope';
import { AuthError, type AuthenticatedUser, type TokenValidator } from './token-validator';

/** Authenticates tab API requests. */
export interface RequestAuthenticator {
  /** The caller named by an `Authorization` header; throws {@link AuthError} when there is none. */
  authenticate(authorizationHeader: string | undefined): Promise<AuthenticatedUser>;
}

/** Longer headers are refused before any parsing; real Entra tokens are far shorter. */
const MAX_HEADER_LENGTH = 8192;
/** RFC 6750 `b64token` after a case-insensitive `Bearer` scheme. */
const BEARER = /^Bearer +([A-Za-z0-9\-._~+/]+=*)$/i;

/** Creates the authenticator for the configured auth settings and token validator. */
export function createRequestAuthenticator(
  config: Config['auth'],
  validator: TokenValidator,
): RequestAuthenticator {
  const devUser = config.devIdentity ? developmentUser() : undefined;

  return {
    async authenticate(authorizationHeader) {
      if (authorizationHeader === undefined || authorizationHeader.trim().length === 0) {
        throw new AuthError('missing');
      }
      if (authorizationHeader.length > MAX_HEADER_LENGTH) throw new AuthError('malformed');
      if (authorizationHeader === DEV_AUTHORIZATION) {
        if (devUser === undefined) throw new AuthError('dev-identity-disabled');
        return devUser;
      }
      const token = BEARER.exec(authorizationHeader)?.[1];
      if (token === undefined) throw new AuthError('malformed');
      return validator.validate(token);
    },
  };
}

function developmentUser(): AuthenticatedUser {
  const scope = scopeFromClaims({ tid: DEV_IDENTITY.tenantId, oid: DEV_IDENTITY.userId });
  if (scope === undefined) throw new Error('DEV_IDENTITY is not a valid scope');
  return Object.freeze({
    scope,
    name: DEV_IDENTITY.name,
    givenName: DEV_IDENTITY.givenName,
    roles: Object.freeze([]),
    devIdentity: true,
  });
}
