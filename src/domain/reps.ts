/**
 * Light reps: the small moments of practice logged during the week in one tap.
 */

/** The three kinds of rep. */
export const REP_KINDS = ['asked', 'accepted', 'thanked'] as const;

/** Asked for one small thing; accepted an offer; said thank you and meant it. */
export type RepKind = (typeof REP_KINDS)[number];

/** Limits on reps. */
export const REP_LIMITS = {
  /** Characters of an optional note. */
  note: 280,
  /** Reps kept per week; far above any honest week, it bounds the record's size. */
  perWeek: 200,
} as const;

/** One logged rep. */
export interface Rep {
  /** Opaque id (UUID). */
  readonly id: string;
  /** What kind of rep. */
  readonly kind: RepKind;
  /** Optional note in the person's words. */
  readonly note?: string;
  /** When it was logged (ISO 8601). */
  readonly at: string;
  /** Where it came from: logged by hand, or counted from a help request. */
  readonly source: 'logged' | 'help-request';
}

/** Reps counted by kind. */
export type RepCounts = Readonly<Record<RepKind, number>>;

/** True when `value` is a rep kind. */
export function isRepKind(value: unknown): value is RepKind {
  return typeof value === 'string' && (REP_KINDS as readonly string[]).includes(value);
}

/** Counts reps by kind. */
export function countReps(reps: readonly Rep[]): RepCounts {
  const counts: Record<RepKind, number> = { asked: 0, accepted: 0, thanked: 0 };
  for (const rep of reps) counts[rep.kind] += 1;
  return counts;
}

/** The total of all kinds. */
export function totalReps(counts: RepCounts): number {
  return counts.asked + counts.accepted + counts.thanked;
}
