/**
 * Help requests: one person asks a colleague for a hand, the colleague answers in place.
 *
 * @remarks
 * The state machine, and who moves it:
 *
 * | from       | action   | by     | to         |
 * | ---------- | -------- | ------ | ---------- |
 * | `sent`     | accept   | helper | `accepted` |
 * | `sent`     | decline  | helper | `declined` |
 * | `sent`     | redirect | helper | `redirected` |
 * | `sent`     | cancel   | asker  | `cancelled` |
 * | `accepted` | done     | asker  | `done`     |
 * | `accepted` | cancel   | asker  | `cancelled` |
 *
 * `declined`, `redirected`, `done` and `cancelled` are final. Saying thanks is not a state: the
 * asker may thank the helper once, after the helper said yes (`accepted` or `done`).
 *
 * Every function here is pure. An action is either a change, a replay of what already happened
 * (`unchanged`: a double click, a retried invoke, the loser of a race that wanted the same thing),
 * or a typed refusal that carries the current request so the caller can show where it stands.
 */
import { addDays, localDateTimeOf, type LocalDate } from './week';

/** Record kind of a request (in the asker's partition; id: a UUID). */
export const HELP_REQUEST_KIND = 'help-request';

/** Every state a request can be in. */
export const HELP_REQUEST_STATUSES = [
  'sent',
  'accepted',
  'declined',
  'redirected',
  'done',
  'cancelled',
] as const;

/** Where a request stands. */
export type HelpRequestStatus = (typeof HELP_REQUEST_STATUSES)[number];

/** States nothing leaves. */
export const FINAL_STATUSES: ReadonlySet<HelpRequestStatus> = new Set([
  'declined',
  'redirected',
  'done',
  'cancelled',
]);

/** How heavy the ask is, in the gym's words. */
export const WEIGHTS = ['light', 'medium', 'heavy'] as const;

/** How heavy the ask is. */
export type Weight = (typeof WEIGHTS)[number];

/** Limits that keep a request small and safe to show on a card. */
export const HELP_REQUEST_LIMITS = {
  /** Characters of "what". */
  what: 500,
  /** Characters of the helper's optional reason for *Not this time*. */
  reason: 280,
  /** Characters of the optional note sent with a thank-you. */
  note: 500,
  /** Characters of a person's name as shown on a card. */
  name: 120,
  /** Days ahead a "by when" may lie. */
  byWhenDays: 366,
  /** Characters of the link to what the request is about (an Outlook web link fits easily). */
  link: 2000,
} as const;

/** One side of a request. */
export interface Party {
  /** Entra object id (the user id of their partition). */
  readonly userId: string;
  /** Display name when the request was made. */
  readonly name: string;
}

/** Someone the helper suggests asking instead. */
export interface Suggestion {
  /** Entra object id, when picked from the directory. */
  readonly userId?: string;
  /** Name (or address) as the helper gave it. */
  readonly name: string;
}

/** The thank-you the asker sent. */
export interface Thanks {
  /** When (ISO 8601). */
  readonly at: string;
  /** Optional note in the asker's words. */
  readonly note?: string;
}

/** A help request. */
export interface HelpRequest {
  /** Opaque id (UUID). */
  readonly id: string;
  /** Who asks. */
  readonly asker: Party;
  /** Who is asked. */
  readonly helper: Party;
  /** What the asker needs, in their words. */
  readonly what: string;
  /** Optional date it is needed by (`YYYY-MM-DD`, the asker's calendar). */
  readonly byWhen?: string;
  /** How heavy it is. */
  readonly weight: Weight;
  /** An `https` link to what it is about (the mail it was asked from), if any. */
  readonly link?: string;
  /** Where it stands. */
  readonly status: HelpRequestStatus;
  /** When it was asked (ISO 8601). */
  readonly createdAt: string;
  /** When its state last changed (ISO 8601). */
  readonly updatedAt: string;
  /** The helper's optional reason for *Not this time*. */
  readonly declineReason?: string;
  /** Who the helper suggested instead. */
  readonly suggestion?: Suggestion;
  /** The asker's thank-you, once sent. */
  readonly thanks?: Thanks;
}

/** What someone does to a request. */
export type HelpRequestAction =
  | { readonly type: 'accept' }
  | { readonly type: 'decline'; readonly reason?: string }
  | { readonly type: 'redirect'; readonly suggestion: Suggestion }
  | { readonly type: 'cancel' }
  | { readonly type: 'done' }
  | { readonly type: 'thank'; readonly note?: string };

