/**
 * Bearer-token validation for the tab API: Entra ID access tokens in production, a local issuer
 * in tests.
 *
 * @remarks
 * A token is accepted only when it is RS256-signed by a key of the configured JWKS, is meant for
 * one of our audiences, was issued by the issuer of the very tenant it names (`tid`), is within
 * its validity window, and names a well-formed tenant and user. Its `tid` and `oid` then become
 * the caller's {@link Scope}: the only way a tab request reaches a tenant's data.
 * Whether Spotter serves that tenant is not decided here but by the API's tenant middleware,
 * so that an admin of a tenant not enabled yet can still reach self-service onboarding.
 *
 * jose is ESM-only and this package compiles to CommonJS, so it is loaded with a dynamic
 * `import()`: tsc keeps that a native import at run time, and Jest's transform turns it into a
 * `require` of the transformed module. A static import would not type-check under `Node16`.
 */
import type { JWTPayload, JWTVerifyGetKey } from 'jose' with { 'resolution-mode': 'import' };
import { isValidScopeId, scopeFromClaims, type Scope } from './scope';

/**
 * Why a request could not be authenticated. The HTTP layer answers `unavailable` with 503 and
 * every other reason with 401.
 */
export type AuthErrorReason =
  | 'missing'
  | 'malformed'
  | 'algorithm'
  | 'signature'
  | 'expired'
  | 'not-yet-valid'
  | 'audience'
  | 'issuer'
  | 'claims'
  | 'tenant'
  | 'dev-identity-disabled'
  | 'unavailable';

const MESSAGES: Record<AuthErrorReason, string> = {
  missing: 'Sign-in is required.',
  malformed: 'The sign-in token is not in a form this service accepts.',
  algorithm: 'The sign-in token uses a signing algorithm this service does not accept.',
  signature: 'The sign-in token could not be verified.',
  expired: 'The sign-in token has expired; sign in again.',
  'not-yet-valid': 'The sign-in token is not valid yet; check the device clock.',
  audience: 'The sign-in token was issued for another application.',
  issuer: 'The sign-in token was not issued by the expected authority.',
  claims: 'The sign-in token does not identify a user and organization.',
  tenant: 'Spotter is not enabled for your organization.',
  'dev-identity-disabled': 'The development identity is not accepted by this server.',
  unavailable: 'Sign-in cannot be checked right now; try again shortly.',
};

/**
 * Authentication failed. `message` is safe to show to the caller: it never contains the token
 * or its claims.
 */
export class AuthError extends Error {
  /** Machine-readable reason. */
  readonly reason: AuthErrorReason;

  constructor(reason: AuthErrorReason, options?: { cause?: unknown }) {
    super(MESSAGES[reason], options);
    this.name = 'AuthError';
    this.reason = reason;
  }
}

/** The caller of a tab API request, once authenticated. */
export interface AuthenticatedUser {
  /** Tenant and user the request acts for. */
  readonly scope: Scope;
  /** Display name (`name`, else `preferred_username`); empty when the token carries neither. */
  readonly name: string;
  /** First name (`given_name`), when the token carries one. */
  readonly givenName?: string | undefined;
  /**
   * The user's e-mail address (`email`, else `preferred_username` when it is one), lower-cased;
   * only for suggesting people, never for deciding who someone is.
   */
  readonly address?: string | undefined;
  /** App roles granted to the user (`roles`). */
  readonly roles: readonly string[];
  /** Entra directory role template ids of the user (`wids`), when the token carries them. */
  readonly directoryRoles?: readonly string[];
  /**
   * Object ids of the user's Entra groups (`groups`); absent when the token cannot say (no
   * claim configured, or too many groups for a token, which Entra marks as an overage).
   */
  readonly groups?: readonly string[];
  /** True only for the labelled local development identity. */
  readonly devIdentity: boolean;
}

/** Settings of {@link createTokenValidator}; `Config['auth']` fits. */
export interface TokenValidatorOptions {
  /** JWKS URL with the issuer's signing keys. */
  readonly jwksUrl: string;
  /** Accepted `aud` values; an empty list accepts no token. */
  readonly audiences: readonly string[];
  /** Expected `iss`, with `{tenantid}` standing for the token's `tid`. */
  readonly issuerTemplate: string;
  /** Allowed clock skew for `exp` and `nbf`, 0 to 60 seconds. @default 30 */
  readonly clockToleranceSeconds?: number;
  /** How long a JWKS fetch may take. @default 5000 */
  readonly jwksTimeoutMs?: number;
}

/** Validates bearer tokens. */
export interface TokenValidator {
  /** The authenticated user a token names; throws {@link AuthError} when it is not acceptable. */
  validate(token: string): Promise<AuthenticatedUser>;
}

const TENANT_PLACEHOLDER = '{tenantid}';
/** Entra tokens are 1–3 KB; the cap keeps parsing cheap for junk. */
const MAX_TOKEN_LENGTH = 8192;
const COMPACT_JWS = /^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]*$/;
const MAX_NAME_LENGTH = 256;

type Jose = typeof import('jose', { with: { 'resolution-mode': 'import' } });

/**
 * Creates a validator. The JWKS is fetched on first use and cached; an unknown `kid` triggers a
 * refetch (at most every 30 s), so signing-key rollover needs no restart.
 */
