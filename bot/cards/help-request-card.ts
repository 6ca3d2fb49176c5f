/**
 * The help-request card, in the view of whoever looks at it.
 *
 * @remarks
 * One builder, three views: the helper sees *I can help*, *Not this time* (optional reason, and
 * "don't ask me through Spotter") and *Suggest someone*; the asker sees *Cancel*, and after an
 * accept *Mark done* and *Say thanks*; anyone else sees the status only. The card's `refresh`
 * names both sides' Teams user ids, so Teams fetches each of them their own view; the card put
 * in a shared chat is the neutral one. Everything a person typed is escaped and was
 * length-limited by the domain.
 */
import {
  availableActions,
  type HelpRequest,
  type HelpRequestActionType,
  type Role,
} from '../../src/domain/help-request';
import { translate, type MessageKey } from '../i18n';
import {
  executeAction,
  noticeBlock,
  type CardAction,
  type CardNotice,
  type TextBlock,
} from './card-elements';
import { escapeCardText } from './card-text';
import { PEOPLE_DATASET } from './ask-form-card';
import {
  helpCard,
  showCardAction,
  type HelpCard,
  type HelpCardAction,
  type HelpCardElement,
} from './help-request-elements';
import { HELP_REQUEST_INPUT, HELP_REQUEST_VERB } from './help-request-verbs';

/** What the card shows. */
export interface HelpRequestCardView {
  /** The request. */
  readonly request: HelpRequest;
  /** Whose view: `other` is the read-only one. */
  readonly viewer: Role;
  /** Teams user ids that refresh to their own view (asker, helper). */
  readonly refreshUserIds: readonly string[];
  /** A confirmation or problem shown on top. */
  readonly notice?: CardNotice | undefined;
  /** Helper's view: they muted this asker. */
  readonly muted?: boolean | undefined;
}

/** The names and words of a request, escaped for card markdown. */
export interface RequestWords {
  /** The asker's name. */
  readonly asker: string;
  /** The helper's name (or "a colleague"). */
  readonly helper: string;
  /** What is asked. */
  readonly what: string;
  /** The suggested colleague's name. */
  readonly suggestion: string;
  /** The decline reason. */
  readonly reason: string;
}

/** The request's words, escaped; empty names become "a colleague". */
export function requestWords(locale: string | undefined, request: HelpRequest): RequestWords {
  const someone = translate(locale, 'ask.card.someone');
  const name = (value: string | undefined) => (value ? escapeCardText(value) : someone);
  return {
    asker: name(request.asker.name),
    helper: name(request.helper.name),
    what: escapeCardText(request.what),
    suggestion: name(request.suggestion?.name),
    reason: escapeCardText(request.declineReason ?? ''),
  };
}

/** A `YYYY-MM-DD` date as the viewer's language writes it. */
export function formatDate(locale: string | undefined, dateKey: string): string {
  const [year, month, day] = dateKey.split('-').map(Number);
  const instant = Date.UTC(year ?? 1970, (month ?? 1) - 1, day ?? 1);
  try {
    return new Intl.DateTimeFormat(locale, { dateStyle: 'medium', timeZone: 'UTC' }).format(
      instant,
    );
  } catch {
    return dateKey;
  }
}

/** The one-line status of a request. */
export function statusText(locale: string | undefined, request: HelpRequest): string {
  const words = requestWords(locale, request);
  const key: MessageKey =
    request.status === 'declined' && request.declineReason
      ? 'ask.status.declinedReason'
      : `ask.status.${request.status}`;
  return translate(locale, key, { ...words });
}

const STATUS_COLOR: Record<HelpRequest['status'], TextBlock['color']> = {
  sent: 'accent',
  accepted: 'good',
  declined: 'default',
  redirected: 'accent',
  done: 'good',
  cancelled: 'default',
};

/** What every button of a help-request card sends (besides its inputs). */
export type HelpCardData = {
  /** The request. */
  readonly requestId: string;
  /** Its asker: where to look for it, never who may act. */
  readonly askerId: string;
  /** The helper's view showed that they muted the asker. */
  readonly muted?: true;
};

/** The help-request card for one viewer. */
export function helpRequestCard(locale: string | undefined, view: HelpRequestCardView): HelpCard {
  const { request } = view;
  const words = requestWords(locale, request);
  // The helper's buttons carry the mute the card shows, so a press need not read it again.
  const data: HelpCardData = {
    requestId: request.id,
    askerId: request.asker.userId,
    ...(view.viewer === 'helper' && view.muted ? { muted: true as const } : {}),
  };
  const facts = [
    translate(locale, `ask.card.weight.${request.weight}`),
    ...(request.byWhen
      ? [
          translate(locale, 'ask.card.byWhen', {
            date: escapeCardText(formatDate(locale, request.byWhen)),
          }),
        ]
      : []),
  ];
  const body: HelpCardElement[] = [
    ...(view.notice ? [noticeBlock(view.notice)] : []),
    {
      type: 'TextBlock',
      text: translate(locale, 'ask.card.title', { ...words }),
      size: 'medium',
      weight: 'bolder',
      wrap: true,
    },
    { type: 'TextBlock', text: words.what, wrap: true },
    { type: 'TextBlock', text: facts.join(' · '), wrap: true, isSubtle: true, spacing: 'small' },
    ...(request.link
      ? [
          {
            type: 'TextBlock' as const,
            text: translate(locale, 'ask.card.link', { url: markdownUrl(request.link) }),
            wrap: true,
            spacing: 'small' as const,
          },
        ]
      : []),
    {
      type: 'TextBlock',
      text: statusText(locale, request),
      wrap: true,
      weight: 'bolder',
      color: STATUS_COLOR[request.status],
      separator: true,
    },
    ...(request.thanks
      ? [
          {
            type: 'TextBlock' as const,
            text: translate(locale, 'ask.status.thanked', { ...words }),
            wrap: true,
            color: 'good' as const,
          },
        ]
      : []),
  ];
  const actions =
    view.viewer === 'other'
      ? []
      : [
          ...availableActions(request, viewerId(request, view.viewer)).map((type) =>
            actionFor(locale, type, words, data),
          ),
          ...extraActions(locale, view, words, data),
        ];
  return helpCard(body, actions, {
    action: { type: 'Action.Execute', verb: HELP_REQUEST_VERB.refresh, data },
    userIds: view.refreshUserIds.slice(0, 60),
  });
}

