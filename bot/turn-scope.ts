/**
 * The scope of the person behind a turn, from the authenticated activity only.
 */
import type { TurnContext } from 'botbuilder';
import { scopeFromActivity, type Scope } from '../src/auth/scope';

/** The sender's scope, or undefined when the activity names no valid tenant and user. */
export function scopeOfTurn(context: TurnContext): Scope | undefined {
  const activity = context.activity;
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined;
  const channelTenant = channelData?.tenant?.id;
  return scopeFromActivity({
    conversationTenantId: activity.conversation?.tenantId,
    channelTenantId: typeof channelTenant === 'string' ? channelTenant : undefined,
    aadObjectId: activity.from?.aadObjectId,
    channelUserId: activity.from?.id,
  });
}
