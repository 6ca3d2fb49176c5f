import { loadConfig } from '../../../src/config/config';
import { configProblemsOf } from '../../support/config-problems';

describe('help-request settings', () => {
  it('default to ten requests a day, three to one colleague, and no Graph install', () => {
    expect(loadConfig({}).helpRequests).toEqual({ perDay: 10, perPairPerDay: 3 });
  });

  it('take other kindness limits', () => {
    const config = loadConfig({ HELP_REQUESTS_PER_DAY: '20', HELP_REQUESTS_PER_PAIR_PER_DAY: '5' });
    expect(config.helpRequests).toEqual({ perDay: 20, perPairPerDay: 5 });
  });

  it.each([
    [{ HELP_REQUESTS_PER_DAY: '0' }, 'HELP_REQUESTS_PER_DAY: must be between 1 and 1000'],
    [{ HELP_REQUESTS_PER_DAY: 'many' }, 'HELP_REQUESTS_PER_DAY: must be a number of requests'],
    [
      { HELP_REQUESTS_PER_PAIR_PER_DAY: '2.5' },
      'HELP_REQUESTS_PER_PAIR_PER_DAY: must be a whole number',
    ],
    [
      { HELP_REQUESTS_PER_DAY: '2', HELP_REQUESTS_PER_PAIR_PER_DAY: '3' },
      'HELP_REQUESTS_PER_PAIR_PER_DAY: must not exceed HELP_REQUESTS_PER_DAY',
    ],
  ])('refuse %j', (env, problem) => {
    expect(configProblemsOf(env)).toContain(problem);
  });

  it('install through Graph only with a catalog id and the bot’s client secret', () => {
    expect(configProblemsOf({ HELP_REQUEST_GRAPH_INSTALL: 'true' })).toEqual([
      'TEAMS_APP_CATALOG_ID: required when HELP_REQUEST_GRAPH_INSTALL is on',
      'HELP_REQUEST_GRAPH_INSTALL: needs BOT_ID and BOT_PASSWORD (Graph is called as the bot’s app)',
    ]);
    const config = loadConfig({
      HELP_REQUEST_GRAPH_INSTALL: 'true',
      TEAMS_APP_CATALOG_ID: 'catalog-1',
      BOT_ID: '11111111-2222-4333-8444-555555555555',
      BOT_PASSWORD: 'secret',
    });
    expect(config.helpRequests.graphInstall).toEqual({ catalogAppId: 'catalog-1' });
    expect(
      loadConfig({ TEAMS_APP_CATALOG_ID: 'catalog-1' }).helpRequests.graphInstall,
    ).toBeUndefined();
  });
});
