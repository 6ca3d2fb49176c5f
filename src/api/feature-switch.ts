/**
 * The check a route of a feature an organization can switch off makes first.
 */
import type { Feature } from '../domain/org-defaults';
import { ApiProblem, type ApiContext } from './api-route';
import { PROBLEM_TYPES } from './contracts';

const REASONS: Record<Feature, string> = {
  reps: 'Your organization has turned reps off in Spotter.',
  helpRequests: 'Your organization has turned help requests off in Spotter.',
  composeExtension: 'Your organization has turned "Ask for help" in the compose box off.',
};

/** Throws a 403 naming the reason when the caller's organization switched `feature` off. */
export async function requireFeature(context: ApiContext, feature: Feature): Promise<void> {
  const { orgDefaults } = context.services;
  if (await orgDefaults.isOn(context.scope, feature, context.caller.groups)) return;
  throw new ApiProblem(403, REASONS[feature], PROBLEM_TYPES.featureOff);
}
