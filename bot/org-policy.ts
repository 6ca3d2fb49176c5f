/**
 * What the person behind a turn may use, by their organization's defaults and switches.
 */
import type { Scope } from '../src/auth/scope';
import {
  builtInOrgDefaults,
  policyFor,
  type Feature,
  type OrgPolicy,
} from '../src/domain/org-defaults';
import type { BotDependencies } from './bot-context';
import { translate } from './i18n';

/** The person's policy; Spotter's own defaults when the bot runs without organization defaults. */
export function policyOf(deps: BotDependencies, scope: Scope): Promise<OrgPolicy> {
  return deps.orgDefaults
    ? deps.orgDefaults.policy(scope)
    : Promise.resolve(policyFor(builtInOrgDefaults(), []));
}

/** The friendly words for a feature `policy` switches off; undefined when on. */
export function offWords(
  policy: OrgPolicy,
  feature: Feature,
  locale: string | undefined,
): string | undefined {
  return policy.features[feature] ? undefined : translate(locale, `feature.off.${feature}`);
}

/** The friendly words for a feature the person's organization switched off; undefined when on. */
export async function switchedOff(
  deps: BotDependencies,
  scope: Scope,
  feature: Feature,
  locale: string | undefined,
): Promise<string | undefined> {
  return offWords(await policyOf(deps, scope), feature, locale);
}
