/**
 * Who is behind an e-mail address, within one tenant: how the Outlook pane turns a mail's sender
 * into a colleague it can offer.
 *
 * @remarks
 * Outlook gives the pane only the sender's address, and Spotter's profiles (made by the bot) hold
 * no address. So a person's address is learnt from their own validated sign-in token (`email`,
 * else `preferred_username`) when they open the pane, and kept in their tenant's partition as a
 * record whose id is a hash of the address and whose data is only their user id. A lookup never
 * leaves the caller's tenant, and it answers only for people who still have a Spotter profile,
 * so someone who deleted their data is not found through a leftover entry. An address is a hint
 * for a suggestion the person confirms, never an identity.
 */
import { createHash } from 'node:crypto';
import { colleagueScope, tenantScopeOf, type Scope } from '../auth/scope';
import { PROFILE_RECORD, type UserProfile } from '../domain/profile';
import type { Store } from '../store/store';
import type { PersonForgetter } from './data-rights-service';

/** Record kind of an address entry (tenant partition; id: hash of the lower-cased address). */
export const ADDRESS_KIND = 'mail-address';

/**
 * The person's own pointer to their address entry (their partition), so deleting their data and
 * a changed address can find the tenant entry without a scan.
 */
export const OWN_ADDRESS_RECORD = { kind: 'mail-address-own', id: 'current' } as const;

/** What the person's own pointer holds. */
interface OwnAddress {
  /** Id of their entry in the tenant partition. */
  readonly addressId: string;
}

/** What an address entry holds. */
interface AddressEntry {
  /** The person's user id. */
  readonly userId: string;
}

/** A colleague found by address. */
export interface AddressedColleague {
  /** Entra object id. */
  readonly userId: string;
  /** Their profile. */
  readonly profile: UserProfile;
}

/** E-mail addresses of a tenant's Spotter users. */
export class AddressBook implements PersonForgetter {
  constructor(private readonly store: Store) {}

  /**
   * Notes that `address` (from the person's own token) is theirs; writes only on a change, and
   * then drops the entry of their previous address.
   */
  async remember(scope: Scope, address: string): Promise<void> {
    const tenant = tenantScopeOf(scope);
    const id = addressId(address);
    const known = await this.store.get<AddressEntry>(tenant, ADDRESS_KIND, id);
    if (known?.data.userId === scope.userId) return;
    await this.forgetUser(scope);
    await this.store.put<AddressEntry>(tenant, ADDRESS_KIND, id, { userId: scope.userId });
    await this.store.put<OwnAddress>(scope, OWN_ADDRESS_RECORD.kind, OWN_ADDRESS_RECORD.id, {
      addressId: id,
    });
  }

  /** Removes the person's address entry from the tenant partition (when it is still theirs). */
  async forgetUser(scope: Scope): Promise<void> {
    const own = await this.store.get<OwnAddress>(
      scope,
      OWN_ADDRESS_RECORD.kind,
      OWN_ADDRESS_RECORD.id,
    );
    if (!own) return;
    const tenant = tenantScopeOf(scope);
    const entry = await this.store.get<AddressEntry>(tenant, ADDRESS_KIND, own.data.addressId);
    if (entry?.data.userId === scope.userId) {
      await this.store.delete(tenant, ADDRESS_KIND, own.data.addressId);
    }
  }

  /** The Spotter user of the actor's tenant behind `address`, or undefined. */
  async find(actor: Scope, address: string): Promise<AddressedColleague | undefined> {
    const entry = await this.store.get<AddressEntry>(
      tenantScopeOf(actor),
      ADDRESS_KIND,
      addressId(address),
    );
    const scope = entry ? colleagueScope(actor, entry.data.userId) : undefined;
    if (!scope) return undefined;
    const profile = await this.store.get<UserProfile>(
      scope,
      PROFILE_RECORD.kind,
      PROFILE_RECORD.id,
    );
    return profile ? { userId: scope.userId, profile: profile.data } : undefined;
  }
}

function addressId(address: string): string {
  return createHash('sha256').update(address.trim().toLowerCase()).digest('hex');
}
