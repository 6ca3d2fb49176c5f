/**
 * infra/modules/bot.bicep: the Azure Bot reaches the server's /api/messages, on the same host the
 * app settings and the Entra identifier URI name.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { REPO_ROOT, expressionText, onlyResource, valueAt } from '../../support/bicep';
import { allowedValues, main, mainPasses, moduleFile } from './infra-fixtures';

const bot = () => moduleFile('bot');
const service = () => onlyResource(bot(), 'Microsoft.BotService/botServices');
const channels = () =>
  bot().resources.filter((r) => r.type === 'Microsoft.BotService/botServices/channels');

describe('infra/modules/bot.bicep', () => {
  it('posts activities to https://<host>/api/messages, the route the server serves', () => {
    const endpoint = valueAt(service().body, 'properties.endpoint');
    expect(endpoint).toBe('https://${messagingHost}/api/messages');
    expect(new URL(String(endpoint)).pathname).toBe('/api/messages');
    const createApp = readFileSync(path.join(REPO_ROOT, 'src/server/create-app.ts'), 'utf8');
    expect(createApp).toMatch(/app\.post\(\s*'\/api\/messages'/);
  });

  it('uses the public host that PUBLIC_URL and the identifier URI use', () => {
    expect(expressionText(mainPasses('bot', 'messagingHost'))).toBe('publicHost');
    expect(main().vars['publicUrl']).toBe('https://${publicHost}');
    expect(main().vars['aadAppIdUri']).toBe('api://${publicHost}/${aadAppClientId}');
  });

  it('is single-tenant by default, multi-tenant by parameter', () => {
    expect(expressionText(valueAt(service().body, 'properties.msaAppType'))).toBe('botType');
    expect(bot().params['botType']?.defaultValue).toBe('SingleTenant');
    expect(allowedValues(bot(), 'botType')).toEqual(['SingleTenant', 'MultiTenant']);
    expect(expressionText(valueAt(service().body, 'properties.msaAppTenantId'))).toBe(
      "botType == 'SingleTenant' ? botTenantId : null",
    );
    expect(main().params['botType']?.defaultValue).toBe('SingleTenant');
    expect(expressionText(mainPasses('bot', 'botType'))).toBe('botType');
  });

  it('signs in as the app registration the server authenticates with (BOT_ID)', () => {
    expect(expressionText(valueAt(service().body, 'properties.msaAppId'))).toBe('botAppId');
    expect(expressionText(mainPasses('bot', 'botAppId'))).toBe('botAppId');
    const settings = main().vars['appSettings'];
    expect(expressionText(valueAt(settings, 'BOT_ID'))).toBe('botAppId');
    expect(expressionText(valueAt(settings, 'BOT_TYPE'))).toBe('botType');
  });

  it('turns the Microsoft Teams channel on', () => {
    const teams = channels().find((channel) => channel.body['name'] === 'MsTeamsChannel');
    expect(teams?.condition).toBeUndefined();
    expect(valueAt(teams?.body, 'properties.channelName')).toBe('MsTeamsChannel');
    expect(valueAt(teams?.body, 'properties.properties.isEnabled')).toBe(true);
  });
});
