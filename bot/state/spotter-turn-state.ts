/**
 * Spotter's teams-ai turn state, persisted in the store (never in memory).
 */
import { TurnState } from '@microsoft/teams-ai';
import type { Storage, TurnContext } from 'botbuilder';
import type { Store } from '../../src/store/store';
import { scopeOfTurn } from '../turn-scope';
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
 * {@link ScopedTurnStorage} bound to the sender instead, so state cannot cross partitions.
 */
export class SpotterTurnState extends TurnState<ConversationData, UserData> {
  constructor(private readonly store: Store) {
    super();
  }

  override load(context: TurnContext, _storage?: Storage): Promise<boolean> {
    return super.load(context, this.storageFor(context));
  }

  override save(context: TurnContext, _storage?: Storage): Promise<void> {
    return super.save(context, this.storageFor(context));
  }

  private storageFor(context: TurnContext): Storage {
    const scope = scopeOfTurn(context);
    if (!scope) throw new Error('turn has no authenticated tenant and user');
    return new ScopedTurnStorage(this.store, scope);
  }
}