/** The kinds of action. */
export type HelpRequestActionType = HelpRequestAction['type'];

/** A person's part in a request. */
export type Role = 'asker' | 'helper' | 'other';

/** Who may take each action. */
export const ACTION_ROLES: Readonly<Record<HelpRequestActionType, Exclude<Role, 'other'>>> = {
  accept: 'helper',
  decline: 'helper',
  redirect: 'helper',
  cancel: 'asker',
  done: 'asker',
  thank: 'asker',
};

/** Why an action was refused. */
export type Refusal =
  /** The person is neither the asker nor the helper. */
  | 'not-a-party'
  /** The action belongs to the other side (the asker cannot accept their own request). */
  | 'wrong-party'
  /** The request is in a state the action cannot leave from (e.g. accept after a cancel). */
  | 'illegal-transition'
  /** The suggestion names the asker or the helper. */
  | 'invalid-suggestion';

/** The outcome of an action. */
export type Transition =
  | {
      /** The request moved on. */
      readonly kind: 'changed';
      /** The new request. */
      readonly request: HelpRequest;
    }
  | {
      /** The action had happened already; nothing to write. */
      readonly kind: 'unchanged';
      /** The request as it stands. */
      readonly request: HelpRequest;
    }
  | {
      /** The action is not allowed. */
      readonly kind: 'refused';
      /** Why. */
      readonly reason: Refusal;
      /** The request as it stands. */
      readonly request: HelpRequest;
    };

/** The part a user plays in a request. */
export function roleOf(request: Pick<HelpRequest, 'asker' | 'helper'>, userId: string): Role {
  if (userId === request.asker.userId) return 'asker';
  if (userId === request.helper.userId) return 'helper';
  return 'other';
}

/** True when nothing can happen to the request any more (thanks aside). */
export function isFinal(status: HelpRequestStatus): boolean {
  return FINAL_STATUSES.has(status);
}

/** True when the asker may still say thanks. */
export function canThank(request: HelpRequest): boolean {
  return !request.thanks && (request.status === 'accepted' || request.status === 'done');
}

/** The actions a user may take now, in the order a card shows them. */
export function availableActions(request: HelpRequest, userId: string): HelpRequestActionType[] {
  const role = roleOf(request, userId);
  if (role === 'helper') return request.status === 'sent' ? ['accept', 'decline', 'redirect'] : [];
  if (role !== 'asker') return [];
  if (request.status === 'sent') return ['cancel'];
  if (request.status === 'accepted')
    return canThank(request) ? ['done', 'thank', 'cancel'] : ['done', 'cancel'];
  return canThank(request) ? ['thank'] : [];
}

const TARGET_STATUS: Readonly<Record<Exclude<HelpRequestActionType, 'thank'>, HelpRequestStatus>> =
  {
    accept: 'accepted',
    decline: 'declined',
    redirect: 'redirected',
    cancel: 'cancelled',
    done: 'done',
  };

const ALLOWED_FROM: Readonly<Record<Exclude<HelpRequestActionType, 'thank'>, HelpRequestStatus[]>> =
  {
    accept: ['sent'],
    decline: ['sent'],
    redirect: ['sent'],
    cancel: ['sent', 'accepted'],
    done: ['accepted'],
  };

/**
 * Applies one person's action to a request at an instant.
 *
 * @remarks
 * A replay is recognised by its outcome: `accept` on an accepted request, `thank` once thanked
 * and so on are `unchanged`, whatever the replay's own details (a second, different decline
 * reason does not overwrite the first). Anything else that the state does not allow is refused.
 */
