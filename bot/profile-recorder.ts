/**
 * Keeps the sender's profile (name, locale, time zone, conversation reference) up to date.
 */
import { TeamsInfo, TurnContext } from 'botbuilder';
import type { Scope } from '../src/auth/scope';
import {
  PROFILE_RECORD,
  firstNameOf,
  isValidLocale,
  isValidTimeZone,
  type UserProfile,
} from '../src/domain/profile';
import type { Store } from '../src/store/store';

/** The profile an activity describes, keeping the first-seen time of an earlier profile. */
export function profileFromTurn(
  context: TurnContext,
  now: Date,
  previous?: UserProfile,
  member?: { name?: string; givenName?: string },
): UserProfile {
  const activity = context.activity;
  const timeZone = isValidTimeZone(activity.localTimezone) ? activity.localTimezone : undefined;
  const displayName = (member?.name ?? activity.from?.name ?? previous?.displayName ?? '').slice(
    0,
    200,
  );
  return {
    displayName,
    givenName: firstNameOf(member?.givenName) ?? firstNameOf(displayName) ?? '',
    locale: isValidLocale(activity.locale) ? activity.locale : (previous?.locale ?? 'en-US'),
    ...((timeZone ?? previous?.timeZone) ? { timeZone: timeZone ?? previous?.timeZone } : {}),
    conversationReference: JSON.parse(
      JSON.stringify(TurnContext.getConversationReference(activity)),
    ) as Record<string, unknown>,
    firstSeenAt: previous?.firstSeenAt ?? now.toISOString(),
  };
}

/** A short fingerprint of the parts of a turn that the profile depends on. */
export function profileFingerprint(context: TurnContext): string {
  const activity = context.activity;
  return [
    activity.from?.name,
    activity.locale,
    activity.localTimezone,
    activity.conversation?.id,
    activity.serviceUrl,
  ].join('|');
}

/**
 * The sender as Teams' roster knows them.
 *
 * @remarks
 * Install events carry no name, so the roster is asked; when it cannot answer (another channel,
 * a transient error) the profile is built from the activity alone.
 */
async function memberOf(
  context: TurnContext,
): Promise<{ name?: string; givenName?: string } | undefined> {
  if (context.activity.channelId !== 'msteams' || !context.activity.from?.id) return undefined;
  try {
    return await TeamsInfo.getMember(context, context.activity.from.id);
  } catch {
    return undefined;
  }
}

/** Writes the sender's profile, keeping what an earlier profile knew. */
export async function recordProfile(
  store: Store,
  scope: Scope,
  context: TurnContext,
  now: Date,
): Promise<UserProfile> {
  const existing = await store.get<UserProfile>(scope, PROFILE_RECORD.kind, PROFILE_RECORD.id);
  const member = context.activity.from?.name ? undefined : await memberOf(context);
  const profile = profileFromTurn(context, now, existing?.data, member);
  await store.put(scope, PROFILE_RECORD.kind, PROFILE_RECORD.id, profile);
  return profile;
}
