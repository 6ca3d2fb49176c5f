/**
 * Install and uninstall, as weekly reminders see them: removing Spotter stops a person's
 * reminders (and deletes nothing else); installing it, again or for the first time, starts them.
 *
 * @remarks
 * Teams says "removed" twice: an `installationUpdate` with action `remove`, and a
 * `conversationUpdate` whose `membersRemoved` holds the bot; either stops reminders. Only the
 * personal scope counts: removing Spotter from a team leaves the person's own reminders alone.
 * Starting happens after the turn, once the install route has recorded the profile with the
 * conversation reference a reminder needs; people who installed before reminders existed are
 * planned on their next message.
 */
import type { Application } from '@microsoft/teams-ai';
import type { TurnContext } from 'botbuilder';
import type { Scope } from '../../src/auth/scope';
import type { BotDependencies } from '../bot-context';
import type { SpotterTurnState } from '../state/spotter-turn-state';
import { USER_DATA_DELETED } from './data-rights';
import { personalScope } from './personal-scope';

function botIsAmong(context: TurnContext, members: { id: string }[] | undefined): boolean {
  return (members ?? []).some((member) => member.id === context.activity.recipient?.id);
}

/** Registers the uninstall routes and the install hook of reminders. */
export function registerUninstall(app: Application<SpotterTurnState>, deps: BotDependencies): void {
  const stop = async (scope: Scope) => {
    await deps.reminders.uninstalled(scope);
    deps.logger.info({ tenantId: scope.tenantId }, 'reminders stopped: Spotter was removed');
  };

  app.activity('installationUpdate', async (context) => {
    const scope = personalScope(context);
    if (scope && context.activity.action === 'remove') await stop(scope);
  });

  app.conversationUpdate('membersRemoved', async (context) => {
    const scope = personalScope(context);
    if (scope && botIsAmong(context, context.activity.membersRemoved)) await stop(scope);
  });

  app.turn('afterTurn', async (context) => {
    const scope = personalScope(context);
    // After "delete my data" nothing of the person may be written back.
    if (!scope || context.turnState.get(USER_DATA_DELETED)) return true;
    const activity = context.activity;
    try {
      const installed =
        (activity.type === 'installationUpdate' && activity.action === 'add') ||
        (activity.type === 'conversationUpdate' && botIsAmong(context, activity.membersAdded));
      if (installed) await deps.reminders.installed(scope);
      else if (activity.type === 'message' || activity.type === 'invoke') {
        await deps.reminders.ensurePlanned(scope);
      }
    } catch (error) {
      // The person's turn went through; their reminders are planned on a later turn.
      deps.logger.warn(
        {
          tenantId: scope.tenantId,
          correlationId: activity.id,
          err: error instanceof Error ? { name: error.name, message: error.message } : error,
        },
        'reminder planning after the turn failed',
      );
    }
    return true;
  });
}
