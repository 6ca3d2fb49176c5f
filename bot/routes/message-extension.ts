/**
 * "Ask for help" in the compose box (Teams chats, Outlook compose): a dialog with the ask form,
 * then a help-request card inserted into the message being written.
 *
 * @remarks
 * The card inserted is the neutral view with `refresh` for both sides, so once sent the asker and
 * the helper each see their own buttons, and it works like the card the bot sends: its verbs
 * reach the same handlers, and the first time either side uses it, Spotter learns where it was
 * posted and keeps that copy current. No copy goes to the helper's 1:1 chat: this is the route
 * for colleagues who may not have Spotter, and the card in the chat is the delivery.
 */
import { randomUUID } from 'node:crypto';
import type { Application } from '@microsoft/teams-ai';
import {
  CardFactory,
  type MessagingExtensionResult,
  type TaskModuleTaskInfo,
  type TurnContext,
} from 'botbuilder';
import { dayKeyOf } from '../../src/domain/help-request';
import type { BotDependencies } from '../bot-context';
import { askFormCard } from '../cards/ask-form-card';
import { adaptiveCard, type CardNotice } from '../cards/card-elements';
import { escapeCardText } from '../cards/card-text';
import { helpRequestCard } from '../cards/help-request-card';
import { refreshUserIdsOf } from '../help-request-messenger';
import { translate } from '../i18n';
import { policyOf } from '../org-policy';
import type { SpotterTurnState } from '../state/spotter-turn-state';
import { scopeOfTurn } from '../turn-scope';
import {
  askerNameOf,
  createProblemText,
  formValuesOf,
  readAskForm,
  resolveColleague,
  type AskForm,
  type HelpRequestDependencies,
  type ResolvedColleague,
} from './ask';
import { localeOf, type HelpVerbRouter } from './help-request-router';

/** The id of the "Ask for help" action command in the app manifest. */
export const ASK_FOR_HELP_COMMAND = 'askForHelp';

/** Registers the compose-box command and the clicks on the cards it inserts. */
export function registerMessageExtension(
  app: Application<SpotterTurnState>,
  deps: BotDependencies,
  help: HelpRequestDependencies,
  router: HelpVerbRouter,
): void {
  const dialog = (
    locale: string,
    today: string,
    form?: AskForm,
    notice?: CardNotice,
    colleague?: ResolvedColleague,
  ): TaskModuleTaskInfo => ({
    title: translate(locale, 'ask.extension.title'),
    width: 'medium',
    height: 'large',
    card: CardFactory.adaptiveCard(
      askFormCard(locale, form ? formValuesOf(form, colleague) : { formId: randomUUID() }, {
        mode: 'dialog',
        today,
        ...(notice ? { notice } : {}),
      }),
    ),
  });
  const todayOf = async (context: TurnContext): Promise<string> => {
    const scope = scopeOfTurn(context);
    const timeZone = scope ? (await deps.practice.settings(scope)).value.timeZone : 'UTC';
    return dayKeyOf(deps.now(), timeZone);
  };
  /**
   * A dialog that says the command is switched off in the person's organization (the compose
   * extension itself, or the help requests it makes); undefined when it is on.
   */
  const switchedOffDialog = async (
    context: TurnContext,
  ): Promise<TaskModuleTaskInfo | undefined> => {
    const scope = scopeOfTurn(context);
    if (!scope) return undefined;
    const { features } = await policyOf(deps, scope);
    if (features.composeExtension && features.helpRequests) return undefined;
    const locale = localeOf(context);
    const key = features.helpRequests ? 'feature.off.composeExtension' : 'feature.off.helpRequests';
    return {
      title: translate(locale, 'ask.extension.title'),
      width: 'small',
      height: 'small',
      card: CardFactory.adaptiveCard(
        adaptiveCard([{ type: 'TextBlock', text: translate(locale, key), wrap: true }]),
      ),
    };
  };
  const failed = (context: TurnContext, error: unknown): string => {
    deps.logger.error(
      {
        err: error instanceof Error ? error.name : 'unknown',
        tenantId: scopeOfTurn(context)?.tenantId,
        correlationId: context.activity.id,
      },
      'ask for help failed',
    );
    return translate(localeOf(context), 'error.generic');
  };

  app.messageExtensions.fetchTask(ASK_FOR_HELP_COMMAND, async (context) => {
    try {
      return (
        (await switchedOffDialog(context)) ?? dialog(localeOf(context), await todayOf(context))
      );
    } catch (error) {
      return failed(context, error);
    }
  });

  app.messageExtensions.submitAction<Record<string, unknown>>(
    ASK_FOR_HELP_COMMAND,
    async (
      context,
      _state,
      data,
    ): Promise<MessagingExtensionResult | TaskModuleTaskInfo | string> => {
      try {
        const locale = localeOf(context);
        const scope = scopeOfTurn(context);
        if (!scope) return translate(locale, 'ask.notice.notFound');
        const off = await switchedOffDialog(context);
        if (off) return off;
        const form = readAskForm(data);
        const today = await todayOf(context);
        const again = (text: string, colleague?: ResolvedColleague) =>
          dialog(locale, today, form, { text, tone: 'attention' }, colleague);

        const colleague = await resolveColleague(context, scope, help.service, form);
        if (typeof colleague === 'string') {
          return again(
            translate(locale, colleague, { address: escapeCardText(form.colleagueAddress ?? '') }),
          );
        }
        const result = await help.service.create(scope, {
          formId: form.formId,
          helperUserId: colleague.userId,
          helperName: colleague.name ?? '',
          askerName: await askerNameOf(context, scope, help.service),
          askerTeamsUserId: context.activity.from?.id,
          helperTeamsUserId: colleague.teamsUserId,
          what: form.what,
          byWhen: form.byWhen,
          weight: form.weight,
        });
        const name = escapeCardText(
          colleague.name || form.colleagueAddress || translate(locale, 'ask.card.someone'),
        );
        const problem = createProblemText(locale, result, name, help.service);
        if (problem !== undefined || (result.kind !== 'created' && result.kind !== 'existing')) {
          return again(problem ?? translate(locale, 'ask.problem.badForm'), colleague);
        }
        const card = helpRequestCard(locale, {
          request: result.view.request,
          viewer: 'other',
          refreshUserIds: refreshUserIdsOf(result.view.teamsUserIds),
        });
        return {
          type: 'result',
          attachmentLayout: 'list',
          attachments: [
            {
              ...CardFactory.adaptiveCard(card),
              preview: CardFactory.heroCard(
                translate(locale, 'ask.extension.title'),
                translate(locale, 'ask.extension.sent'),
              ),
            },
          ],
        };
      } catch (error) {
        return failed(context, error);
      }
    },
  );

  // An Action.Submit on a card a person inserted arrives as this invoke, with the verb in it.
  app.messageExtensions.handleOnButtonClicked(async (context, _state, data) => {
    await router.dispatch(context, data);
  });
}
