/**
 * The Spotter bot: teams-ai `Application` on botbuilder's `CloudAdapter`, with its routes.
 *
 * @remarks
 * The HTTP layer hands each authenticated-to-be activity to {@link SpotterBot.handle}; the
 * adapter authenticates it (when bot credentials are configured), then the application loads
 * turn state from the store and runs the first matching route.
 */
import { Application } from '@microsoft/teams-ai';
import {
  ActivityEventNames,
  type Activity,
  type ConfigurationBotFrameworkAuthenticationOptions,
  type InvokeResponse,
  type TurnContext,
} from 'botbuilder';
import type { Config } from '../src/config/config';
import { TenantRegistry } from '../src/services/tenant-registry';
import { isStoreUnavailable } from '../src/store/errors';
import type { BotDependencies } from './bot-context';
import { translate } from './i18n';
import { profileFingerprint, recordProfile } from './profile-recorder';
import { registerDataRights } from './routes/data-rights';
import { registerFallback } from './routes/fallback';
import { registerHelp } from './routes/help';
import { registerHelpRequests } from './routes/help-request-actions';
import { registerInstall } from './routes/install';
import { registerLog } from './routes/log';
import { registerReflect } from './routes/reflect';
import { registerReminderActions } from './routes/reminder-actions';
import { registerSettings } from './routes/settings';
import { registerUninstall } from './routes/uninstall';
import { SpotterAdapter } from './spotter-adapter';
import { ReadAheadPlans } from './state/read-ahead-plans';
import { SpotterTurnState } from './state/spotter-turn-state';
import { scopeOfTurn } from './turn-scope';

/** Result of handing one activity to the bot. */
export type BotOutcome =
  | {
      /** The activity was authenticated and processed. */
      readonly kind: 'handled';
      /** Invoke response to return as the HTTP answer, if any. */
      readonly invokeResponse?: InvokeResponse;
    }
  | {
      /** Authentication of the activity failed; no route ran. */
      readonly kind: 'unauthorized';
    };

/** The bot as the HTTP layer sees it. */
export interface SpotterBot {
  /** Authenticates and processes one activity. */
  handle(authorization: string, activity: Activity): Promise<BotOutcome>;
}

/** botbuilder authentication settings from Spotter's configuration (empty: authentication off). */
export function botAuthenticationOptions(
  bot: Config['bot'],
): ConfigurationBotFrameworkAuthenticationOptions {
  if (!bot) return {};
  const options: Record<string, string> = {
    MicrosoftAppId: bot.appId,
    MicrosoftAppPassword: bot.password ?? '',
    MicrosoftAppType: bot.appType,
    MicrosoftAppTenantId: bot.tenantId ?? '',
  };
  if (bot.openIdMetadataUrl) {
    Object.assign(options, {
      ToBotFromChannelOpenIdMetadataUrl: bot.openIdMetadataUrl,
      ToBotFromEmulatorOpenIdMetadataUrl: bot.openIdMetadataUrl,
      ToBotFromChannelTokenIssuer: 'https://api.botframework.com',
      ToChannelFromBotLoginUrl: 'https://login.microsoftonline.com/botframework.com',
      ToChannelFromBotOAuthScope: 'https://api.botframework.com',
      OAuthUrl: 'https://api.botframework.com',
      CallerId: 'urn:botframework:azure',
      ValidateAuthority: 'true',
    });
  }
  return options as ConfigurationBotFrameworkAuthenticationOptions;
}

/** Builds the bot with every route registered. */
export function createBot(
  config: Pick<Config, 'bot' | 'auth'>,
  deps: BotDependencies,
  adapter: SpotterAdapter = new SpotterAdapter(botAuthenticationOptions(config.bot)),
): SpotterBot {
  const tenants = new TenantRegistry(deps.store, config.auth);
  const readAhead = new ReadAheadPlans();
  const app = new Application<SpotterTurnState>({
    adapter,
    botAppId: config.bot?.appId ?? '',
    turnStateFactory: () => new SpotterTurnState(deps.store, readAhead),
    removeRecipientMention: true,
    startTypingTimer: false,
    longRunningMessages: false,
  });

  app.turn('beforeTurn', async (context, state) => {
    const scope = scopeOfTurn(context);
    const fingerprint = profileFingerprint(context);
    if (
      scope &&
      context.activity.type === 'message' &&
      context.activity.conversation.conversationType === 'personal' &&
      state.user.profileFingerprint !== fingerprint
    ) {
      await recordProfile(deps.store, scope, context, deps.now());
      state.user.profileFingerprint = fingerprint;
    }
    return true;
  });
  registerInstall(app, deps);
  registerHelp(app, deps);
  registerReflect(app, deps, readAhead);
  registerLog(app, deps, readAhead);
  registerSettings(app, deps);
  registerDataRights(app, deps);
  registerReminderActions(app, deps);
  registerUninstall(app, deps);
  registerHelpRequests(app, deps, readAhead);
  registerFallback(app);

  adapter.onTurnError = async (context: TurnContext, error: Error) => {
    // A proactive send (a reminder) must fail to its caller, which retries or records it:
    // swallowed here, an undelivered reminder would count as sent.
    if (context.activity.name === ActivityEventNames.ContinueConversation) throw error;
    deps.logger.error(
      { err: { name: error.name, message: error.message }, ...turnLogFields(context) },
      'turn failed',
    );
    const text = translate(
      context.activity.locale,
      isStoreUnavailable(error) ? 'error.storeBusy' : 'error.generic',
    );
    if (context.activity.type === 'message') await context.sendActivity(text);
    else if (context.activity.name === 'adaptiveCard/action') {
      // A card button needs an invoke answer, or Teams shows its own bare failure on the card.
      await context.sendActivity({
        type: 'invokeResponse',
        value: {
          status: 200,
          body: {
            statusCode: 200,
            type: 'application/vnd.microsoft.activity.message',
            value: text,
          },
        },
      });
    }
  };

  return {
    async handle(authorization, activity) {
      let routed = false;
      try {
        const invokeResponse = await adapter.processAuthenticated(
          authorization,
          activity,
          async (context) => {
            routed = true;
            await runTurn(context);
          },
        );
        return invokeResponse ? { kind: 'handled', invokeResponse } : { kind: 'handled' };
      } catch (error) {
        // botbuilder reports some forged tokens as plain errors, not AuthenticationError: any
        // failure before a route ran is an authentication failure.
        if (!routed) return { kind: 'unauthorized' };
        throw error;
      }
    },
  };

  async function runTurn(context: TurnContext): Promise<void> {
    const scope = scopeOfTurn(context);
    if (!scope) return;
    if (!(await tenants.isServed(scope))) {
      deps.logger.info(turnLogFields(context), 'tenant not enabled');
      if (context.activity.type === 'message') {
        await context.sendActivity(translate(context.activity.locale, 'error.notEnabled'));
      }
      return;
    }
    await app.run(context);
  }
}

/** Log fields that identify a turn without any of its content. */
export function turnLogFields(context: TurnContext): Record<string, unknown> {
  const activity = context.activity;
  return {
    tenantId: scopeOfTurn(context)?.tenantId,
    correlationId: activity.id,
    activityType: activity.type,
    conversationType: activity.conversation?.conversationType,
  };
}