export function createTokenValidator(options: TokenValidatorOptions): TokenValidator {
  const tolerance = options.clockToleranceSeconds ?? 30;
  if (!(tolerance >= 0 && tolerance <= 60)) {
    throw new RangeError('clockToleranceSeconds must be between 0 and 60');
  }
  if (!options.issuerTemplate.includes(TENANT_PLACEHOLDER)) {
    throw new RangeError(`issuerTemplate must contain ${TENANT_PLACEHOLDER}`);
  }
  const jwksUrl = new URL(options.jwksUrl);
  const audiences = [...options.audiences];

  let ready: Promise<{ jose: Jose; keys: JWTVerifyGetKey }> | undefined;
  const load = () =>
    (ready ??= import('jose').then((jose) => ({
      jose,
      keys: jose.createRemoteJWKSet(jwksUrl, { timeoutDuration: options.jwksTimeoutMs ?? 5000 }),
    })));

  return {
    async validate(token) {
      if (typeof token !== 'string' || token.length === 0) throw new AuthError('missing');
      if (token.length > MAX_TOKEN_LENGTH || !COMPACT_JWS.test(token)) {
        throw new AuthError('malformed');
      }
      const { jose, keys } = await load();

      let tenantId: string;
      try {
        // Checked before any key lookup, so junk never triggers a JWKS fetch.
        if (jose.decodeProtectedHeader(token).alg !== 'RS256') throw new AuthError('algorithm');
        // Unverified, used only to name the expected issuer; the signature check below proves it.
        const tid = jose.decodeJwt(token).tid;
        if (typeof tid !== 'string' || !isValidScopeId(tid)) throw new AuthError('claims');
        tenantId = tid;
      } catch (error) {
        throw error instanceof AuthError ? error : new AuthError('malformed');
      }

      let payload: JWTPayload;
      try {
        ({ payload } = await jose.jwtVerify(token, keys, {
          algorithms: ['RS256'],
          audience: audiences,
          issuer: options.issuerTemplate.split(TENANT_PLACEHOLDER).join(tenantId),
          clockTolerance: tolerance,
          requiredClaims: ['exp'],
        }));
      } catch (error) {
        throw toAuthError(error);
      }

      const oid = payload.oid;
      const scope = typeof oid === 'string' ? scopeFromClaims({ tid: tenantId, oid }) : undefined;
      if (scope === undefined) throw new AuthError('claims');
      const givenName = text(payload.given_name);
      const directoryRoles = strings(payload.wids);
      const address = addressOf(payload.email) ?? addressOf(payload.preferred_username);
      const groups = groupsOf(payload);
      return Object.freeze({
        scope,
        name: text(payload.name) ?? text(payload.preferred_username) ?? '',
        ...(givenName === undefined ? {} : { givenName }),
        ...(address === undefined ? {} : { address }),
        roles: Object.freeze(strings(payload.roles)),
        ...(directoryRoles.length > 0 ? { directoryRoles: Object.freeze(directoryRoles) } : {}),
        ...(groups ? { groups: Object.freeze(groups) } : {}),
        devIdentity: false,
      });
    },
  };
}

/**
 * The `groups` claim, or undefined when the token does not list them: without the claim, or on
 * an overage (`hasgroups`, or `groups` in `_claim_names`), where Entra leaves them out.
 */
function groupsOf(payload: JWTPayload): string[] | undefined {
  const claimNames = payload['_claim_names'];
  const overage =
    payload['hasgroups'] === true ||
    (typeof claimNames === 'object' && claimNames !== null && 'groups' in claimNames);
  return overage || !Array.isArray(payload['groups']) ? undefined : strings(payload['groups']);
}

/** The strings of a list claim; anything else in it is ignored. */
function strings(claim: unknown): string[] {
  return Array.isArray(claim)
    ? claim.filter((item): item is string => typeof item === 'string')
    : [];
}

/** A non-empty display string from a claim, trimmed and capped. */
function text(claim: unknown): string | undefined {
  if (typeof claim !== 'string') return undefined;
  const trimmed = claim.trim().slice(0, MAX_NAME_LENGTH);
  return trimmed.length > 0 ? trimmed : undefined;
}

/** An e-mail address from a claim, lower-cased; undefined for anything else. */
function addressOf(claim: unknown): string | undefined {
  if (typeof claim !== 'string') return undefined;
  const address = claim.trim().toLowerCase();
  return address.length <= MAX_NAME_LENGTH && /^[^\s@]+@[^\s@]+$/.test(address)
    ? address
    : undefined;
}

/**
 * Maps a jose failure to a reason. Claim errors carry the payload, so they are never kept as a
 * cause (a logged error must not spill claims); only key-fetch failures keep theirs, for operators.
 */
function toAuthError(error: unknown): AuthError {
  const { code, claim, reason } = (error ?? {}) as {
    code?: unknown;
    claim?: unknown;
    reason?: unknown;
  };
  switch (code) {
    case 'ERR_JWS_SIGNATURE_VERIFICATION_FAILED':
    case 'ERR_JWKS_NO_MATCHING_KEY':
    case 'ERR_JWKS_MULTIPLE_MATCHING_KEYS':
      return new AuthError('signature');
    case 'ERR_JWT_EXPIRED':
      return new AuthError('expired');
    case 'ERR_JWT_CLAIM_VALIDATION_FAILED':
      if (claim === 'aud') return new AuthError('audience');
      if (claim === 'iss') return new AuthError('issuer');
      if (claim === 'nbf' && reason === 'check_failed') return new AuthError('not-yet-valid');
      return new AuthError('claims');
    case 'ERR_JOSE_ALG_NOT_ALLOWED':
    case 'ERR_JOSE_NOT_SUPPORTED':
      return new AuthError('algorithm');
    case 'ERR_JWS_INVALID':
    case 'ERR_JWT_INVALID':
      return new AuthError('malformed');
    default:
      // The JWKS could not be fetched or read: network error, timeout, non-200, bad JSON or keys.
      return new AuthError('unavailable', { cause: error });
  }
}
