/**
 * Request and response types of the tab API, shared by the server (`src/api`) and the tab
 * (`tab/src/api.ts`). Only plain types and constants here: the tab bundles this file.
 *
 * @remarks
 * Conventions of every route under {@link API_BASE}:
 * - Errors are RFC 9457 problem details ({@link ProblemDetails}): 400 for a malformed query, path
 *   or header, 401 without a valid sign-in, 404 for anything not found (a guessed or foreign id
 *   looks exactly like a missing one), 409 when the practice's state refuses the change (see
 *   {@link PROBLEM_TYPES}), 412 for a stale `If-Match`, 413 for a body over the route's limit,
 *   415 for a body that is not JSON, 422 for a JSON body that breaks the rules (`errors` says
 *   which field and why). Bad input is never a 500.
 * - Updates are guarded by entity tags: a read answers with an `ETag` header; send it back as
 *   `If-Match` and the write happens only over that version, else 412 and nothing changes.
 *   `If-Match` may be left out (the write then goes ahead over whatever is stored; a reflection
 *   save never loses reps, since it re-reads the week). A stale tag is always 412, never 409.
 * - Lists are paged with opaque cursors: pass `nextCursor` back as `cursor`; no `nextCursor`
 *   means the end. Cursors are bound to nothing but position; they never cross users.
 */

/** Base path of the versioned tab API. */
export const API_BASE = '/api/v1';

/** The `Authorization` header the tab sends for the development identity (development only). */
export const DEV_AUTHORIZATION = 'Dev local';

/** An ISO week in the person's time zone, `YYYY-Www` (e.g. `2026-W48`). */
export type WeekKey = string;

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** The three kinds of light rep. */
export type RepKind = 'asked' | 'accepted' | 'thanked';

/** Every rep kind, in the order the tab shows them. */
export const REP_KINDS: readonly RepKind[] = ['asked', 'accepted', 'thanked'];

/**
 * Input limits the server enforces (and the tab mirrors in its fields, so a person is stopped
 * before sending). A unit test holds them equal to the domain's limits.
 */
export const INPUT_LIMITS = {
  /** People per list in a reflection. */
  people: 20,
  /** Characters per person's name. */
  nameLength: 100,
  /** Characters of the *still holding alone* text. */
  holdingAlone: 2000,
  /** Largest "times I said yes". */
  yesCount: 999,
  /** Characters of a rep's note. */
  repNote: 280,
  /** Characters of a history search. */
  search: 200,
  /** Most items per page of a list. */
  pageSize: 100,
  /** Characters of what a help request asks for. */
  requestWhat: 500,
  /** Characters of a help request's link. */
  requestLink: 2000,
  /** Characters of a colleague search. */
  colleagueSearch: 100,
} as const;

/** `GET /me`: who the caller is. */
export interface MeResponse {
  /** Display name from the token (or the development identity). */
  readonly name: string;
  /** First name, when the token carries one. */
  readonly givenName?: string;
  /** Tenant of the caller. */
  readonly tenantId: string;
  /** True when the caller is the labelled local development identity. */
  readonly devIdentity: boolean;
  /** Present when the caller administers Spotter for their organization (the Admin page). */
  readonly admin?: true;
}

/** `GET /app`: what this deployment offers, for links and optional pages. */
export interface AppInfoResponse {
  /** The bot's Microsoft App Id, for a deep link to its chat; absent when no bot is configured. */
  readonly botId?: string;
  /** Features that are switched on for the caller (by the deployment and their organization). */
  readonly features: {
    /** Help requests can be asked and answered (the tab's Requests page). */
    readonly helpRequests: boolean;
    /** Reps can be logged (the reps panel of This week). */
    readonly reps: boolean;
    /** "Ask for help" works in the compose box. */
    readonly composeExtension: boolean;
  };
}

/** Someone named in a reflection: picked from the directory (with an id) or typed by name. */
export interface PersonDto {
  /** Entra object id, when picked from the directory. */
  readonly id?: string;
  /** Display name. */
  readonly name: string;
}

/** The answers to the three prompts, as the tab sends them. */
export interface ReflectionAnswersDto {
  /** *Let in*: who helped me. */
  readonly helpedBy: readonly PersonDto[];
  /** *Let in*: how many times I said yes to an offer of help; null when not answered. */
  readonly yesCount: number | null;
  /** *Still holding alone*: where I need help I have not asked for. */
  readonly holdingAlone: string;
  /** *Connected*: people I could reach out to later. */
  readonly connected: readonly PersonDto[];
}

/** A stored reflection. */
export interface ReflectionDto extends ReflectionAnswersDto {
  /** When it was finished (ISO 8601); absent while it is a draft. */
  readonly completedAt?: string;
}

