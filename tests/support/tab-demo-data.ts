/**
 * A believable half year of practice for one person, for screenshots and browser tests: weeks
 * of reflections and reps ending with a half-done current week, and saved settings.
 */
import { colleagueScope, type Scope } from '../../src/auth/scope';
import type { PracticeWeek } from '../../src/domain/practice-week';
import { SETTINGS_RECORD, defaultSettings } from '../../src/domain/settings';
import { addWeeks, type WeekKey } from '../../src/domain/week';
import { HelpRequestService } from '../../src/services/help-request-service';
import { PracticeService } from '../../src/services/practice-service';
import type { Store } from '../../src/store/store';
import { sampleWeek, seedWeeks } from './practice-seed';

/** Stores `weeks` past weeks before `currentWeek` and a current week in progress. */
export async function seedDemoPractice(
  store: Store,
  scope: Scope,
  currentWeek: WeekKey,
  weeks = 26,
): Promise<PracticeWeek[]> {
  const past = await seedWeeks(store, scope, addWeeks(currentWeek, -1), weeks, (week, index) =>
    // Two quiet weeks in the middle, so the streak chart shows a restart.
    index === 9 || index === 10 ? { week, timeZone: 'UTC', reps: [] } : sampleWeek(week, index + 1),
  );
  const [current] = await seedWeeks(store, scope, currentWeek, 1, (week) => ({
    ...sampleWeek(week, 3),
    reflection: {
      helpedBy: [{ name: 'Dana Ortiz' }, { name: 'Sam Okafor' }],
      yesCount: 2,
      holdingAlone: 'The migration plan: I keep telling myself I can sort it out alone.',
      connected: [{ name: 'Lee Park' }],
    },
  }));
  await store.put(scope, SETTINGS_RECORD.kind, SETTINGS_RECORD.id, defaultSettings('UTC'));
  return [current as PracticeWeek, ...past];
}

/** The colleagues in the demo requests. */
export const DEMO_COLLEAGUES = {
  dana: { id: 'a0000000-0000-4000-8000-0000000000d1', name: 'Dana Ortiz' },
  sam: { id: 'a0000000-0000-4000-8000-0000000000d2', name: 'Sam Okafor' },
} as const;

/**
 * Three help requests around the person: one from Dana waiting for their answer, one they
 * asked Sam that Sam accepted, and one they asked Dana that is done. Returns their ids.
 */
export async function seedDemoRequests(
  store: Store,
  scope: Scope,
  now: () => Date,
): Promise<{ fromDana: string; toSam: string; toDanaDone: string }> {
  const service = new HelpRequestService(store, new PracticeService(store, now), { now });
  const dana = colleagueScope(scope, DEMO_COLLEAGUES.dana.id) as Scope;
  const sam = colleagueScope(scope, DEMO_COLLEAGUES.sam.id) as Scope;
  const ask = async (
    asker: Scope,
    askerName: string,
    helper: { id: string; name: string },
    what: string,
    formId: string,
  ) => {
    const created = await service.create(asker, {
      formId,
      helperUserId: helper.id,
      helperName: helper.name,
      askerName,
      what,
      weight: 'light',
    });
    if (created.kind !== 'created') throw new Error(`demo request not created: ${created.kind}`);
    return created.view.request.id;
  };
  const me = { id: scope.userId, name: 'Alex Rivera' };
  const fromDana = await ask(
    dana,
    DEMO_COLLEAGUES.dana.name,
    me,
    'Could you look over my onboarding checklist before Friday?',
    'a0000000-0000-4000-8000-0000000000f1',
  );
  const toSam = await ask(
    scope,
    me.name,
    DEMO_COLLEAGUES.sam,
    'Ten minutes to talk through the migration plan',
    'a0000000-0000-4000-8000-0000000000f2',
  );
  await service.act(sam, toSam, { type: 'accept' });
  const toDanaDone = await ask(
    scope,
    me.name,
    DEMO_COLLEAGUES.dana,
    'A second pair of eyes on the budget slides',
    'a0000000-0000-4000-8000-0000000000f3',
  );
  await service.act(dana, toDanaDone, { type: 'accept' });
  await service.act(scope, toDanaDone, { type: 'done' });
  return { fromDana, toSam, toDanaDone };
}
