/**
 * Writes the turn state now, before the bot answers, so that a crash right after the answer
 * cannot leave a dialogue one step behind what the person saw.
 *
 * @remarks
 * teams-ai saves turn state after the route has run, that is after its replies went out. A
 * dialogue that moved on and said so, then lost its new position to a crash, would take the
 * person's next answer for the previous prompt. Saving first closes that window. The state is
 * then written once more at the end of the turn (teams-ai does not know it was saved); that
 * second write is made unconditional (`eTag: '*'`), since its etag is the one just replaced.
 */
import type { TurnContext } from 'botbuilder';
import type { SpotterTurnState } from '../state/spotter-turn-state';

const SCOPES = ['conversation', 'user'] as const;

/** Saves the changed turn state scopes at once. */
export async function persistTurnStateNow(
  context: TurnContext,
  state: SpotterTurnState,
): Promise<void> {
  const changed = SCOPES.filter((scope) => state.getScope(scope)?.hasChanged);
  if (changed.length === 0) return;
  await state.save(context);
  for (const scope of changed) {
    const entry = state.getScope(scope);
    if (entry) entry.value['eTag'] = '*';
  }
}
