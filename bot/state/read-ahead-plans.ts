/**
 * What a card verb's turn reads when it starts: what its handler reads first from the presser's
 * own partition, read along with the turn state in the same round trip (see
 * `src/store/read-ahead.ts`), and whether it needs the turn state at all.
 *
 * @remarks
 * A plan gets the action's data as the client sent it: it may only use it to choose keys in the
 * presser's own partition (the turn's scope), never to reach another. A plan that guesses wrong
 * costs nothing but the unused records: the handler then reads for itself. A verb whose handler
 * never touches teams-ai's conversation or user state can say so, and its turns neither read nor
 * write them.
 */
import type { TurnContext } from 'botbuilder';
import type { Scope } from '../../src/auth/scope';
import { ReadAhead } from '../../src/store/read-ahead';
import type { RecordKey } from '../../src/store/store';

/** The keys a verb's handler will read first, from the action's (unvalidated) data. */
export type ReadAheadPlan = (
  data: Readonly<Record<string, unknown>>,
  scope: Scope,
) => readonly RecordKey[];

/** Where a turn keeps what it read ahead (botbuilder's per-turn state). */
const READ_AHEAD = Symbol('spotter.readAhead');

function recordOf(value: unknown): Readonly<Record<string, unknown>> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The verb and data of a card action, however it arrived; undefined for any other activity. */
function cardActionOf(
  context: TurnContext,
): { verb: string; data: Readonly<Record<string, unknown>> } | undefined {
  const activity = context.activity;
  const value = recordOf(activity.value);
  if (!value) return undefined;
  if (activity.type === 'invoke' && activity.name === 'adaptiveCard/action') {
    const action = recordOf(value['action']);
    const verb = action?.['verb'];
    return typeof verb === 'string' ? { verb, data: recordOf(action?.['data']) ?? {} } : undefined;
  }
  // An older client's `Action.Submit`: a message without text whose value names the verb.
  if (activity.type === 'message' && !activity.text && typeof value['verb'] === 'string') {
    return { verb: value['verb'], data: value };
  }
  return undefined;
}

/** How a verb's turn starts. */
export interface TurnStart {
  /** Records to read ahead. */
  readonly keys: readonly RecordKey[];
  /** False when the handler never touches the turn state: it is then neither read nor written. */
  readonly turnState: boolean;
}

const ORDINARY_TURN: TurnStart = { keys: [], turnState: true };

/** The read-ahead plans of the bot's card verbs. */
export class ReadAheadPlans {
  private readonly plans = new Map<
    string,
    { readonly plan: ReadAheadPlan; readonly turnState: boolean }
  >();

  /**
   * Reads `plan`'s keys ahead whenever `verb` is pressed; `turnState: false` when the verb's
   * handler never touches the turn state.
   */
  add(verb: string, plan: ReadAheadPlan, options: { readonly turnState?: boolean } = {}): void {
    this.plans.set(verb, { plan, turnState: options.turnState ?? true });
  }

  /** How this turn starts: by the plan of the card verb it carries, if any. */
  startOf(context: TurnContext, scope: Scope): TurnStart {
    const action = cardActionOf(context);
    const entry = action ? this.plans.get(action.verb) : undefined;
    if (!entry || !action) return ORDINARY_TURN;
    // An older client's Action.Submit arrives as a message, which reads the turn state on its way.
    const turnState = entry.turnState || context.activity.type === 'message';
    return { keys: entry.plan(action.data, scope), turnState };
  }
}

/** Keeps what the turn read ahead, for its handler (see {@link readAheadOf}). */
export function keepReadAhead(context: TurnContext, ahead: ReadAhead): void {
  context.turnState.set(READ_AHEAD, ahead);
}

/** What this turn read ahead, if anything, to hand to the services it calls. */
export function readAheadOf(context: TurnContext): ReadAhead | undefined {
  const ahead: unknown = context.turnState.get(READ_AHEAD);
  return ahead instanceof ReadAhead ? ahead : undefined;
}