export function applyAction(
  request: HelpRequest,
  actorId: string,
  action: HelpRequestAction,
  at: Date,
): Transition {
  const role = roleOf(request, actorId);
  if (role === 'other') return { kind: 'refused', reason: 'not-a-party', request };
  if (ACTION_ROLES[action.type] !== role)
    return { kind: 'refused', reason: 'wrong-party', request };
  const now = at.toISOString();

  if (action.type === 'thank') {
    if (request.thanks) return { kind: 'unchanged', request };
    if (!canThank(request)) return { kind: 'refused', reason: 'illegal-transition', request };
    const note = cleanText(action.note ?? '', HELP_REQUEST_LIMITS.note);
    return {
      kind: 'changed',
      request: { ...request, thanks: { at: now, ...(note ? { note } : {}) } },
    };
  }

  if (request.status === TARGET_STATUS[action.type]) return { kind: 'unchanged', request };
  if (!ALLOWED_FROM[action.type].includes(request.status)) {
    return { kind: 'refused', reason: 'illegal-transition', request };
  }
  const next: HelpRequest = { ...request, status: TARGET_STATUS[action.type], updatedAt: now };
  if (action.type === 'decline') {
    const reason = cleanText(action.reason ?? '', HELP_REQUEST_LIMITS.reason);
    return { kind: 'changed', request: reason ? { ...next, declineReason: reason } : next };
  }
  if (action.type === 'redirect') {
    const suggestion = cleanSuggestion(action.suggestion);
    if (
      !suggestion ||
      suggestion.userId === request.asker.userId ||
      suggestion.userId === request.helper.userId
    ) {
      return { kind: 'refused', reason: 'invalid-suggestion', request };
    }
    return { kind: 'changed', request: { ...next, suggestion } };
  }
  return { kind: 'changed', request: next };
}

/** What an asker fills in. */
export interface HelpRequestDraft {
  /** What they need. */
  readonly what: string;
  /** Optional date (`YYYY-MM-DD`). */
  readonly byWhen?: string | undefined;
  /** How heavy. */
  readonly weight: Weight;
  /** Optional `https` link to what it is about. */
  readonly link?: string | undefined;
}

/** Why a draft cannot become a request. */
export type DraftProblem =
  | 'what-missing'
  | 'what-too-long'
  | 'by-when-invalid'
  | 'by-when-past'
  | 'by-when-too-far'
  | 'link-invalid'
  | 'asking-yourself';

/** Everything needed to create a request besides the draft. */
export interface NewRequestFacts {
  /** The new request's id (a UUID). */
  readonly id: string;
  /** Who asks. */
  readonly asker: Party;
  /** Who is asked. */
  readonly helper: Party;
  /** When. */
  readonly at: Date;
  /** The asker's time zone, for "by when" (not in the past of their calendar). */
  readonly timeZone: string;
}

/** A new request in state `sent`, or the problems of the draft. */
export function createHelpRequest(
  draft: HelpRequestDraft,
  facts: NewRequestFacts,
): HelpRequest | DraftProblem[] {
  const problems: DraftProblem[] = [];
  const what = cleanText(draft.what, Number.POSITIVE_INFINITY);
  if (what.length === 0) problems.push('what-missing');
  if (Array.from(what).length > HELP_REQUEST_LIMITS.what) problems.push('what-too-long');
  if (facts.asker.userId === facts.helper.userId) problems.push('asking-yourself');
  const byWhen = draft.byWhen?.trim() ? draft.byWhen.trim() : undefined;
  if (byWhen !== undefined) {
    const date = parseDateKey(byWhen);
    const today = localDateTimeOf(facts.at, facts.timeZone);
    if (!date) problems.push('by-when-invalid');
    else if (dateKeyOf(date) < dateKeyOf(today)) problems.push('by-when-past');
    else if (dateKeyOf(date) > dateKeyOf(addDays(today, HELP_REQUEST_LIMITS.byWhenDays)))
      problems.push('by-when-too-far');
  }
  const link = draft.link?.trim() ? safeLinkOf(draft.link.trim()) : undefined;
  if (link === null) problems.push('link-invalid');
  if (problems.length > 0) return problems;
  const at = facts.at.toISOString();
  return {
    id: facts.id,
    asker: cleanParty(facts.asker),
    helper: cleanParty(facts.helper),
    what,
    ...(byWhen ? { byWhen } : {}),
    weight: draft.weight,
    ...(link ? { link } : {}),
    status: 'sent',
    createdAt: at,
    updatedAt: at,
  };
}

/**
 * The link in its normal form when it is an absolute `https` URL without credentials and within
 * {@link HELP_REQUEST_LIMITS}; `null` otherwise.
 *
 * @remarks
 * The link becomes a button on the helper's card, so nothing but `https` may pass (no
 * `javascript:`, `data:` or plain `http`), and no user name or password may ride along.
 */
export function safeLinkOf(text: string): string | null {
  if (text.length > HELP_REQUEST_LIMITS.link) return null;
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return null;
  }
  if (url.protocol !== 'https:' || url.username || url.password) return null;
  return url.href.length <= HELP_REQUEST_LIMITS.link ? url.href : null;
}

