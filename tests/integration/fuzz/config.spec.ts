/**
 * Fuzzing the configuration loader with random environments: every variable it reads (taken
 * from the loader itself) set to a good value, a near miss or junk. The loader either returns a
 * configuration or throws its own `ConfigError` whose every line names a variable; it never
 * throws anything else.
 */
import fc from 'fast-check';
import { CONFIG_VARIABLES, ConfigError, loadConfig } from '../../../src/config/config';
import { fuzzRuns } from '../../support/fuzz/fuzz-runs';

const RUNS = fuzzRuns(2_000);

/** Values that are right for some variable, so that many environments get past the first check. */
const PLAUSIBLE = [
  'true',
  'false',
  'yes',
  '0',
  '1',
  '25',
  '3978',
  '65536',
  '-1',
  '1e3',
  '0x10',
  'NaN',
  'Infinity',
  'production',
  'development',
  'test',
  'sqlite',
  'cosmos',
  'single',
  'multi',
  'SingleTenant',
  'UserAssignedMSI',
  'info',
  'silent',
  'https://example.com',
  'https://login.microsoftonline.com/{tenantid}/v2.0',
  'http://[::1',
  '@Microsoft.KeyVault(SecretUri=https://x.vault.azure.net/secrets/y)',
  'a0000000-0000-4000-8000-000000000001',
  'a0000000-0000-4000-8000-000000000001:b0000000-0000-4000-8000-000000000002',
  ',,,',
  '',
  ' ',
];

const environment = fc.dictionary(
  fc.oneof(
    { weight: 5, arbitrary: fc.constantFrom(...CONFIG_VARIABLES) },
    { weight: 1, arbitrary: fc.constantFrom('__proto__', 'constructor', 'toString', 'PATH') },
  ),
  fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...PLAUSIBLE) },
    { weight: 1, arbitrary: fc.string({ maxLength: 40 }) },
    { weight: 1, arbitrary: fc.string({ maxLength: 200, unit: 'binary' }) },
    { weight: 1, arbitrary: fc.constant(undefined) },
  ),
  { maxKeys: 12 },
);

it('reads a list of variables from the loader', () => {
  expect(CONFIG_VARIABLES).toEqual(expect.arrayContaining(['NODE_ENV', 'PORT', 'STORE']));
});

it(`gives a configuration or a clear ConfigError for ${RUNS} random environments`, () => {
  let valid = 0;
  fc.assert(
    fc.property(environment, (env) => {
      try {
        const config = loadConfig(env);
        valid += 1;
        expect(Number.isInteger(config.port)).toBe(true);
        expect(config.port).toBeGreaterThanOrEqual(0);
        expect(config.port).toBeLessThanOrEqual(65_535);
        if (config.env === 'production') expect(config.auth.devIdentity).toBe(false);
      } catch (error) {
        expect(error).toBeInstanceOf(ConfigError);
        const problems = (error as ConfigError).problems;
        expect(problems.length).toBeGreaterThan(0);
        for (const problem of problems) {
          expect(CONFIG_VARIABLES).toContain(/^([A-Z_]+):/.exec(problem)?.[1]);
          expect((error as Error).message).toContain(problem);
        }
      }
    }),
    { numRuns: RUNS },
  );
  // Both outcomes must occur, or the property proves little.
  expect(valid).toBeGreaterThan(0);
  expect(valid).toBeLessThan(RUNS);
});
