/**
 * Scopes: the only key to the store.
 *
 * @remarks
 * A scope names the tenant (and user) a store call acts for. Its brand can only be set here, and
 * the only ways in are an authenticated source: a Bot Framework–authenticated activity or the
 * claims of a validated Entra token. Nothing a client controls (body, query, card data, header)
 * can become a scope, so a store call for another tenant cannot even be written.
 */

declare const minted: unique symbol;

/** A tenant-wide scope: tenant-level records (settings, audit) and tenant listings. */
export interface TenantScope {
  /** Entra tenant id, from an authenticated source. */
  readonly tenantId: string;
  readonly [minted]: 'tenant';
}

/** One user of one tenant: the partition every personal record lives in. */
export interface Scope {
  /** Entra tenant id, from an authenticated source. */
  readonly tenantId: string;
  /** Entra object id of the user (stable across bot, tab and Outlook). */
  readonly userId: string;
  readonly [minted]: 'user';
}

/** The fields of an inbound activity that identify who is talking; the bot adapter fills them. */
export interface ActivityIdentity {
  /** `conversation.tenantId`, set by the channel. */
  readonly conversationTenantId?: string | undefined;
  /** `channelData.tenant.id`, set by Teams. */
  readonly channelTenantId?: string | undefined;
  /** `from.aadObjectId`: the Entra object id of the sender. */
  readonly aadObjectId?: string | undefined;
  /** `from.id`: the channel's user id, used only when no Entra object id is present. */
  readonly channelUserId?: string | undefined;
}

/** Validated token claims that identify a user (`tid`, `oid`). */
export interface IdentityClaims {
  /** Tenant id claim. */
  readonly tid: string;
  /** Object id claim. */
  readonly oid: string;
}

const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9:._@-]{0,127}$/;

/** True when a tenant or user id is well formed (and cannot collide with reserved partitions). */
export function isValidScopeId(value: string | undefined): value is string {
  return typeof value === 'string' && ID_PATTERN.test(value);
}

function mintUser(tenantId: string, userId: string): Scope {
  return Object.freeze({ tenantId, userId }) as Scope;
}

function mintTenant(tenantId: string): TenantScope {
  return Object.freeze({ tenantId }) as TenantScope;
}

/**
 * The scope of an authenticated activity's sender, or undefined when the activity does not name
 * a well-formed tenant and user.
 */
export function scopeFromActivity(identity: ActivityIdentity): Scope | undefined {
  const tenantId = identity.conversationTenantId ?? identity.channelTenantId;
  const userId = identity.aadObjectId ?? identity.channelUserId;
  if (!isValidScopeId(tenantId) || !isValidScopeId(userId)) return undefined;
  return mintUser(tenantId, userId);
}

/** The scope of a validated token's subject, or undefined when the claims are malformed. */
export function scopeFromClaims(claims: IdentityClaims): Scope | undefined {
  if (!isValidScopeId(claims.tid) || !isValidScopeId(claims.oid)) return undefined;
  return mintUser(claims.tid, claims.oid);
}

/**
 * The scope of a colleague of an authenticated person: always the person's own tenant.
 *
 * @remarks
 * Used where one person's action reaches another's partition (a help request lands in the
 * helper's inbox). The user id may be one the person chose, but the tenant never comes from
 * anything but the authenticated person, so a colleague scope cannot leave the tenant.
 */
export function colleagueScope(actor: Scope, colleagueUserId: string): Scope | undefined {
  if (!isValidScopeId(colleagueUserId)) return undefined;
  return mintUser(actor.tenantId, colleagueUserId);
}

/** The tenant-wide scope of a user's tenant. */
export function tenantScopeOf(scope: Scope): TenantScope {
  return mintTenant(scope.tenantId);
}