/** True when `value` is a weight. */
export function isWeight(value: unknown): value is Weight {
  return typeof value === 'string' && (WEIGHTS as readonly string[]).includes(value);
}

/** A calendar date as `YYYY-MM-DD`. */
export function dateKeyOf(date: LocalDate): string {
  const pad = (n: number, width: number): string => String(n).padStart(width, '0');
  return `${pad(date.year, 4)}-${pad(date.month, 2)}-${pad(date.day, 2)}`;
}

/** The date of a `YYYY-MM-DD` key, or undefined when it is not a real date. */
export function parseDateKey(value: string): LocalDate | undefined {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (!match) return undefined;
  const date = { year: Number(match[1]), month: Number(match[2]), day: Number(match[3]) };
  return dateKeyOf(addDays(date, 0)) === value ? date : undefined;
}

// Control characters other than line breaks and tabs, and the bidirectional overrides that could
// make a card show text in another order than it was typed.
const UNSAFE_CHARACTERS =
  // eslint-disable-next-line no-control-regex -- control characters are exactly what is removed
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/gu;

/**
 * Text a person typed, made storable: unsafe control characters removed, line breaks unified,
 * runs of blank lines shortened, trimmed, and cut to `max` characters (whole code points).
 */
export function cleanText(text: string, max: number): string {
  const cleaned = text
    .replace(/\r\n?/g, '\n')
    .replace(UNSAFE_CHARACTERS, '')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
  if (cleaned.length <= max) return cleaned;
  return Array.from(cleaned).slice(0, max).join('').trim();
}

function cleanParty(party: Party): Party {
  return {
    userId: party.userId,
    name: cleanText(party.name.replace(/\s+/g, ' '), HELP_REQUEST_LIMITS.name),
  };
}

function cleanSuggestion(suggestion: Suggestion): Suggestion | undefined {
  const name = cleanText(suggestion.name.replace(/\s+/g, ' '), HELP_REQUEST_LIMITS.name);
  if (!name && !suggestion.userId) return undefined;
  return { ...(suggestion.userId ? { userId: suggestion.userId } : {}), name };
}

/**
 * The request without the helper's name and words (their decline reason and suggestion), for
 * when the helper deleted their data but the request stays with its asker.
 */
export function withoutHelper(request: HelpRequest): HelpRequest {
  return {
    ...request,
    helper: { userId: request.helper.userId, name: '' },
    declineReason: undefined,
    suggestion: undefined,
  };
}

/** How many requests a person may send per day, in total and to one colleague. */
export interface KindnessLimits {
  /** Requests per asker per day. @default 10 */
  readonly perDay: number;
  /** Requests per asker to one helper per day. @default 3 */
  readonly perPairPerDay: number;
}

/** The defaults: ten a day, three of them to the same person. */
export const DEFAULT_KINDNESS_LIMITS: KindnessLimits = { perDay: 10, perPairPerDay: 3 };

/** Requests one asker sent on one day of their calendar. */
export interface AskTally {
  /** The day (`YYYY-MM-DD`, the asker's calendar). */
  readonly day: string;
  /** Requests sent that day. */
  readonly total: number;
  /** Requests sent that day, by helper user id. */
  readonly perHelper: Readonly<Record<string, number>>;
}

/** Why a request would go over a kindness limit. */
export type LimitRefusal = 'daily-limit' | 'pair-limit';

/**
 * The tally with one more request to `helperId` on `day`, or the limit it would cross.
 *
 * @remarks
 * A tally of an earlier day counts as empty, so one record per asker is enough.
 */
export function countAsk(
  tally: AskTally | undefined,
  day: string,
  helperId: string,
  limits: KindnessLimits,
): AskTally | LimitRefusal {
  const today = tally?.day === day ? tally : { day, total: 0, perHelper: {} };
  if (today.total >= limits.perDay) return 'daily-limit';
  const pair = Object.hasOwn(today.perHelper, helperId) ? (today.perHelper[helperId] ?? 0) : 0;
  if (pair >= limits.perPairPerDay) return 'pair-limit';
  return {
    day,
    total: today.total + 1,
    perHelper: { ...today.perHelper, [helperId]: pair + 1 },
  };
}

/** The day key of an instant in a time zone (`YYYY-MM-DD`). */
export function dayKeyOf(at: Date, timeZone: string): string {
  return dateKeyOf(localDateTimeOf(at, timeZone));
}
