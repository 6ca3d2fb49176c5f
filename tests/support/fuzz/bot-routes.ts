/**
 * The bot's route table, read from the bot itself: every text command, activity type,
 * conversation update, card verb and compose-box command that the routes register.
 *
 * @remarks
 * teams-ai keeps its routes as closures with no list to read, so the recorder watches the
 * registration calls while the bot is built (call {@link recordBotRoutes} before starting the
 * server in the same test file). A verb or command added later is fuzzed without anyone listing
 * it. Routes chosen by a function instead of a keyword cannot be read; the recorder counts them
 * so a spec can insist that each one is covered by hand.
 */
import { AdaptiveCards, Application, MessageExtensions } from '@microsoft/teams-ai';

/** What the bot registered. */
export interface BotRouteTable {
  /** Text commands registered with a regular expression or a string. */
  readonly messagePatterns: RegExp[];
  /** Text routes chosen by a function (their text cannot be derived). */
  readonly messageSelectorFunctions: number;
  /** Activity types with a route of their own (`installationUpdate`, `message`…). */
  readonly activityTypes: string[];
  /** Conversation update events (`membersAdded`…). */
  readonly conversationUpdates: string[];
  /** `Action.Execute` verbs (`adaptiveCard/action` invokes). */
  readonly executeVerbs: string[];
  /** `Action.Submit` verbs (messages whose value carries the verb). */
  readonly submitVerbs: string[];
  /** Compose-box action commands with a `fetchTask` route. */
  readonly fetchTaskCommands: string[];
  /** Compose-box action commands with a `submitAction` route. */
  readonly submitActionCommands: string[];
  /** True when buttons on cards inserted from the compose box are routed. */
  readonly cardButtonClicks: boolean;
}

/** The recorder: read {@link BotRouteRecorder.table} once the bot is built. */
export interface BotRouteRecorder {
  /** Everything registered so far. */
  table(): BotRouteTable;
  /** Stops watching registrations. */
  restore(): void;
}

type Selector = string | RegExp | ((...args: never[]) => unknown);

/** Starts watching route registrations (jest spies that call through). */
export function recordBotRoutes(): BotRouteRecorder {
  const spies = {
    message: jest.spyOn(Application.prototype, 'message'),
    activity: jest.spyOn(Application.prototype, 'activity'),
    conversationUpdate: jest.spyOn(Application.prototype, 'conversationUpdate'),
    execute: jest.spyOn(AdaptiveCards.prototype, 'actionExecute'),
    submit: jest.spyOn(AdaptiveCards.prototype, 'actionSubmit'),
    fetchTask: jest.spyOn(MessageExtensions.prototype, 'fetchTask'),
    submitAction: jest.spyOn(MessageExtensions.prototype, 'submitAction'),
    buttonClicked: jest.spyOn(MessageExtensions.prototype, 'handleOnButtonClicked'),
  };
  const selectors = (spy: { mock: { calls: unknown[][] } }): Selector[] =>
    spy.mock.calls.flatMap((call) => [call[0]].flat() as Selector[]);
  const strings = (spy: { mock: { calls: unknown[][] } }): string[] => [
    ...new Set(selectors(spy).filter((s): s is string => typeof s === 'string')),
  ];
  return {
    table() {
      const messages = selectors(spies.message);
      return {
        messagePatterns: messages.flatMap((s) =>
          typeof s === 'function' ? [] : [typeof s === 'string' ? new RegExp(escape(s), 'i') : s],
        ),
        messageSelectorFunctions: messages.filter((s) => typeof s === 'function').length,
        activityTypes: strings(spies.activity),
        conversationUpdates: strings(spies.conversationUpdate),
        executeVerbs: strings(spies.execute),
        submitVerbs: strings(spies.submit),
        fetchTaskCommands: strings(spies.fetchTask),
        submitActionCommands: strings(spies.submitAction),
        cardButtonClicks: spies.buttonClicked.mock.calls.length > 0,
      };
    },
    restore() {
      Object.values(spies).forEach((spy) => spy.mockRestore());
    },
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