/** The card that replaces one whose request is gone (removed, or never there). */
export function removedRequestCard(locale: string | undefined, notice?: CardNotice): HelpCard {
  return helpCard([
    ...(notice ? [noticeBlock(notice)] : []),
    { type: 'TextBlock', text: translate(locale, 'ask.card.removed'), wrap: true, isSubtle: true },
  ]);
}

/**
 * A link made safe inside a markdown link's parentheses: the domain let only `https` through,
 * and brackets, parentheses and blanks are percent-encoded so the URL cannot end the link early.
 */
function markdownUrl(link: string): string {
  return link.replace(
    /[()[\]<>\s]/g,
    (char) => `%${char.charCodeAt(0).toString(16).toUpperCase()}`,
  );
}

function viewerId(request: HelpRequest, viewer: Role): string {
  return viewer === 'asker' ? request.asker.userId : request.helper.userId;
}

function actionFor(
  locale: string | undefined,
  type: HelpRequestActionType,
  words: RequestWords,
  data: HelpCardData,
): HelpCardAction {
  const t = (key: MessageKey) => translate(locale, key, { ...words });
  const simple = (key: MessageKey, verb: string, style?: 'positive' | 'destructive'): CardAction =>
    executeAction(t(key), verb, { data, ignoreInputs: true, ...(style ? { style } : {}) });
  switch (type) {
    case 'accept':
      return simple('ask.action.accept', HELP_REQUEST_VERB.accept, 'positive');
    case 'decline':
      return showCardAction(
        t('ask.action.decline'),
        [
          {
            type: 'Input.Text',
            id: HELP_REQUEST_INPUT.reason,
            label: t('ask.action.declineReason'),
            isMultiline: true,
            maxLength: 280,
          },
          {
            type: 'Input.Toggle',
            id: HELP_REQUEST_INPUT.mute,
            title: t('ask.action.declineMute'),
            valueOn: 'true',
            valueOff: 'false',
            value: 'false',
          },
        ],
        [executeAction(t('ask.action.declineSend'), HELP_REQUEST_VERB.decline, { data })],
      );
    case 'redirect':
      return showCardAction(
        t('ask.action.redirect'),
        [
          {
            type: 'Input.ChoiceSet',
            id: HELP_REQUEST_INPUT.suggestPicked,
            label: t('ask.action.redirectPicker'),
            choices: [],
            'choices.data': { type: 'Data.Query', dataset: PEOPLE_DATASET },
          },
          {
            type: 'Input.Text',
            id: HELP_REQUEST_INPUT.suggestName,
            label: t('ask.action.redirectName'),
            maxLength: 120,
          },
        ],
        [executeAction(t('ask.action.redirectSend'), HELP_REQUEST_VERB.redirect, { data })],
      );
    case 'cancel':
      return simple('ask.action.cancel', HELP_REQUEST_VERB.cancel, 'destructive');
    case 'done':
      return simple('ask.action.done', HELP_REQUEST_VERB.done, 'positive');
    case 'thank':
      return showCardAction(
        t('ask.action.thank'),
        [
          {
            type: 'Input.Text',
            id: HELP_REQUEST_INPUT.note,
            label: t('ask.action.thankNote'),
            isMultiline: true,
            maxLength: 500,
          },
        ],
        [executeAction(t('ask.action.thankSend'), HELP_REQUEST_VERB.thank, { data })],
      );
  }
}

/** Buttons beyond the state machine: ask the suggested colleague; undo a mute. */
function extraActions(
  locale: string | undefined,
  view: HelpRequestCardView,
  words: RequestWords,
  data: HelpCardData,
): CardAction[] {
  const { request } = view;
  if (view.viewer === 'asker' && request.status === 'redirected' && request.suggestion) {
    return [
      executeAction(
        translate(locale, 'ask.action.askSuggested', { suggestion: words.suggestion }),
        HELP_REQUEST_VERB.compose,
        {
          data: {
            what: request.what,
            ...(request.suggestion.userId
              ? { colleague: request.suggestion.userId, colleagueName: request.suggestion.name }
              : {}),
          },
          ignoreInputs: true,
        },
      ),
    ];
  }
  if (view.viewer === 'helper' && view.muted) {
    return [
      executeAction(
        translate(locale, 'ask.action.unmute', { ...words }),
        HELP_REQUEST_VERB.unmute,
        { data, ignoreInputs: true },
      ),
    ];
  }
  return [];
}