/** One logged rep. */
export interface RepDto {
  /** Opaque id. */
  readonly id: string;
  /** What kind of rep. */
  readonly kind: RepKind;
  /** Optional note in the person's words. */
  readonly note?: string;
  /** When it was logged (ISO 8601). */
  readonly at: string;
  /** Logged by hand, or counted from a help request. */
  readonly source: 'logged' | 'help-request';
}

/** Reps counted by kind, with their total. */
export interface RepCountsDto {
  /** Asked for one small thing. */
  readonly asked: number;
  /** Accepted an offer. */
  readonly accepted: number;
  /** Said thank you and meant it. */
  readonly thanked: number;
  /** All three together. */
  readonly total: number;
}

/**
 * The week's light challenge. Its words are in the locale files under `challenge.<id>` (the
 * tab's hold the bot's very words, and a test keeps them equal).
 */
export interface ChallengeDto {
  /** Stable id of the challenge. */
  readonly id: string;
}

/** Where a week lies in the calendar. */
export interface WeekSpan {
  /** The ISO week. */
  readonly week: WeekKey;
  /** Its Monday. */
  readonly startsOn: IsoDate;
  /** Its Sunday. */
  readonly endsOn: IsoDate;
}

/** `GET /week` and `GET /reflections/:week`: one week of practice. */
export interface WeekResponse extends WeekSpan {
  /** The time zone the week is reckoned in. */
  readonly timeZone: string;
  /** True for the current week (the only one that can still change). */
  readonly current: boolean;
  /** The reflection, or null when none was started. */
  readonly reflection: ReflectionDto | null;
  /** Reps of the week, oldest first. */
  readonly reps: readonly RepDto[];
  /** Reps counted. */
  readonly counts: RepCountsDto;
  /** True when the last hand-logged rep can be undone (current week only). */
  readonly canUndo: boolean;
}

/** `GET /week`: this week, with the streak and the week's challenge. */
export interface ThisWeekResponse extends WeekResponse {
  /** Consecutive practised weeks up to now. */
  readonly streak: number;
  /** The week's light challenge: the same one the chat shows. */
  readonly challenge: ChallengeDto;
}

/** `PUT /week/reflection`: save this week's answers (`If-Match` with the week's ETag). */
export interface SaveReflectionRequest {
  /** The week the answers are for; must be the current week, else 409 `week-closed`. */
  readonly week: WeekKey;
  /** The answers. */
  readonly answers: ReflectionAnswersDto;
  /** True to mark the reflection finished (the first finishing time is kept). */
  readonly complete: boolean;
}

/** `POST /week/reps`: log a rep in the current week. */
export interface LogRepRequest {
  /** What kind of rep. */
  readonly kind: RepKind;
  /** Optional note, at most {@link INPUT_LIMITS}`.repNote` characters. */
  readonly note?: string;
}

/** `POST /week/reps` (201) and `DELETE /week/reps/last`: the rep and the week after it. */
export interface RepChangeResponse {
  /** The rep logged, or the one undone. */
  readonly rep: RepDto;
  /** This week after the change (its ETag is in the header). */
  readonly week: ThisWeekResponse;
}

/** One past (or the current) reflection in the history list. */
export interface ReflectionSummary extends WeekSpan {
  /** True when it was finished. */
  readonly completed: boolean;
  /** Names of the people who helped. */
  readonly helpedBy: readonly string[];
  /** Times I said yes; null when not answered. */
  readonly yesCount: number | null;
  /** *Still holding alone*. */
  readonly holdingAlone: string;
  /** Names of the people I connected with. */
  readonly connected: readonly string[];
  /** The week's reps counted. */
  readonly reps: RepCountsDto;
}

/** A page of a list. */
export interface PageResponse<T> {
  /** The items of this page. */
  readonly items: readonly T[];
  /** Pass back as `cursor` for the next page; absent on the last one. */
  readonly nextCursor?: string;
}

/**
 * `GET /reflections?cursor&limit&q&person`: the history, newest first. `q` matches words in the
 * text, names and rep notes (every word must appear; case and accents ignored); `person`
 * matches a name exactly (case and accents ignored).
 */
export type ReflectionListResponse = PageResponse<ReflectionSummary>;

/** One week of the trend. */
export interface TrendWeek extends WeekSpan {
  /** Reps counted. */
  readonly reps: RepCountsDto;
  /** True when the week has a reflection with an answer. */
  readonly reflected: boolean;
  /** Consecutive practised weeks ending with this one (0 when it was not practised). */
  readonly streak: number;
}

