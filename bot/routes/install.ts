/**
 * Install: when Spotter is added to a personal chat it says hello and remembers how to reach
 * the person.
 */
import type { Application } from '@microsoft/teams-ai';
import type { BotDependencies } from '../bot-context';
import { translate } from '../i18n';
import { profileFingerprint, recordProfile } from '../profile-recorder';
import type { SpotterTurnState } from '../state/spotter-turn-state';
import { scopeOfTurn } from '../turn-scope';

/** Greets a person when the bot joins their 1:1 chat. */
export function registerInstall(app: Application<SpotterTurnState>, deps: BotDependencies): void {
  app.conversationUpdate('membersAdded', async (context, state) => {
    const activity = context.activity;
    const botJoined = (activity.membersAdded ?? []).some(
      (member) => member.id === activity.recipient.id,
    );
    const scope = scopeOfTurn(context);
    if (!botJoined || activity.conversation.conversationType !== 'personal' || !scope) return;

    const profile = await recordProfile(deps.store, scope, context, deps.now());
    state.user.profileFingerprint = profileFingerprint(context);
    const locale = profile.locale;
    const greeting = profile.givenName
      ? translate(locale, 'welcome.greeting', { name: profile.givenName })
      : translate(locale, 'welcome.greetingNoName');
    await context.sendActivity(
      [greeting, translate(locale, 'welcome.what'), translate(locale, 'welcome.next')].join('\n\n'),
    );
  });
}
