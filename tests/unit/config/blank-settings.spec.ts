/**
 * A blank number counts as unset (found by the configuration fuzzing: `z.coerce` read a blank
 * number as 0, so a blank `PORT` listened on a random port).
 */
import { loadConfig } from '../../../src/config/config';

it.each(['', ' ', '\t'])('reads blank numbers (%j) as unset, not as 0', (blank) => {
  const config = loadConfig({
    PORT: blank,
    SHUTDOWN_GRACE_SECONDS: blank,
    REMINDERS_INTERVAL_SECONDS: blank,
    HELP_REQUESTS_PER_DAY: blank,
    HELP_REQUESTS_PER_PAIR_PER_DAY: blank,
  });
  expect(config).toEqual(loadConfig({}));
  expect(config.port).toBe(3978);
  expect(config.shutdownGraceSeconds).toBe(25);
});

it('still refuses a blank NODE_ENV rather than reading it as development', () => {
  expect(() => loadConfig({ NODE_ENV: ' ' })).toThrow(/NODE_ENV/);
});

it('still refuses a number that is not blank but wrong', () => {
  expect(() => loadConfig({ PORT: 'x' })).toThrow(/PORT: must be a port number/);
});
