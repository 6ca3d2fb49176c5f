/**
 * `GET /api/v1/app`: what this deployment offers the caller, so the tab links to the chat and
 * shows optional pages only when they work.
 *
 * @remarks
 * The tab calls this once as it opens, so it is also where the groups of the caller's token are
 * remembered for the bot and the reminder planner, which see no token (their organization's
 * group overrides).
 */
import type { ApiContext, ApiResult } from '../api-route';
import type { AppInfoResponse } from '../contracts';

/** Answers with the bot id and the features switched on for the caller. */
export async function getAppInfo({ services, scope, caller }: ApiContext): Promise<ApiResult> {
  if (caller.groups) await services.orgDefaults.rememberGroups(scope, caller.groups);
  const { features } = await services.orgDefaults.policy(scope, caller.groups);
  const helpRequests = services.helpRequests !== undefined && features.helpRequests;
  const body: AppInfoResponse = {
    ...(services.botAppId ? { botId: services.botAppId } : {}),
    features: {
      helpRequests,
      reps: features.reps,
      composeExtension: helpRequests && features.composeExtension,
    },
  };
  return { body };
}
