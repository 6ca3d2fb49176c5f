/**
 * The practice is private: its commands and cards work only in the person's 1:1 chat.
 */
import type { TurnContext } from 'botbuilder';
import type { Scope } from '../../src/auth/scope';
import { scopeOfTurn } from '../turn-scope';

/**
 * The sender's scope when the turn comes from their personal chat with Spotter; undefined in a
 * group chat or channel, where a reflection or an export would be seen by others.
 */
export function personalScope(context: TurnContext): Scope | undefined {
  if (context.activity.conversation?.conversationType !== 'personal') return undefined;
  return scopeOfTurn(context);
}
