/**
 * The help-request card's verbs: refresh (each side's own view), the helper's answers, the
 * asker's steps, and the mute; plus the one place that wires the whole feature into the bot.
 *
 * @remarks
 * Card data is never trusted to say who may do what: the request is found from the presser's own
 * partition (their request, or the inbox entry that points at it), and only the asker and the
 * helper may act. Anyone else, and anyone of another tenant, gets the same "can't find this
 * request" as for an id that never existed. The one exception is the read-only view for someone
 * in a chat the card was posted in, who sees what is on their screen already.
 */
import type { Application } from '@microsoft/teams-ai';
import { z } from 'zod';
import { isValidScopeId } from '../../src/auth/scope';
import {
  ACTION_ROLES,
  HELP_REQUEST_LIMITS,
  type HelpRequestAction,
  type HelpRequestActionType,
} from '../../src/domain/help-request';
import type {
  ActResult,
  HelpRequestService,
  HelpRequestView,
  Seen,
} from '../../src/services/help-request-service';
import type { BotDependencies } from '../bot-context';
import type { CardNotice } from '../cards/card-elements';
import { helpRequestCard, removedRequestCard, requestWords } from '../cards/help-request-card';
import { HELP_REQUEST_INPUT, HELP_REQUEST_VERB } from '../cards/help-request-verbs';
import { HelpRequestMessenger, referenceOf, refreshUserIdsOf } from '../help-request-messenger';
import { translate, type MessageKey } from '../i18n';
import { switchedOff } from '../org-policy';
import { readAheadOf, type ReadAheadPlans } from '../state/read-ahead-plans';
import type { SpotterTurnState } from '../state/spotter-turn-state';
import { registerAsk } from './ask';
import { HelpVerbRouter, type HelpReply, type HelpVerbTurn } from './help-request-router';
import { registerMessageExtension } from './message-extension';

/** Every card action verb of help requests (the ask form's and the card's). */
export const HELP_REQUEST_VERBS: readonly string[] = Object.values(HELP_REQUEST_VERB);

/**
 * Registers everything of help requests: `ask`, the card verbs, the compose-box command, and the
 * messenger that mirrors every change in Teams. Does nothing when help requests are not wired.
 */
export function registerHelpRequests(
  app: Application<SpotterTurnState>,
  deps: BotDependencies,
  readAhead: ReadAheadPlans,
): void {
  const help = deps.helpRequests;
  if (!help) return;
  const messenger = new HelpRequestMessenger(
    app.adapter,
    app.options.botAppId ?? '',
    help.service,
    deps.logger,
  );
  help.service.onEvent(messenger.handle);
  // A card already on screen still shows itself (refresh); everything else waits for the switch.
  const router = new HelpVerbRouter(
    app,
    deps.logger,
    async (turn, verb) => {
      if (verb === HELP_REQUEST_VERB.refresh) return undefined;
      const off = await switchedOff(deps, turn.scope, 'helpRequests', turn.locale);
      return off === undefined ? undefined : { text: off };
    },
    readAhead,
  );
  registerAsk(app, deps, help, router, messenger);
  registerCardActions(router, help.service);
  registerMessageExtension(app, deps, help, router);
}

const requestDataSchema = z.object({
  requestId: z.string().max(100),
  askerId: z.string().max(200).optional().catch(undefined),
  // What the helper's card showed (see `HelpCardData`): only ever shown back to them.
  muted: z.literal(true).optional().catch(undefined),
});

/** Text inputs are read leniently: anything but a string of sane length counts as empty. */
function textOf(data: Readonly<Record<string, unknown>>, key: string, max: number): string {
  const value = data[key];
  return typeof value === 'string' && value.length <= max * 4 ? value : '';
}

const NOTICES: Record<HelpRequestActionType, MessageKey> = {
  accept: 'ask.notice.accepted',
  decline: 'ask.notice.declined',
  redirect: 'ask.notice.redirected',
  cancel: 'ask.notice.cancelled',
  done: 'ask.notice.done',
  thank: 'ask.notice.thanked',
};

const ACTION_VERBS: Array<[string, HelpRequestActionType]> = [
  [HELP_REQUEST_VERB.accept, 'accept'],
  [HELP_REQUEST_VERB.decline, 'decline'],
  [HELP_REQUEST_VERB.redirect, 'redirect'],
  [HELP_REQUEST_VERB.cancel, 'cancel'],
  [HELP_REQUEST_VERB.done, 'done'],
  [HELP_REQUEST_VERB.thank, 'thank'],
];

function registerCardActions(router: HelpVerbRouter, service: HelpRequestService): void {
  // A refreshed helper's card shows whether they muted the asker the card names.
  router.add(
    HELP_REQUEST_VERB.refresh,
    (turn) => refresh(turn, service),
    (data) => service.muteKeys(data['askerId']),
  );
  for (const [verb, type] of ACTION_VERBS) {
    router.add(verb, (turn) => act(turn, service, type));
  }
  router.add(HELP_REQUEST_VERB.unmute, async (turn) => {
    const ids = requestDataSchema.safeParse(turn.data);
    if (!ids.success) return notFound(turn.locale);
    const askerId = await service.setMuted(turn.scope, ids.data.requestId, false);
    if (!askerId) return notFound(turn.locale);
    const view = await service.view(turn.scope, ids.data.requestId);
    if (!view) return notFound(turn.locale);
    const words = requestWords(turn.locale, view.request);
    return cardFor(turn, service, view, {
      text: translate(turn.locale, 'ask.notice.unmuted', { ...words }),
      tone: 'good',
    });
  });
}

