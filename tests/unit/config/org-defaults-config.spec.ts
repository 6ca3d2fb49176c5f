import { loadConfig } from '../../../src/config/config';
import { configProblemsOf } from '../../support/config-problems';

describe('org defaults settings', () => {
  it('keep a tenant’s defaults for 15 seconds unless told otherwise', () => {
    expect(loadConfig({}).orgDefaults).toEqual({ cacheSeconds: 15 });
    expect(loadConfig({ ORG_DEFAULTS_CACHE_SECONDS: '0' }).orgDefaults).toEqual({
      cacheSeconds: 0,
    });
  });

  it.each([
    [{ ORG_DEFAULTS_CACHE_SECONDS: '31' }, 'ORG_DEFAULTS_CACHE_SECONDS: must be between 0 and 30'],
    [{ ORG_DEFAULTS_CACHE_SECONDS: '-1' }, 'ORG_DEFAULTS_CACHE_SECONDS: must be between 0 and 30'],
    [{ ORG_DEFAULTS_CACHE_SECONDS: '1.5' }, 'ORG_DEFAULTS_CACHE_SECONDS: must be a whole number'],
    [
      { ORG_DEFAULTS_CACHE_SECONDS: 'soon' },
      'ORG_DEFAULTS_CACHE_SECONDS: must be a number of seconds',
    ],
  ])('refuse %j', (env, problem) => {
    expect(configProblemsOf(env)).toContain(problem);
  });
});