/** `GET /trends?weeks`: reps per week (oldest first, empty weeks included) and the streak. */
export interface TrendsResponse {
  /** The weeks asked for, ending with the current week. */
  readonly weeks: readonly TrendWeek[];
  /** Consecutive practised weeks up to now. */
  readonly streak: number;
  /** The longest run of practised weeks on record. */
  readonly longestStreak: number;
  /** Weeks practised on record. */
  readonly practisedWeeks: number;
}

/** Someone in the person's support network. */
export interface NetworkPerson {
  /** Opaque key, stable between calls (for lists and links). */
  readonly key: string;
  /** Their name as last written. */
  readonly name: string;
  /** Weeks in which they helped. */
  readonly helped: number;
  /** Weeks in which I connected with them. */
  readonly connected: number;
  /** The last week they were named. */
  readonly lastWeek: WeekKey;
  /** The Monday of that week. */
  readonly lastSeenOn: IsoDate;
}

/** `GET /people`: the support network, most recently named first. */
export interface PeopleResponse {
  /** The people. */
  readonly people: readonly NetworkPerson[];
  /** True when more people exist than were returned. */
  readonly truncated: boolean;
}

/** Where a help request stands. */
export type HelpRequestStatus =
  'sent' | 'accepted' | 'declined' | 'redirected' | 'done' | 'cancelled';

/** How heavy a help request is. */
export type HelpRequestWeight = 'light' | 'medium' | 'heavy';

/** What a party can do to a help request (the same actions as its card). */
export type HelpRequestActionType = 'accept' | 'decline' | 'redirect' | 'cancel' | 'done' | 'thank';

/** Which requests to list: the ones the caller asked, or the ones asked of them. */
export type RequestBox = 'sent' | 'received';

/** A help request as one of its two parties sees it. */
export interface HelpRequestDto {
  /** Opaque id. */
  readonly id: string;
  /** The caller's part: they asked, or they were asked. */
  readonly role: 'asker' | 'helper';
  /** Where it stands. */
  readonly status: HelpRequestStatus;
  /** What is needed, in the asker's words. */
  readonly what: string;
  /** The date it is needed by (`YYYY-MM-DD`), if any. */
  readonly byWhen?: IsoDate;
  /** How heavy it is. */
  readonly weight: HelpRequestWeight;
  /** An `https` link to what it is about (the mail it was asked from), if any. */
  readonly link?: string;
  /** The asker's name. */
  readonly askerName: string;
  /** The helper's name. */
  readonly helperName: string;
  /** When it was asked (ISO 8601). */
  readonly createdAt: string;
  /** When its state last changed (ISO 8601). */
  readonly updatedAt: string;
  /** The helper's reason for *Not this time*, if given. */
  readonly declineReason?: string;
  /** Who the helper suggested instead. */
  readonly suggestion?: string;
  /** The asker's thank-you, once sent. */
  readonly thanks?: { readonly at: string; readonly note?: string };
  /** What the caller can do now, in the card's order. */
  readonly actions: readonly HelpRequestActionType[];
  /** Entity tag of this version, to send as `If-Match` with an action. */
  readonly etag: string;
}

/** `GET /requests?box=sent|received&cursor&limit`: newest first. */
export type RequestListResponse = PageResponse<HelpRequestDto>;

/** `POST /requests/:id/actions` (optionally with `If-Match`): one action, as on the card. */
export interface RequestActionRequest {
  /** The action. */
  readonly action: HelpRequestActionType;
  /** With `decline`: why, optionally. */
  readonly reason?: string;
  /** With `redirect`: who could help instead (a name). */
  readonly suggestion?: string;
  /** With `thank`: a note, optionally. */
  readonly note?: string;
}

/** Where a request asked through the API comes from. */
export type RequestSource = 'outlook';

/**
 * `POST /requests`: ask a colleague for a hand (201 with the request, or 200 with the one an
 * earlier call with the same `Idempotency-Key` made). The card reaches the colleague in Teams
 * exactly as when asking in chat.
 */
export interface CreateRequestRequest {
  /** The colleague's user id (from `GET /colleagues`). */
  readonly colleagueId: string;
  /** What is needed, at most {@link INPUT_LIMITS}`.requestWhat` characters. */
  readonly what: string;
  /** An `https` link to what it is about, at most {@link INPUT_LIMITS}`.requestLink` characters. */
  readonly link?: string;
  /** Where it is asked from. */
  readonly source: RequestSource;
}

/** The answer of `POST /requests`. */
export interface CreateRequestResponse {
  /** The request, as its asker sees it. */
  readonly request: HelpRequestDto;
  /** False when an earlier call with the same `Idempotency-Key` made it. */
  readonly created: boolean;
}

