/**
 * The user's profile: how Spotter addresses and reaches a person.
 */

/** What Spotter keeps about a person who installed it (record kind `profile`, id `me`). */
export interface UserProfile {
  /** Display name as the host gave it. */
  readonly displayName: string;
  /** First name, for greetings. */
  readonly givenName: string;
  /** BCP 47 locale of the person's client, e.g. `en-GB`. */
  readonly locale: string;
  /** IANA time zone of the person's client, when it told us one. */
  readonly timeZone?: string;
  /**
   * Opaque address the bot adapter uses to reach the person proactively (their 1:1 chat).
   * @remarks Kept as plain JSON so the domain stays free of SDK types.
   */
  readonly conversationReference: Readonly<Record<string, unknown>>;
  /** When Spotter first met the person (ISO 8601). */
  readonly firstSeenAt: string;
}

/** Record kind and id of the profile. */
export const PROFILE_RECORD = { kind: 'profile', id: 'me' } as const;

const NAME_CHARACTERS = /[^\p{L}\p{M}'’.-]/gu;

/**
 * The first name to greet someone by: the first word of their display name, reduced to
 * letters and name punctuation so that no markup can ride along; undefined when nothing is left.
 */
export function firstNameOf(displayName: string | undefined): string | undefined {
  const firstWord = (displayName ?? '').trim().split(/\s+/)[0] ?? '';
  const cleaned = firstWord.replace(NAME_CHARACTERS, '').slice(0, 40);
  return cleaned.length > 0 ? cleaned : undefined;
}

/** Most time zones {@link isValidTimeZone} remembers as valid. */
const VALID_ZONES_KEPT = 1_000;
const validZones = new Set<string>();

/**
 * True when `zone` is an IANA time zone this runtime knows.
 *
 * @remarks
 * Building an `Intl.DateTimeFormat` to find out costs far more than a lookup, and every turn and
 * settings read asks about the same few zones, so the zones found valid are remembered.
 */
export function isValidTimeZone(zone: string | undefined): zone is string {
  if (!zone || zone.length > 64) return false;
  if (validZones.has(zone)) return true;
  try {
    new Intl.DateTimeFormat('en-US', { timeZone: zone });
  } catch {
    return false;
  }
  // Bounded memory: forgetting them all only costs each zone one more check.
  if (validZones.size >= VALID_ZONES_KEPT) validZones.clear();
  validZones.add(zone);
  return true;
}

/** True when `locale` is a well-formed BCP 47 tag. */
export function isValidLocale(locale: string | undefined): locale is string {
  if (!locale || locale.length > 35) return false;
  try {
    return Intl.getCanonicalLocales(locale).length === 1;
  } catch {
    return false;
  }
}
