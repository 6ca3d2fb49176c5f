/**
 * What the configuration loader says is wrong with an environment, for specs of its settings.
 */
import { ConfigError, loadConfig } from '../../src/config/config';

/** The problems `loadConfig` reports for `env`; none when it loads. */
export function configProblemsOf(env: Record<string, string>): string[] {
  try {
    loadConfig(env);
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
  return [];
}