/** A colleague the caller can ask: a Spotter user of their organization. */
export interface ColleagueDto {
  /** Their user id, for {@link CreateRequestRequest}. */
  readonly id: string;
  /** Their name. */
  readonly name: string;
  /** How the caller knows them: the mail's sender, or from their own Spotter history. */
  readonly source: 'sender' | 'known';
}

/**
 * `GET /colleagues?q&address`: Spotter users of the caller's organization to ask — the one
 * behind `address` (the mail's sender) first, then people the caller named in reflections or
 * asked or helped before, whose names contain every word of `q`.
 */
export interface ColleaguesResponse {
  /** The colleagues, the sender first. */
  readonly people: readonly ColleagueDto[];
}

/** The answer to an action: the request as it now stands. */
export interface RequestActionResponse {
  /** The request now. */
  readonly request: HelpRequestDto;
  /** False when the action had happened already (a replay or a double click). */
  readonly changed: boolean;
}

/** A person's settings (`GET /settings` with an `ETag`; `PUT /settings` with `If-Match`). */
export interface SettingsDto {
  /** Reminder weekday, Monday 1 … Sunday 7. */
  readonly reminderDay: number;
  /** Reminder time, `HH:MM` local time. */
  readonly reminderTime: string;
  /** IANA time zone, e.g. `Europe/Berlin`. */
  readonly timeZone: string;
  /** True while reminders are paused. */
  readonly paused: boolean;
  /** No reminder starts between these local times; null for none. */
  readonly quietHours: { readonly start: string; readonly end: string } | null;
  /** Spotter's language; null to follow Teams or Outlook. */
  readonly language: 'en' | 'de' | null;
}

/** Formats of `GET /export?format=`. */
export type ExportFormat = 'json' | 'csv';

/** The confirmation `DELETE /me/data` needs in its body, so no stray call deletes anything. */
export const DELETE_CONFIRMATION = 'delete-everything';

/** `DELETE /me/data`: delete everything Spotter keeps about the caller. */
export interface DeleteDataRequest {
  /** Must be {@link DELETE_CONFIRMATION}. */
  readonly confirm: typeof DELETE_CONFIRMATION;
}

/** The answer of `DELETE /me/data`. */
export interface DeleteDataResponse {
  /** How many records were deleted. */
  readonly deleted: number;
}

/** One broken rule of a request (in a 400 or 422 problem). */
export interface FieldProblem {
  /** Where, as a dotted path (`answers.helpedBy.0.name`), or the query parameter's name. */
  readonly path: string;
  /** What is wrong, in plain words. */
  readonly message: string;
}

/** An error answer, as RFC 9457 problem details. */
export interface ProblemDetails {
  /** A URI naming the problem type (`about:blank` for plain HTTP statuses). */
  readonly type: string;
  /** Short, human summary. */
  readonly title: string;
  /** HTTP status. */
  readonly status: number;
  /** What went wrong with this request, in plain words. */
  readonly detail?: string;
  /** The fields that broke a rule (validation problems only). */
  readonly errors?: readonly FieldProblem[];
}

/** Problem types the tab tells apart (RFC 9457 `type`); anything else is `about:blank`. */
export const PROBLEM_TYPES = {
  /** The caller's organization has not enabled Spotter (answered with 401). */
  tenantNotEnabled: 'urn:spotter:problem:tenant-not-enabled',
  /** The request broke an input rule (400 or 422, with `errors`). */
  validation: 'urn:spotter:problem:validation',
  /** `If-Match` named a version that is no longer stored (412). */
  stale: 'urn:spotter:problem:stale',
  /** Only the current week can change (409). */
  weekClosed: 'urn:spotter:problem:week-closed',
  /** There is no hand-logged rep this week to undo (409). */
  nothingToUndo: 'urn:spotter:problem:nothing-to-undo',
  /** The week holds as many reps as it can (409). */
  tooManyReps: 'urn:spotter:problem:too-many-reps',
  /** The help request is in a state this action cannot leave from (409). */
  illegalTransition: 'urn:spotter:problem:illegal-transition',
  /** The action belongs to the other party of the help request (409). */
  wrongParty: 'urn:spotter:problem:wrong-party',
  /** The colleague is not someone Spotter can bring a request to (409). */
  colleagueUnreachable: 'urn:spotter:problem:colleague-unreachable',
  /** The colleague does not take requests from the caller through Spotter (409). */
  colleagueMuted: 'urn:spotter:problem:colleague-muted',
  /** A kindness limit on asking stops this request for today (409). */
  askLimit: 'urn:spotter:problem:ask-limit',
  /** The caller's organization switched this feature off (403). */
  featureOff: 'urn:spotter:problem:feature-off',
} as const;
