/**
 * An organization's defaults and feature switches, set by its admins: when people are reminded
 * until they choose for themselves, which challenges they get, and which features are on.
 *
 * @remarks
 * A tenant has one such record. Its base values apply to everyone; an optional list of Entra
 * group overrides changes some of them for members of a group. Overrides are tried in the
 * admins' order and the first group a person belongs to wins, whole: values of later groups are
 * never mixed in, so an admin can read off what a person gets from one line of the list.
 */
import { z } from 'zod';
import { CHALLENGE_SET_IDS, type ChallengeSetId } from './challenges';
import { defaultSettings, type QuietHours, type UserSettings } from './settings';

/** Record kind and id of a tenant's defaults (in the tenant's own partition). */
export const ORG_DEFAULTS_RECORD = { kind: 'org-defaults', id: 'current' } as const;

/** Record kind and id of the Entra groups a person was last seen in (in their own partition). */
export const ORG_GROUPS_RECORD = { kind: 'org-groups', id: 'me' } as const;

/** The features an organization can switch off. */
export const FEATURES = ['reps', 'helpRequests', 'composeExtension'] as const;

/** A feature an organization can switch off. */
export type Feature = (typeof FEATURES)[number];

/** Bounds of the record, so one admin's save stays a small document. */
export const ORG_DEFAULTS_LIMITS = {
  /** Most group overrides. */
  groups: 50,
  /** Longest label of a group, in characters. */
  label: 80,
  /** Most group ids remembered for a person (Entra puts at most 200 in a token). */
  memberships: 200,
} as const;

/** Entra object ids are GUIDs. */
const GROUP_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'a time like 16:00');

const reminderDay = z.number().int().min(1, 'a day from Monday (1)').max(7, 'to Sunday (7)');

const quietHours = z
  .object({ start: time, end: time })
  .strict()
  .refine((hours) => hours.start !== hours.end, 'start and end must differ')
  .nullable();

const challengeSet = z.enum(CHALLENGE_SET_IDS as [ChallengeSetId, ...ChallengeSetId[]], {
  errorMap: () => ({ message: `one of ${CHALLENGE_SET_IDS.join(', ')}` }),
});

const features = z
  .object({ reps: z.boolean(), helpRequests: z.boolean(), composeExtension: z.boolean() })
  .strict();

/** The values a policy sets: the base of a tenant, or (partly) a group's override. */
const policyShape = {
  reminderDay,
  reminderTime: time,
  quietHours,
  challengeSet,
  features,
};

const overrideSchema = z
  .object({
    groupId: z.string().regex(GROUP_ID, 'an Entra group object id (a GUID)'),
    label: z
      .string()
      .trim()
      .max(ORG_DEFAULTS_LIMITS.label, `at most ${ORG_DEFAULTS_LIMITS.label} characters`)
      .optional(),
    reminderDay: reminderDay.optional(),
    reminderTime: time.optional(),
    quietHours: quietHours.optional(),
    challengeSet: challengeSet.optional(),
    features: features.partial().optional(),
  })
  .strict();

/** Schema of a tenant's defaults as admins send them. */
export const orgDefaultsSchema = z
  .object({
    ...policyShape,
    groups: z
      .array(overrideSchema)
      .max(ORG_DEFAULTS_LIMITS.groups, `at most ${ORG_DEFAULTS_LIMITS.groups} groups`),
  })
  .strict()
  .superRefine((defaults, context) => {
    const seen = new Set<string>();
    defaults.groups.forEach((group, index) => {
      const id = group.groupId.toLowerCase();
      if (seen.has(id)) {
        context.addIssue({
          code: z.ZodIssueCode.custom,
          path: ['groups', index, 'groupId'],
          message: 'each group may be listed once',
        });
      }
      seen.add(id);
    });
  });

/** A tenant's defaults: base values and group overrides. */
export type OrgDefaults = z.infer<typeof orgDefaultsSchema>;

/** One group's override. */
export type GroupOverride = OrgDefaults['groups'][number];

/** What applies to one person: the base values with their group's override, if any. */
export interface OrgPolicy {
  /** Default reminder day, Monday (1) to Sunday (7). */
  readonly reminderDay: number;
  /** Default reminder time, `HH:MM` local time. */
  readonly reminderTime: string;
  /** Default quiet hours, or none. */
  readonly quietHours: QuietHours | null;
  /** The challenges the weekly challenge is chosen from. */
  readonly challengeSet: ChallengeSetId;
  /** Which features are on. */
  readonly features: Readonly<Record<Feature, boolean>>;
  /** The group whose override applied, when one did. */
  readonly groupId?: string;
}

/** The Entra groups a person was last seen in (record {@link ORG_GROUPS_RECORD}). */
export interface GroupMemberships {
  /** Group object ids, lower case. */
  readonly groupIds: readonly string[];
}

/** What an organization gets before its admins change anything: Spotter's own defaults. */
export function builtInOrgDefaults(): OrgDefaults {
  const settings = defaultSettings(undefined);
  return {
    reminderDay: settings.reminderDay,
    reminderTime: settings.reminderTime,
    quietHours: settings.quietHours,
    challengeSet: 'all',
    features: { reps: true, helpRequests: true, composeExtension: true },
    groups: [],
  };
}

/**
 * The policy for a member of `groupIds`: the first override (in the admins' order) of a group
 * they are in, over the base values; the base alone when no group matches.
 */
export function policyFor(defaults: OrgDefaults, groupIds: readonly string[]): OrgPolicy {
  const memberOf = new Set(groupIds.map((id) => id.toLowerCase()));
  const group = defaults.groups.find((override) => memberOf.has(override.groupId.toLowerCase()));
  return {
    reminderDay: group?.reminderDay ?? defaults.reminderDay,
    reminderTime: group?.reminderTime ?? defaults.reminderTime,
    quietHours: group?.quietHours !== undefined ? group.quietHours : defaults.quietHours,
    challengeSet: group?.challengeSet ?? defaults.challengeSet,
    features: { ...defaults.features, ...group?.features },
    ...(group ? { groupId: group.groupId.toLowerCase() } : {}),
  };
}

/**
 * The settings of someone who has not chosen their own: Spotter's defaults with the
 * organization's reminder day, time and quiet hours.
 */
export function settingsUnderPolicy(policy: OrgPolicy, timeZone: string | undefined): UserSettings {
  return {
    ...defaultSettings(timeZone),
    reminderDay: policy.reminderDay,
    reminderTime: policy.reminderTime,
    quietHours: policy.quietHours,
  };
}

/**
 * The group ids of a token's `groups` claim worth remembering: well-formed object ids, lower
 * case, sorted, without duplicates, at most {@link ORG_DEFAULTS_LIMITS}.memberships.
 */
export function membershipsOf(claim: readonly string[]): GroupMemberships {
  const ids = new Set(claim.filter((id) => GROUP_ID.test(id)).map((id) => id.toLowerCase()));
  return { groupIds: [...ids].sort().slice(0, ORG_DEFAULTS_LIMITS.memberships) };
}
