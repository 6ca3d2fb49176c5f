/**
 * The weekly challenge: one small, light thing to try, different each week.
 *
 * @remarks
 * The words live in the bot's locale files (`challenge.<id>`); the domain only decides which
 * challenge a person gets in a week. Each person walks through every challenge in an order of
 * their own (a shuffle seeded by their id), one per week, so no challenge comes back within
 * {@link CHALLENGE_IDS}.length consecutive weeks (the length of the organization's
 * {@link CHALLENGE_SETS | set}) and colleagues do not all get the same one.
 */
import { mondayOf, type WeekKey } from './week';

/** Every challenge, by the id its text is filed under. */
export const CHALLENGE_IDS = [
  'ask-small-thing',
  'say-yes',
  'specific-thanks',
  'ask-advice',
  'share-stuck',
  'ask-someone-new',
  'just-listen',
  'hand-off',
  'draft-feedback',
  'reconnect',
  'ask-early',
  'ask-how',
] as const;

/** A challenge's id. */
export type ChallengeId = (typeof CHALLENGE_IDS)[number];

/**
 * The sets an organization may choose its weekly challenges from.
 *
 * @remarks
 * `gentle` leaves out the challenges that ask for more exposure (saying where one is stuck,
 * handing work off, feedback on a draft, approaching a near-stranger, asking far ahead), for
 * teams that are just starting to practise.
 */
export const CHALLENGE_SETS = {
  all: CHALLENGE_IDS,
  gentle: [
    'ask-small-thing',
    'say-yes',
    'specific-thanks',
    'ask-advice',
    'just-listen',
    'reconnect',
    'ask-how',
  ],
} as const satisfies Record<string, readonly ChallengeId[]>;

/** The name of a challenge set. */
export type ChallengeSetId = keyof typeof CHALLENGE_SETS;

/** Every challenge set's name. */
export const CHALLENGE_SET_IDS = Object.keys(CHALLENGE_SETS) as ChallengeSetId[];

const DAY_MS = 86_400_000;

/** Weeks since the ISO week of 1970-01-01, counted through calendar dates. */
function weekNumber(week: WeekKey): number {
  const monday = mondayOf(week);
  // 1969-12-29 is the Monday of the ISO week that holds 1970-01-01.
  return Math.round(
    (Date.UTC(monday.year, monday.month - 1, monday.day) + 3 * DAY_MS) / (7 * DAY_MS),
  );
}

/** FNV-1a: a small, stable 32-bit hash of a string. */
function hash(text: string): number {
  let value = 0x811c9dc5;
  for (let i = 0; i < text.length; i += 1) {
    value ^= text.charCodeAt(i);
    value = Math.imul(value, 0x01000193) >>> 0;
  }
  return value;
}

/** A deterministic pseudo-random sequence (mulberry32) from a seed. */
function randomFrom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** The person's own order of a set's challenges (Fisher–Yates with a seeded sequence). */
function orderFor(personKey: string, set: ChallengeSetId): ChallengeId[] {
  const order: ChallengeId[] = [...CHALLENGE_SETS[set]];
  const random = randomFrom(hash(personKey));
  for (let i = order.length - 1; i > 0; i -= 1) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j] as ChallengeId, order[i] as ChallengeId];
  }
  return order;
}

/** Who a challenge is for: a user of a tenant (a `Scope` fits). */
export interface ChallengePerson {
  /** Tenant id. */
  readonly tenantId: string;
  /** User id. */
  readonly userId: string;
}

/** The key a person's challenges are seeded with; chat and tab use it alike. */
export function personKeyOf(person: ChallengePerson): string {
  return `${person.tenantId}/${person.userId}`;
}

/**
 * The challenge of a person in a week; the same answer every time for the same person, week and
 * set.
 *
 * @param personKey - The person's {@link personKeyOf}.
 * @param set - The set their organization chose. @default 'all'
 */
export function challengeOf(
  personKey: string,
  week: WeekKey,
  set: ChallengeSetId = 'all',
): ChallengeId {
  const order = orderFor(personKey, set);
  const offset = hash(`${personKey}#start`) % order.length;
  const index = (((weekNumber(week) + offset) % order.length) + order.length) % order.length;
  return order[index] as ChallengeId;
}
