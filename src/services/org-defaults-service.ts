/**
 * An organization's defaults and feature switches: read and saved by its admins, applied to its
 * people by the bot, the tab API and the reminder planner.
 *
 * @remarks
 * The record lives in the tenant's own partition, so one organization's defaults can neither be
 * read nor written with another's scope. Each instance keeps a tenant's record for a few seconds
 * (`ORG_DEFAULTS_CACHE_SECONDS`) so that a busy tenant costs one read per interval, not one per
 * turn; an admin's save clears the saving instance's copy at once, and every other instance
 * reads the change when its copy expires. Nothing needs a restart or a redeploy.
 *
 * Group overrides need to know a person's Entra groups. The tab's token carries them (`groups`
 * claim); the tab API uses the token's list directly, and the tab's sign-in call remembers it in
 * the person's own partition (record `org-groups`), where the bot and the reminder planner, which
 * see no token, read it. A person who never opened the tab gets the base values.
 */
import { tenantScopeOf, type Scope } from '../auth/scope';
import {
  builtInOrgDefaults,
  membershipsOf,
  ORG_DEFAULTS_RECORD,
  ORG_GROUPS_RECORD,
  policyFor,
  settingsUnderPolicy,
  type Feature,
  type GroupMemberships,
  type OrgDefaults,
  type OrgPolicy,
} from '../domain/org-defaults';
import type { UserSettings } from '../domain/settings';
import type { Store } from '../store/store';
import type { Versioned } from './practice-service';

/** Most tenants kept in one instance's cache; the oldest entry goes first. */
const MAX_CACHED_TENANTS = 10_000;

/** Options of {@link OrgDefaultsService}. */
export interface OrgDefaultsServiceOptions {
  /** How long a tenant's record is kept before it is read again, in milliseconds; 0 never keeps it. */
  readonly cacheMs: number;
  /** Clock for the cache. @default Date.now */
  readonly clock?: () => number;
}

interface CacheEntry {
  readonly expiresAt: number;
  readonly defaults: Promise<OrgDefaults>;
}

/** Defaults of the organizations Spotter serves, each read in its own tenant only. */
export class OrgDefaultsService {
  private readonly cache = new Map<string, CacheEntry>();
  private readonly clock: () => number;

  constructor(
    private readonly store: Store,
    private readonly options: OrgDefaultsServiceOptions,
  ) {
    this.clock = options.clock ?? Date.now;
  }

  /** The caller's tenant's defaults as stored, with their etag (Spotter's own before a save). */
  async read(admin: Scope): Promise<Versioned<OrgDefaults>> {
    const stored = await this.store.get<OrgDefaults>(
      tenantScopeOf(admin),
      ORG_DEFAULTS_RECORD.kind,
      ORG_DEFAULTS_RECORD.id,
    );
    return stored ? { value: stored.data, etag: stored.etag } : { value: builtInOrgDefaults() };
  }

  /** Replaces the caller's tenant's defaults; with `ifMatch`, only over the version read. */
  async save(
    admin: Scope,
    defaults: OrgDefaults,
    ifMatch?: string,
  ): Promise<Versioned<OrgDefaults>> {
    const record = await this.store.put(
      tenantScopeOf(admin),
      ORG_DEFAULTS_RECORD.kind,
      ORG_DEFAULTS_RECORD.id,
      defaults,
      { ...(ifMatch ? { ifMatch } : {}) },
    );
    this.cache.delete(admin.tenantId);
    return { value: record.data, etag: record.etag };
  }

  /**
   * What applies to a person: their tenant's defaults with the override of their first listed
   * group. `tokenGroups` are the groups of the person's token, when the caller has one; without
   * it the groups remembered from their last tab sign-in count.
   */
  async policy(scope: Scope, tokenGroups?: readonly string[]): Promise<OrgPolicy> {
    const defaults = await this.defaultsOf(scope);
    if (defaults.groups.length === 0) return policyFor(defaults, []);
    const groupIds = tokenGroups
      ? membershipsOf(tokenGroups).groupIds
      : ((await this.memberships(scope))?.groupIds ?? []);
    return policyFor(defaults, groupIds);
  }

  /** True when `feature` is on for the person (see {@link policy} for `tokenGroups`). */
  async isOn(scope: Scope, feature: Feature, tokenGroups?: readonly string[]): Promise<boolean> {
    return (await this.policy(scope, tokenGroups)).features[feature];
  }

  /** The settings of a person who has not saved their own, in their time zone. */
  async defaultSettings(scope: Scope, timeZone: string | undefined): Promise<UserSettings> {
    return settingsUnderPolicy(await this.policy(scope), timeZone);
  }

  /**
   * Remembers the groups of the person's token for the bot and the planner; writes only when
   * they changed since the last sign-in.
   */
  async rememberGroups(scope: Scope, tokenGroups: readonly string[]): Promise<void> {
    const next = membershipsOf(tokenGroups);
    const stored = await this.memberships(scope);
    if (stored && stored.groupIds.join(',') === next.groupIds.join(',')) return;
    if (!stored && next.groupIds.length === 0) return;
    await this.store.put(scope, ORG_GROUPS_RECORD.kind, ORG_GROUPS_RECORD.id, next);
  }

  private async memberships(scope: Scope): Promise<GroupMemberships | undefined> {
    const record = await this.store.get<GroupMemberships>(
      scope,
      ORG_GROUPS_RECORD.kind,
      ORG_GROUPS_RECORD.id,
    );
    return record?.data;
  }

  private defaultsOf(scope: Scope): Promise<OrgDefaults> {
    const now = this.clock();
    const cached = this.cache.get(scope.tenantId);
    if (cached && cached.expiresAt > now) return cached.defaults;
    const defaults = this.read(scope).then((read) => read.value);
    if (this.options.cacheMs <= 0) return defaults;
    this.cache.delete(scope.tenantId);
    if (this.cache.size >= MAX_CACHED_TENANTS) {
      const oldest = this.cache.keys().next().value;
      if (oldest !== undefined) this.cache.delete(oldest);
    }
    this.cache.set(scope.tenantId, { expiresAt: now + this.options.cacheMs, defaults });
    // A failed read is not kept: the next caller tries the store again.
    defaults.catch(() => {
      if (this.cache.get(scope.tenantId)?.defaults === defaults) {
        this.cache.delete(scope.tenantId);
      }
    });
    return defaults;
  }
}
