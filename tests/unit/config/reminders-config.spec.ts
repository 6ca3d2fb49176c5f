import { ConfigError, loadConfig } from '../../../src/config/config';

describe('reminder sender settings', () => {
  it('runs every minute by default, but not under tests unless asked', () => {
    expect(loadConfig({}).reminders).toEqual({ enabled: true, intervalSeconds: 60 });
    expect(loadConfig({ NODE_ENV: 'test' }).reminders.enabled).toBe(false);
    expect(loadConfig({ NODE_ENV: 'test', REMINDERS_ENABLED: 'true' }).reminders.enabled).toBe(
      true,
    );
    expect(loadConfig({ REMINDERS_ENABLED: 'no' }).reminders.enabled).toBe(false);
    expect(loadConfig({ REMINDERS_INTERVAL_SECONDS: '15' }).reminders.intervalSeconds).toBe(15);
  });

  it.each(['0', '4', '3601', 'often', '1.5'])('refuses an interval of %p seconds', (value) => {
    expect(() => loadConfig({ REMINDERS_INTERVAL_SECONDS: value })).toThrow(ConfigError);
  });

  it('refuses a switch that is not true or false', () => {
    expect(() => loadConfig({ REMINDERS_ENABLED: 'maybe' })).toThrow(/REMINDERS_ENABLED/);
  });
});
