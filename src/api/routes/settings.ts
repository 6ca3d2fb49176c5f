/**
 * `GET /settings` and `PUT /settings` (with `If-Match`): reminder day and time, time zone,
 * pause, quiet hours and language.
 */
import { settingsSchema, type UserSettings } from '../../domain/settings';
import type { ApiContext, ApiResult } from '../api-route';
import type { SettingsDto } from '../contracts';
import { parseBody } from '../validation';

/** Largest body of a settings save. */
export const MAX_SETTINGS_BODY_BYTES = 2 * 1024;

const putSettingsSchema = settingsSchema.strict();

function settingsDto(settings: UserSettings): SettingsDto {
  return {
    reminderDay: settings.reminderDay,
    reminderTime: settings.reminderTime,
    timeZone: settings.timeZone,
    paused: settings.paused,
    quietHours: settings.quietHours
      ? { start: settings.quietHours.start, end: settings.quietHours.end }
      : null,
    language: settings.language,
  };
}

/** `GET /settings`: the caller's settings (defaults until first saved, then with an ETag). */
export async function getSettings(context: ApiContext): Promise<ApiResult> {
  const settings = await context.services.practice.settings(context.scope);
  return { body: settingsDto(settings.value), etag: settings.etag };
}

/** `PUT /settings`: replaces the settings. */
export async function putSettings(context: ApiContext): Promise<ApiResult> {
  const request = parseBody(putSettingsSchema, context.body);
  const saved = await context.services.practice.saveSettings(
    context.scope,
    request,
    context.ifMatch,
  );
  context.log.info('settings saved');
  return { body: settingsDto(saved.value), etag: saved.etag };
}
