/**
 * Bringing a new help request's card to the helper: the one delivery behind `ask` in chat and
 * behind requests asked from the tab API and the Outlook pane.
 *
 * @remarks
 * The card goes to the helper's 1:1 chat with Spotter, through the conversation reference of
 * their profile and in their language. A colleague without Spotter gets it installed through
 * Graph when that is configured, and the card goes to the chat Graph made, addressed like the
 * asker's own chat (same service URL and bot). Otherwise there is no way to them.
 */
import type { Scope } from '../src/auth/scope';
import type { UserProfile } from '../src/domain/profile';
import type {
  HelpRequestDelivery,
  ReachableColleague,
} from '../src/services/help-request-delivery';
import type { DeliverCard, HelpRequestService } from '../src/services/help-request-service';
import type { TeamsAppInstaller } from '../src/services/teams-app-installer';
import type { HelpRequestMessenger } from './help-request-messenger';

/** The helper as far as the delivery needs them. */
export interface DeliveryTarget {
  /** Entra object id. */
  readonly userId: string;
  /** Teams user id (`29:…`), when known. */
  readonly teamsUserId?: string | undefined;
  /** Their Spotter profile, when they have Spotter. */
  readonly profile?: UserProfile | undefined;
}

/** The asker's side of a delivery: their own conversation reference and language. */
export interface DeliveryOrigin {
  /** A reference to the asker's conversation with Spotter (service URL, bot, channel). */
  readonly reference: Readonly<Record<string, unknown>>;
  /** The language for a card sent to a chat Graph just made. */
  readonly locale: string;
}

/**
 * The delivery to `helper`, or undefined when Spotter cannot reach them (or they are the asker,
 * which the service refuses on its own).
 */
export async function deliveryFor(
  messenger: HelpRequestMessenger,
  installer: TeamsAppInstaller | undefined,
  asker: Scope,
  helper: DeliveryTarget,
  origin: DeliveryOrigin | undefined,
): Promise<DeliverCard | undefined> {
  if (helper.profile) {
    return messenger.deliverTo(helper.profile.conversationReference, helper.profile.locale);
  }
  if (!installer || !origin || helper.userId === asker.userId) return undefined;
  const chatId = await installer.installFor(asker.tenantId, helper.userId);
  if (!chatId) return undefined;
  return messenger.deliverTo(
    {
      ...origin.reference,
      conversation: {
        id: chatId,
        conversationType: 'personal',
        tenantId: asker.tenantId,
        isGroup: false,
      },
      user: { id: helper.teamsUserId ?? '', aadObjectId: helper.userId },
    },
    origin.locale,
  );
}

/** {@link HelpRequestDelivery} for callers outside a turn: the asker's profile is the origin. */
export class ProfileHelpRequestDelivery implements HelpRequestDelivery {
  constructor(
    private readonly messenger: HelpRequestMessenger,
    private readonly service: HelpRequestService,
    private readonly installer: TeamsAppInstaller | undefined,
  ) {}

  async reach(asker: Scope, colleagueUserId: string): Promise<ReachableColleague | undefined> {
    const [profile, own] = await Promise.all([
      this.service.colleagueProfile(asker, colleagueUserId),
      this.service.colleagueProfile(asker, asker.userId),
    ]);
    const deliver = await deliveryFor(
      this.messenger,
      this.installer,
      asker,
      { userId: colleagueUserId, profile },
      own ? { reference: own.conversationReference, locale: own.locale } : undefined,
    );
    if (!deliver) return undefined;
    return {
      name: profile?.displayName ?? '',
      teamsUserId: teamsUserIdOf(profile),
      askerTeamsUserId: teamsUserIdOf(own),
      deliver,
    };
  }
}

/** The Teams user id in a profile's conversation reference. */
export function teamsUserIdOf(profile: UserProfile | undefined): string | undefined {
  const user = profile?.conversationReference['user'] as { id?: unknown } | undefined;
  return typeof user?.id === 'string' && user.id.length > 0 ? user.id : undefined;
}
