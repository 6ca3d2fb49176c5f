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

/** The tenant id of Spotter's own partitions; never a valid tenant id (it starts with `_`). */
export const SYSTEM_TENANT = '_system';

/**
 * Spotter's own partition, which belongs to no tenant: the reminder scheduler's time-slot index
 * and its leases, the retention index.
 *
 * @remarks
 * Its tenant id is {@link SYSTEM_TENANT}, which {@link isValidScopeId} refuses, so no tenant or
 * user scope can ever name it, and it can never name theirs. It holds only what an index needs
 * to find work (tenant and user ids, instants), never anyone's content. Only the
 * modules that own such an index mint one: the scheduler's slot index
 * (`src/scheduler/slot-index.ts`) and the retention index (`src/services/retention-service.ts`);
 * `tests/unit/scheduler/scope-minting.spec.ts` keeps that list.
 */
export interface SystemScope {
  /** Always {@link SYSTEM_TENANT}. */
  readonly tenantId: typeof SYSTEM_TENANT;
  /** The system partition's name, e.g. a time slot of the reminder index. */
  readonly userId: string;
  readonly [minted]: 'system';
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

const SYSTEM_PARTITION_PATTERN = /^[a-z][a-z0-9-]{0,99}$/;

/**
 * A partition of Spotter's own (see {@link SystemScope}); undefined for a malformed name.
 *
 * @remarks
 * Called only by the modules that own an index of Spotter's (see {@link SystemScope}), and only
 * with names they build themselves, never from anything a client sent.
 */
export function systemScope(partition: string): SystemScope | undefined {
  if (typeof partition !== 'string' || !SYSTEM_PARTITION_PATTERN.test(partition)) return undefined;
  return Object.freeze({ tenantId: SYSTEM_TENANT, userId: partition }) as SystemScope;
}

/** A user named by an entry of Spotter's own reminder index. */
export interface IndexedUser {
  /** Tenant id, as the server wrote it into the index. */
  readonly tenantId: string;
  /** User id, as the server wrote it into the index. */
  readonly userId: string;
}

/**
 * The scope of a user found in Spotter's reminder index, or undefined when the entry is malformed.
 *
 * @remarks
 * The index lives in a {@link SystemScope} partition that only the server writes, and the server
 * writes an entry only from a scope it already holds (the authenticated activity or token that
 * changed the person's settings, installed the app or completed a reflection). So the tenant here
 * still comes from an authenticated source, one step removed; no client can write the index.
 * Only the scheduler's index module (`src/scheduler/slot-index.ts`) calls this.
 */
export function scopeFromIndexEntry(entry: IndexedUser): Scope | undefined {
  if (!isValidScopeId(entry.tenantId) || !isValidScopeId(entry.userId)) return undefined;
  return mintUser(entry.tenantId, entry.userId);
}

/**
 * The tenant-wide scope of a tenant found in Spotter's retention index, or undefined when the
 * entry is malformed.
 *
 * @remarks
 * The same reasoning as {@link scopeFromIndexEntry}: the index lives in a {@link SystemScope}
 * partition only the server writes, and it writes an entry only when an authenticated admin of
 * that very tenant turns retention on. Only `src/services/retention-service.ts` calls this.
 */
export function tenantScopeFromIndexEntry(tenantId: string): TenantScope | undefined {
  return isValidScopeId(tenantId) ? mintTenant(tenantId) : undefined;
}

/**
 * The scope of a user whose record a tenant listing returned: always that tenant.
 *
 * @remarks
 * Like {@link colleagueScope}, the user id comes from stored data but the tenant only from a
 * scope the caller already holds, so the result cannot leave the tenant. Server jobs use it to
 * change a record they found with `listTenant` (retention).
 */
export function memberScope(tenant: TenantScope, userId: string): Scope | undefined {
  if (!isValidScopeId(userId)) return undefined;
  return mintUser(tenant.tenantId, userId);
}

/** The tenant-wide scope of a user's tenant. */
export function tenantScopeOf(scope: Scope): TenantScope {
  return mintTenant(scope.tenantId);
}
