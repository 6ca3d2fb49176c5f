/**
 * Spotter's teams-ai turn state, persisted in the store (never in memory).
 */
import { TurnState } from '@microsoft/teams-ai';
import type { Storage, TurnContext } from 'botbuilder';
import type { Scope } from '../../src/auth/scope';
import { ReadAhead } from '../../src/store/read-ahead';
import type { Store } from '../../src/store/store';
import { scopeOfTurn } from '../turn-scope';
import { keepReadAhead, type ReadAheadPlans } from './read-ahead-plans';
import { ScopedTurnStorage } from './scoped-turn-storage';

/** What the bot remembers about a conversation between turns. */
export interface ConversationData {
  /** Reserved for dialogues (reflection, ask) that span turns. */
  dialog?: Record<string, unknown>;
}

/** What the bot remembers about a user between turns. */
export interface UserData {
  /** Fingerprint of the last profile written, so the profile is rewritten only when it changes. */
  profileFingerprint?: string;
}

/**
 * Turn state whose storage is chosen per turn from the authenticated activity's scope.
 *
 * @remarks
 * teams-ai hands every state the application-wide storage; this class ignores it and uses a
 * {@link ScopedTurnStorage} bound to the sender instead, so state cannot cross partitions. The
 * load reads along what the pressed card verb's handler will read first (`plans`), and keeps it
 * for the handler: one round trip for both; a verb that does without the turn state skips it.
 */
export class SpotterTurnState extends TurnState<ConversationData, UserData> {
  /** This turn's verb does without the turn state (see {@link ReadAheadPlans.add}). */
  private withoutState = false;

  constructor(
    private readonly store: Store,
    private readonly plans?: ReadAheadPlans,
  ) {
    super();
  }

  override load(context: TurnContext, _storage?: Storage): Promise<boolean> {
    const scope = this.scopeOf(context);
    const start = this.plans?.startOf(context, scope);
    this.withoutState = start?.turnState === false;
    const options = { readState: !this.withoutState };
    if (!start || start.keys.length === 0) {
      return super.load(context, new ScopedTurnStorage(this.store, scope, options));
    }
    const into = new ReadAhead(scope);
    keepReadAhead(context, into);
    const along = { keys: start.keys, into };
    return super.load(context, new ScopedTurnStorage(this.store, scope, { ...options, along }));
  }

  override save(context: TurnContext, _storage?: Storage): Promise<void> {
    // State that was not read is never written: it would replace what is stored with nothing.
    if (this.withoutState) return Promise.resolve();
    return super.save(context, new ScopedTurnStorage(this.store, this.scopeOf(context)));
  }

  private scopeOf(context: TurnContext): Scope {
    const scope = scopeOfTurn(context);
    if (!scope) throw new Error('turn has no authenticated tenant and user');
    return scope;
  }
}