async function refresh(turn: HelpVerbTurn, service: HelpRequestService): Promise<HelpReply> {
  const ids = requestDataSchema.safeParse(turn.data);
  if (!ids.success) return { card: removedRequestCard(turn.locale) };
  const view = await service.view(turn.scope, ids.data.requestId, {
    ...(ids.data.askerId ? { askerHint: ids.data.askerId } : {}),
    ...(turn.context.activity.conversation?.id
      ? { conversationId: turn.context.activity.conversation.id }
      : {}),
  });
  if (!view) return { card: removedRequestCard(turn.locale) };
  await noteSeen(turn, service, ids.data.requestId);
  return cardFor(turn, service, view);
}

async function act(
  turn: HelpVerbTurn,
  service: HelpRequestService,
  type: HelpRequestActionType,
): Promise<HelpReply> {
  const ids = requestDataSchema.safeParse(turn.data);
  if (!ids.success) return notFound(turn.locale);
  const requestId = ids.data.requestId;
  const action = await actionOf(turn, service, type);
  // The card's asker id only says where to look; the stored request decides who may act. The
  // mute it showed is shown again (a refresh of the card reads the stored one).
  const result = await service.act(turn.scope, requestId, action, {
    ...(ids.data.askerId ? { askerHint: ids.data.askerId } : {}),
    seen: seenOf(turn),
    helperMuted: ids.data.muted === true,
  });
  if (result.kind === 'not-found') return notFound(turn.locale);
  const view = result.view;
  const words = requestWords(turn.locale, view.request);
  let notice = noticeOf(turn.locale, result, type, words);
  let muted = 'helperMuted' in result ? result.helperMuted : undefined;
  const wantsMute = type === 'decline' && turn.data[HELP_REQUEST_INPUT.mute] === 'true';
  if (wantsMute && view.role === 'helper' && view.request.status === 'declined') {
    await service.setMuted(turn.scope, requestId, true);
    notice = { text: translate(turn.locale, 'ask.notice.muted', { ...words }), tone: 'good' };
    muted = true;
  }
  return cardFor(turn, service, view, notice, muted);
}

/** The domain action a verb's data describes; a suggestion's name comes from Spotter if it can. */
async function actionOf(
  turn: HelpVerbTurn,
  service: HelpRequestService,
  type: HelpRequestActionType,
): Promise<HelpRequestAction> {
  const { data } = turn;
  switch (type) {
    case 'decline':
      return {
        type,
        reason: textOf(data, HELP_REQUEST_INPUT.reason, HELP_REQUEST_LIMITS.reason),
      };
    case 'thank':
      return { type, note: textOf(data, HELP_REQUEST_INPUT.note, HELP_REQUEST_LIMITS.note) };
    case 'redirect': {
      const picked = textOf(data, HELP_REQUEST_INPUT.suggestPicked, 200)
        .split(',')
        .map((id) => id.trim())
        .find(isValidScopeId);
      const typed = textOf(data, HELP_REQUEST_INPUT.suggestName, HELP_REQUEST_LIMITS.name);
      const profile = picked ? await service.colleagueProfile(turn.scope, picked) : undefined;
      return {
        type,
        suggestion: {
          ...(picked ? { userId: picked } : {}),
          name: profile?.displayName || typed,
        },
      };
    }
    default:
      return { type };
  }
}

function noticeOf(
  locale: string,
  result: Exclude<ActResult, { kind: 'not-found' }>,
  type: HelpRequestActionType,
  words: ReturnType<typeof requestWords>,
): CardNotice | undefined {
  switch (result.kind) {
    case 'changed':
      return { text: translate(locale, NOTICES[type], { ...words }), tone: 'good' };
    case 'refused': {
      if (result.reason === 'invalid-suggestion') {
        return { text: translate(locale, 'ask.notice.invalidSuggestion'), tone: 'attention' };
      }
      if (result.reason === 'wrong-party') {
        const name = ACTION_ROLES[type] === 'asker' ? words.asker : words.helper;
        return { text: translate(locale, 'ask.notice.notYours', { name }), tone: 'attention' };
      }
      return { text: translate(locale, 'ask.notice.movedOn'), tone: 'attention' };
    }
    default:
      return undefined;
  }
}

/**
 * Remembers the card the presser used (a copy inserted in a chat through the compose box is
 * learnt this way) and their Teams user id, so later changes reach that copy and refresh it.
 */
async function noteSeen(
  turn: HelpVerbTurn,
  service: HelpRequestService,
  requestId: string,
): Promise<void> {
  await service.noteCard(turn.scope, requestId, seenOf(turn));
}

/** The card the presser used and their Teams user id, as the turn tells them. */
function seenOf(turn: HelpVerbTurn): Seen {
  const activity = turn.context.activity;
  return {
    ...(activity.replyToId
      ? {
          card: {
            view: 'chat',
            conversation: referenceOf(turn.context),
            activityId: activity.replyToId,
            locale: turn.locale,
          },
        }
      : {}),
    ...(activity.from?.id ? { teamsUserId: activity.from.id } : {}),
  };
}

/** The request in the presser's own view; `knownMuted` when the action read the mute already. */
async function cardFor(
  turn: HelpVerbTurn,
  service: HelpRequestService,
  view: HelpRequestView,
  notice?: CardNotice,
  knownMuted?: boolean,
): Promise<HelpReply> {
  const muted =
    view.role === 'helper' &&
    (knownMuted ??
      (await service.isMuted(turn.scope, view.request.asker.userId, readAheadOf(turn.context))));
  return {
    card: helpRequestCard(turn.locale, {
      request: view.request,
      viewer: view.role,
      refreshUserIds: refreshUserIdsOf(view.teamsUserIds),
      notice,
      muted,
    }),
  };
}

function notFound(locale: string): HelpReply {
  return {
    card: removedRequestCard(locale, {
      text: translate(locale, 'ask.notice.notFound'),
      tone: 'attention',
    }),
  };
}
