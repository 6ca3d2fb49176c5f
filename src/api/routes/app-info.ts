/**
 * `GET /api/v1/app`: what this deployment offers, so the tab links to the chat and shows
 * optional pages only when they work.
 */
import type { ApiContext, ApiResult } from '../api-route';
import type { AppInfoResponse } from '../contracts';

/** Answers with the bot id and the features switched on. */
export async function getAppInfo({ services }: ApiContext): Promise<ApiResult> {
  const body: AppInfoResponse = {
    ...(services.botAppId ? { botId: services.botAppId } : {}),
    features: { helpRequests: services.helpRequests !== undefined },
  };
  return { body };
}
