/**
 * Help requests as use cases over the store: ask, answer, list, limits, mutes, counts, and
 * forgetting a person.
 *
 * @remarks
 * A request lives in the asker's partition (kind `help-request`, id a UUID); the helper's
 * partition holds a small inbox entry (kind `help-inbox`, same id) that points back to the asker,
 * so either side finds the request from their own partition and nobody else finds it at all.
 * The inbox entry carries no content: when an asker deletes their data, nothing of what they
 * asked stays readable in the helper's partition.
 *
 * Every change is a read, a pure transition (`src/domain/help-request.ts`) and an etag-guarded
 * write, retried on a lost race. Double clicks, replays and two concurrent answers therefore end
 * in exactly one outcome; the others see `unchanged` or a refusal together with the current
 * state. Effects (reps, counts, cards, messages to the other side) follow only the winning write.
 *
 * Who counts what:
 * - asking (a request created and delivered) is an `asked` rep for the asker;
 * - *Mark done* is an `accepted` rep for the asker: the helper's *I can help* is an offer, and
 *   marking it done is the asker saying yes to it and letting the help in. It is counted there,
 *   not on the helper's click, because it is the asker's own act and cannot be undone by a
 *   later cancel;
 * - *Say thanks* is a `thanked` rep for the asker;
 * - the helper's `helped` count grows when a request they accepted is marked done, and their
 *   `thanksReceived` when they are thanked (kind `help-stats`, id `me`, in their partition).
 * Declines, suggestions and cancels count for nobody; the asker's `asked` rep stays, because
 * asking is the practice whatever the answer.
 */
import { createHash } from 'node:crypto';
import type { Logger } from '../logging/logger';
import { colleagueScope, isValidScopeId, type Scope } from '../auth/scope';
import {
  applyAction,
  countAsk,
  createHelpRequest,
  dayKeyOf,
  DEFAULT_KINDNESS_LIMITS,
  HELP_REQUEST_KIND,
  roleOf,
  type AskTally,
  type DraftProblem,
  type HelpRequest,
  type HelpRequestAction,
  type HelpRequestDraft,
  type KindnessLimits,
  type LimitRefusal,
  type Refusal,
  type Role,
  withoutHelper,
} from '../domain/help-request';
import { PROFILE_RECORD, type UserProfile } from '../domain/profile';
import type { RepKind } from '../domain/reps';
import { ConflictError } from '../store/errors';
import { getManyReadAhead, type ReadAhead } from '../store/read-ahead';
import type { Page, PageRequest, RecordKey, Store, StoredRecord } from '../store/store';
import type { OrgDefaultsService } from './org-defaults-service';
import type { PracticeService } from './practice-service';

/** Record kind of a helper's inbox entry (id: the request id). */
export const HELP_INBOX_KIND = 'help-inbox';
/** Record kind of an asker's tally of today's requests (id: `today`). */
export const HELP_TALLY_RECORD = { kind: 'help-tally', id: 'today' } as const;
/** Record kind of a mute: the helper does not want requests from one asker (id: asker id). */
export const HELP_MUTE_KIND = 'help-mute';

/** Record kind and id of a person's help counts. */
export const HELP_STATS_RECORD = { kind: 'help-stats', id: 'me' } as const;

function muteKeyOf(askerId: string): RecordKey {
  return { kind: HELP_MUTE_KIND, id: askerId };
}

/** Most places one request's card is remembered in (1:1 chats plus chats it was posted in). */
export const MAX_CARD_MESSAGES = 8;

const WRITE_ATTEMPTS = 6;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** One posted copy of a request's card, so that every change can update it. */
export interface CardMessage {
  /**
   * Whose view the message shows: the asker's or the helper's 1:1 chat with Spotter, or a chat
   * both may be in (a card inserted from the compose box), which shows the neutral view.
   */
  readonly view: 'asker' | 'helper' | 'chat';
  /** The conversation reference to reach it (plain JSON; opaque to this layer). */
  readonly conversation: Readonly<Record<string, unknown>>;
  /** The message's activity id. */
  readonly activityId: string;
  /** The language the card is shown in (the locale of whoever it was posted for). */
  readonly locale: string;
}

/** A request with what the bot needs to keep its cards current. */
export interface HelpRequestRecord {
  /** The request. */
  readonly request: HelpRequest;
  /** Where its card was posted. */
  readonly cards: readonly CardMessage[];
  /** Teams user ids (`29:…`) of both sides, for the card's `refresh.userIds`. */
  readonly teamsUserIds: { readonly asker?: string; readonly helper?: string };
}

/** A helper's pointer to a request in the asker's partition. */
export interface HelpInboxEntry {
  /** The request's id. */
  readonly requestId: string;
  /** The asker, whose partition holds the request. */
  readonly askerId: string;
  /** When it was asked (ISO 8601). */
  readonly askedAt: string;
}

/** A person's help counts. */
export interface HelpStats {
  /** Requests they said yes to that were marked done. */
  readonly helped: number;
  /** Thank-yous they received. */
  readonly thanksReceived: number;
}

/** A request as one of its parties sees it. */
export interface HelpRequestView {
  /** The request. */
  readonly request: HelpRequest;
  /** The viewer's part in it (`other` only for read-only views in a chat it was posted in). */
  readonly role: Role;
  /** Teams user ids of both sides. */
  readonly teamsUserIds: HelpRequestRecord['teamsUserIds'];
  /** Version of the stored record, for `If-Match`. */
  readonly etag: string;
}

/** What a new request is made of besides the draft. */
export interface NewHelpRequest extends HelpRequestDraft {
  /**
   * The id of the form it was sent from (a UUID). The request's id is derived from it and the
   * asker, so sending the same form twice makes one request.
   */
  readonly formId: string;
  /** The colleague's user id (Entra object id, same tenant as the asker). */
  readonly helperUserId: string;
  /** The colleague's name. */
  readonly helperName: string;
  /** The asker's name. */
  readonly askerName: string;
  /** The asker's Teams user id (`29:…`), when known. */
  readonly askerTeamsUserId?: string | undefined;
  /** The helper's Teams user id (`29:…`), when known. */
  readonly helperTeamsUserId?: string | undefined;
}

/**
 * Posts the new request's card to the helper and says where; throws when it cannot.
 *
 * @remarks
 * Handed in by the caller (the bot) so this layer stays free of Teams. When it throws, the
 * request is withdrawn as if never sent.
 */
export type DeliverCard = (record: HelpRequestRecord) => Promise<CardMessage>;

/** The outcome of {@link HelpRequestService.create}. */
export type CreateResult =
  | {
      /** Created (and delivered, when a delivery was asked for). */
      readonly kind: 'created';
      /** The new request. */
      readonly view: HelpRequestView;
    }
  | {
      /** The same form was sent before: this is that request, unchanged. */
      readonly kind: 'existing';
      /** The request made the first time. */
      readonly view: HelpRequestView;
    }
  | {
      /** The draft is not a valid request. */
      readonly kind: 'invalid';
      /** What is wrong. */
      readonly problems: readonly DraftProblem[];
    }
  | {
      /** A kindness limit stops it for today. */
      readonly kind: 'limited';
      /** Which limit. */
      readonly limit: LimitRefusal;
    }
  | {
      /** The colleague does not take requests from this asker through Spotter. */
      readonly kind: 'muted';
    }
  | {
      /** The colleague id is not a valid user id. */
      readonly kind: 'unknown-colleague';
    }
  | {
      /** The card could not be delivered; nothing was kept. */
      readonly kind: 'undeliverable';
    }
  | {
      /** The asker's organization switched help requests off; nothing was kept. */
      readonly kind: 'switched-off';
    };

/** The outcome of {@link HelpRequestService.act}. */
export type ActResult =
  | {
      /** The action happened. */
      readonly kind: 'changed';
      /** The request now. */
      readonly view: HelpRequestView;
      /** The request before. */
      readonly previous: HelpRequest;
      /** When the helper acted: whether they muted the asker (read once for the whole action). */
      readonly helperMuted?: boolean;
    }
  | {
      /** It had happened already: a replay, a double click, a race lost to the same action. */
      readonly kind: 'unchanged';
      /** The request as it stands. */
      readonly view: HelpRequestView;
      /** When the helper acted: whether they muted the asker. */
      readonly helperMuted?: boolean;
    }
  | {
      /** The action is not allowed now or not for this person. */
      readonly kind: 'refused';
      /** Why. */
      readonly reason: Exclude<Refusal, 'not-a-party'>;
      /** The request as it stands. */
      readonly view: HelpRequestView;
      /** When the helper acted: whether they muted the asker. */
      readonly helperMuted?: boolean;
    }
  | {
      /** The caller's `If-Match` is not the current version. */
      readonly kind: 'stale';
      /** The request as it stands. */
      readonly view: HelpRequestView;
    }
  | {
      /** No request of this id that the person is part of, in their tenant. */
      readonly kind: 'not-found';
    };

/** Where a party saw a request's card, and their Teams user id (see {@link HelpRequestService.noteCard}). */
export interface Seen {
  /** The card message they used. */
  readonly card?: CardMessage;
  /** Their Teams user id, for the card's refresh. */
  readonly teamsUserId?: string;
}

/** A request found for an actor, with the partition it lives in. */
interface Located {
  readonly askerScope: Scope;
  readonly record: StoredRecord<HelpRequestRecord>;
  /** The asker's profile, when read along. */
  readonly askerProfile?: UserProfile;
}

/** Something that happened to requests, for the bot to mirror in Teams. */
export type HelpRequestEvent =
  | {
      /** A request changed state or was thanked. */
      readonly type: 'changed';
      /** The asker's scope (the request's partition). */
      readonly asker: Scope;
      /** What was done. */
      readonly action: HelpRequestAction;
      /** The request before. */
      readonly previous: HelpRequest;
      /** The record after, with its cards. */
      readonly record: HelpRequestRecord;
      /** The asker's profile, when it was read along with the request. */
      readonly askerProfile?: UserProfile;
      /** Whether the helper muted the asker, when the change read it already. */
      readonly helperMuted?: boolean;
    }
  | {
      /** A person's requests were forgotten; these cards showed their content. */
      readonly type: 'forgotten';
      /** Cards to replace with a "removed" note. */
      readonly cards: readonly CardMessage[];
    };

/** Reacts to {@link HelpRequestEvent}s; failures are logged, never undo the change. */
export type HelpRequestListener = (event: HelpRequestEvent) => Promise<void>;

/** What {@link HelpRequestService.forgetUser} did. */
export interface ForgetResult {
  /** The person's own requests whose inbox entries were removed from helpers' partitions. */
  readonly requestsAsked: number;
  /** Requests to the person (in askers' partitions) that lost the person's name and words. */
  readonly requestsAnswered: number;
}

/** Options of the service. */
export interface HelpRequestServiceOptions {
  /** Kindness limits. @default {@link DEFAULT_KINDNESS_LIMITS} */
  readonly limits?: KindnessLimits;
  /** Clock. @default () => new Date() */
  readonly now?: () => Date;
  /** Where failed side effects are reported. */
  readonly logger?: Logger;
  /** The organization's feature switches; without them help requests are always on. */
  readonly switches?: Pick<OrgDefaultsService, 'isOn'>;
}

/** Help requests between colleagues of one tenant. */
export class HelpRequestService {
  /** The kindness limits in force. */
  readonly limits: KindnessLimits;
  private readonly now: () => Date;
  private readonly logger: Logger | undefined;
  private readonly switches: HelpRequestServiceOptions['switches'];
  private readonly listeners: HelpRequestListener[] = [];

  constructor(
    private readonly store: Store,
    private readonly practice: PracticeService,
    options: HelpRequestServiceOptions = {},
  ) {
    this.limits = options.limits ?? DEFAULT_KINDNESS_LIMITS;
    this.now = options.now ?? (() => new Date());
    this.logger = options.logger;
    this.switches = options.switches;
  }

  /** Adds a listener for changes; returns a function that removes it. */
  onEvent(listener: HelpRequestListener): () => void {
    this.listeners.push(listener);
    return () => {
      const index = this.listeners.indexOf(listener);
      if (index >= 0) this.listeners.splice(index, 1);
    };
  }

  /** A colleague's profile (how to reach them), or undefined when Spotter does not know them. */
  async colleagueProfile(actor: Scope, userId: string): Promise<UserProfile | undefined> {
    const scope = colleagueScope(actor, userId);
    if (!scope) return undefined;
    const record = await this.store.get<UserProfile>(scope, PROFILE_RECORD.kind, PROFILE_RECORD.id);
    return record?.data;
  }

  /**
   * Asks a colleague: checks the organization's switch, the draft, the mute and the kindness
   * limits, stores the request and the helper's inbox entry, delivers the card (when `deliver`
   * is given) and counts the rep.
   */
  async create(asker: Scope, input: NewHelpRequest, deliver?: DeliverCard): Promise<CreateResult> {
    // Checked here, not by each caller, so every way of asking (chat, compose box, API) obeys it.
    if (this.switches && !(await this.switches.isOn(asker, 'helpRequests'))) {
      return { kind: 'switched-off' };
    }
    const helperScope = colleagueScope(asker, input.helperUserId);
    if (!helperScope) return { kind: 'unknown-colleague' };
    const id = requestIdOf(asker, input.formId);
    const existing = await this.store.get<HelpRequestRecord>(asker, HELP_REQUEST_KIND, id);
    if (existing) return { kind: 'existing', view: viewOf(existing, 'asker') };

    const timeZone = await this.timeZoneOf(asker);
    const at = this.now();
    const request = createHelpRequest(input, {
      id,
      asker: { userId: asker.userId, name: input.askerName },
      helper: { userId: input.helperUserId, name: input.helperName },
      at,
      timeZone,
    });
    if (Array.isArray(request)) return { kind: 'invalid', problems: request };
    if (await this.isMuted(helperScope, asker.userId)) return { kind: 'muted' };
    const limit = await this.countToday(asker, input.helperUserId, dayKeyOf(at, timeZone));
    if (limit) return { kind: 'limited', limit };

    const inbox: HelpInboxEntry = {
      requestId: id,
      askerId: asker.userId,
      askedAt: at.toISOString(),
    };
    await this.store.put(helperScope, HELP_INBOX_KIND, id, inbox, { sortKey: inbox.askedAt });
    const data: HelpRequestRecord = {
      request,
      cards: [],
      teamsUserIds: {
        ...(input.askerTeamsUserId ? { asker: input.askerTeamsUserId } : {}),
        ...(input.helperTeamsUserId ? { helper: input.helperTeamsUserId } : {}),
      },
    };
    let stored: StoredRecord<HelpRequestRecord>;
    try {
      stored = await this.store.create(asker, HELP_REQUEST_KIND, id, data, {
        sortKey: request.createdAt,
      });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      const winner = await this.store.get<HelpRequestRecord>(asker, HELP_REQUEST_KIND, id);
      if (!winner) throw error;
      return { kind: 'existing', view: viewOf(winner, 'asker') };
    }

    if (deliver) {
      let card: CardMessage;
      try {
        card = await deliver(stored.data);
      } catch (error) {
        this.logger?.warn(
          { tenantId: asker.tenantId, err: errorFields(error) },
          'help request not delivered; withdrawn',
        );
        await this.store.delete(asker, HELP_REQUEST_KIND, id);
        await this.store.delete(helperScope, HELP_INBOX_KIND, id);
        return { kind: 'undeliverable' };
      }
      stored = (await this.update(asker, id, (record) => withCard(record, card))) ?? stored;
    }
    await this.countRep(asker, 'asked');
    return { kind: 'created', view: viewOf(stored, 'asker') };
  }

  /**
   * The request as a party sees it; undefined for anyone else and for ids of other tenants.
   *
   * @remarks
   * `readOnly` lets someone who is not a party see the request, but only in a shared chat its
   * card was posted in (through the compose box): there the card is on everyone's screen
   * already; the 1:1 copies never count. `askerHint` (from the card) only helps find the record
   * in that case and never grants anything: the record's own parties and cards decide.
   */
  async view(
    actor: Scope,
    requestId: string,
    readOnly?: { readonly askerHint?: string; readonly conversationId?: string },
  ): Promise<HelpRequestView | undefined> {
    const found = await this.locate(actor, requestId, readOnly?.askerHint);
    if (!found) return undefined;
    const role = roleOf(found.record.data.request, actor.userId);
    if (role !== 'other') return viewOf(found.record, role);
    const conversationId = readOnly?.conversationId;
    // Only a copy in a shared chat counts: the 1:1 copies are private to their side.
    const posted = found.record.data.cards.some(
      (card) =>
        card.view === 'chat' &&
        conversationId !== undefined &&
        conversationIdOf(card) === conversationId,
    );
    return posted ? viewOf(found.record, 'other') : undefined;
  }

  /**
   * Applies a party's action: an etag-guarded write, retried when another writer got there
   * first; then the reps, counts and listeners of a change.
   *
   * @remarks
   * `askerHint` (what a card says about whose request it is) and `seen` (see {@link noteCard})
   * let a card press cost one read of the asker's partition (the request and the asker's profile
   * for the message that follows) and one write: the hint only says where to look, the stored
   * request says who may act, and where the card was seen goes with the action. `helperMuted`
   * is what the helper's card showed about their mute of the asker, shown again on the answer
   * (it is read when not given).
   */
  async act(
    actor: Scope,
    requestId: string,
    action: HelpRequestAction,
    options: {
      readonly ifMatch?: string;
      readonly askerHint?: string;
      readonly seen?: Seen;
      readonly helperMuted?: boolean;
    } = {},
  ): Promise<ActResult> {
    let helperMuted = options.helperMuted;
    for (let attempt = 1; ; attempt += 1) {
      const found = await this.locate(actor, requestId, options.askerHint);
      if (!found) return { kind: 'not-found' };
      const { askerScope, record } = found;
      const role = roleOf(record.data.request, actor.userId);
      if (role === 'other') return { kind: 'not-found' };
      if (options.ifMatch !== undefined && options.ifMatch !== record.etag) {
        return { kind: 'stale', view: viewOf(record, role) };
      }
      if (role === 'helper' && helperMuted === undefined) {
        helperMuted = await this.isMuted(actor, record.data.request.asker.userId);
      }
      const muted = helperMuted === undefined ? {} : { helperMuted };
      const noteSeen = seenChange(role, options.seen);
      const transition = applyAction(record.data.request, actor.userId, action, this.now());
      if (transition.kind !== 'changed') {
        const view = viewOf((await this.writeSeen(found, noteSeen)) ?? record, role);
        if (transition.kind === 'unchanged') return { kind: 'unchanged', view, ...muted };
        if (transition.reason === 'not-a-party') return { kind: 'not-found' };
        return { kind: 'refused', reason: transition.reason, view, ...muted };
      }
      const changed: HelpRequestRecord = { ...record.data, request: transition.request };
      const next = noteSeen(changed) ?? changed;
      try {
        const written = await this.store.put(askerScope, HELP_REQUEST_KIND, requestId, next, {
          ifMatch: record.etag,
          sortKey: record.sortKey,
        });
        await this.afterChange(askerScope, action, record.data.request, written.data, {
          ...(found.askerProfile ? { askerProfile: found.askerProfile } : {}),
          ...muted,
        });
        return {
          kind: 'changed',
          view: viewOf(written, role),
          previous: record.data.request,
          ...muted,
        };
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= WRITE_ATTEMPTS) throw error;
        if (options.ifMatch !== undefined) {
          const current = await this.locate(actor, requestId);
          if (!current) return { kind: 'not-found' };
          return { kind: 'stale', view: viewOf(current.record, role) };
        }
      }
    }
  }

  /**
   * Remembers where a party saw the request's card and their Teams user id, so later changes
   * update that copy and refresh for them; writes only when something is new.
   */
  async noteCard(actor: Scope, requestId: string, seen: Seen): Promise<void> {
    const found = await this.locate(actor, requestId);
    if (!found) return;
    const role = roleOf(found.record.data.request, actor.userId);
    if (role === 'other') return;
    await this.writeSeen(found, seenChange(role, seen));
  }

  /** Requests the person sent, newest first. */
  async listSent(scope: Scope, page: PageRequest = {}): Promise<Page<HelpRequestView>> {
    const records = await this.store.list<HelpRequestRecord>(scope, HELP_REQUEST_KIND, page);
    return {
      items: records.items.map((record) => viewOf(record, 'asker')),
      ...(records.nextCursor ? { nextCursor: records.nextCursor } : {}),
    };
  }

  /** Requests the person received, newest first (requests their askers removed are left out). */
  async listReceived(scope: Scope, page: PageRequest = {}): Promise<Page<HelpRequestView>> {
    const entries = await this.store.list<HelpInboxEntry>(scope, HELP_INBOX_KIND, page);
    const views = await Promise.all(
      entries.items.map(async (entry) => {
        const askerScope = colleagueScope(scope, entry.data.askerId);
        if (!askerScope) return undefined;
        const record = await this.store.get<HelpRequestRecord>(
          askerScope,
          HELP_REQUEST_KIND,
          entry.id,
        );
        if (!record || record.data.request.helper.userId !== scope.userId) return undefined;
        return viewOf(record, 'helper');
      }),
    );
    return {
      items: views.filter((view): view is HelpRequestView => view !== undefined),
      ...(entries.nextCursor ? { nextCursor: entries.nextCursor } : {}),
    };
  }

  /** The person's help counts (zeros when none). */
  async stats(scope: Scope): Promise<HelpStats> {
    const record = await this.store.get<HelpStats>(
      scope,
      HELP_STATS_RECORD.kind,
      HELP_STATS_RECORD.id,
    );
    return record?.data ?? { helped: 0, thanksReceived: 0 };
  }

  /** True when `helper` muted requests from `askerId`; `ahead` may hold the answer already. */
  async isMuted(helper: Scope, askerId: string, ahead?: ReadAhead): Promise<boolean> {
    if (!isValidScopeId(askerId)) return false;
    const [mute] = await getManyReadAhead(this.store, helper, [muteKeyOf(askerId)], ahead);
    return mute !== undefined;
  }

  /** Where a helper's mute of `askerId` is kept, for a caller that can read it ahead. */
  muteKeys(askerId: unknown): RecordKey[] {
    return typeof askerId === 'string' && isValidScopeId(askerId) ? [muteKeyOf(askerId)] : [];
  }

  /**
   * Mutes (or unmutes) the asker of a request the person received: "don't ask me through
   * Spotter". The asker is taken from the person's own inbox, never from what a card says.
   * Returns the asker's id, or undefined when the request is not one they received.
   */
  async setMuted(helper: Scope, requestId: string, muted: boolean): Promise<string | undefined> {
    if (!UUID.test(requestId)) return undefined;
    const entry = await this.store.get<HelpInboxEntry>(helper, HELP_INBOX_KIND, requestId);
    if (!entry) return undefined;
    const askerId = entry.data.askerId;
    if (muted) {
      await this.store.put(helper, HELP_MUTE_KIND, askerId, {
        askerId,
        at: this.now().toISOString(),
      });
    } else {
      await this.store.delete(helper, HELP_MUTE_KIND, askerId);
    }
    return askerId;
  }

  /**
   * Removes a person's help-request traces from other people's partitions; call it before
   * deleting the person's own partition (`store.deleteUser`).
   *
   * @remarks
   * - Requests they asked: the inbox entries in their helpers' partitions are deleted (they hold
   *   no content, but point at it), and listeners are told which cards showed the content so the
   *   bot can replace them. The requests themselves go with the person's partition; a helper who
   *   opens an old card then gets "removed" from its refresh.
   * - Requests they were asked: the requests stay with their askers, who own them, but lose the
   *   person's name, decline reason and suggestion.
   * The person's tally, mutes and counts live in their own partition and go with it.
   */
  async forgetUser(scope: Scope): Promise<ForgetResult> {
    const cards: CardMessage[] = [];
    let requestsAsked = 0;
    for await (const record of this.all<HelpRequestRecord>(scope, HELP_REQUEST_KIND)) {
      const helper = colleagueScope(scope, record.data.request.helper.userId);
      if (helper) await this.store.delete(helper, HELP_INBOX_KIND, record.id);
      cards.push(...record.data.cards);
      requestsAsked += 1;
    }
    let requestsAnswered = 0;
    for await (const entry of this.all<HelpInboxEntry>(scope, HELP_INBOX_KIND)) {
      const askerScope = colleagueScope(scope, entry.data.askerId);
      if (!askerScope) continue;
      const updated = await this.update(askerScope, entry.id, (record) => {
        if (record.request.helper.userId !== scope.userId) return undefined;
        return {
          ...record,
          request: withoutHelper(record.request),
          teamsUserIds: {
            ...(record.teamsUserIds.asker ? { asker: record.teamsUserIds.asker } : {}),
          },
        };
      });
      if (updated) requestsAnswered += 1;
    }
    if (cards.length > 0) await this.emit({ type: 'forgotten', cards });
    return { requestsAsked, requestsAnswered };
  }

  /**
   * Finds a request the actor may see: through `askerHint` first when given (one read, with the
   * asker's profile along), else in their own partition, else through their inbox.
   */
  private async locate(
    actor: Scope,
    requestId: string,
    askerHint?: string,
  ): Promise<Located | undefined> {
    if (typeof requestId !== 'string' || !UUID.test(requestId)) return undefined;
    const hinted = askerHint === undefined ? undefined : colleagueScope(actor, askerHint);
    if (hinted) {
      // Ids are derived from their asker, so a record found here is the request; who may act on
      // it is for the caller to check against it.
      const [record, profile] = await this.store.getMany(hinted, [
        { kind: HELP_REQUEST_KIND, id: requestId },
        PROFILE_RECORD,
      ]);
      if (record) {
        return {
          askerScope: hinted,
          record: record as StoredRecord<HelpRequestRecord>,
          ...(profile ? { askerProfile: profile.data as UserProfile } : {}),
        };
      }
    }
    if (hinted?.userId !== actor.userId) {
      const own = await this.store.get<HelpRequestRecord>(actor, HELP_REQUEST_KIND, requestId);
      if (own) return { askerScope: actor, record: own };
    }
    const entry = await this.store.get<HelpInboxEntry>(actor, HELP_INBOX_KIND, requestId);
    const askerId = entry?.data.askerId;
    const askerScope = askerId === undefined ? undefined : colleagueScope(actor, askerId);
    if (!askerScope || askerScope.userId === hinted?.userId) return undefined;
    const record = await this.store.get<HelpRequestRecord>(
      askerScope,
      HELP_REQUEST_KIND,
      requestId,
    );
    return record ? { askerScope, record } : undefined;
  }

  /**
   * Writes what `change` makes of a located request: over the version read, then (when another
   * writer got there first) read-modify-write. Answers the record written, if any.
   */
  private async writeSeen(
    found: Located,
    change: (record: HelpRequestRecord) => HelpRequestRecord | undefined,
  ): Promise<StoredRecord<HelpRequestRecord> | undefined> {
    const { askerScope, record } = found;
    const next = change(record.data);
    if (!next) return undefined;
    try {
      return await this.store.put(askerScope, HELP_REQUEST_KIND, record.id, next, {
        ifMatch: record.etag,
        sortKey: record.sortKey,
      });
    } catch (error) {
      if (!(error instanceof ConflictError)) throw error;
      return this.update(askerScope, record.id, change);
    }
  }

  private async afterChange(
    asker: Scope,
    action: HelpRequestAction,
    previous: HelpRequest,
    record: HelpRequestRecord,
    known: { readonly askerProfile?: UserProfile; readonly helperMuted?: boolean } = {},
  ): Promise<void> {
    const helper = colleagueScope(asker, record.request.helper.userId);
    if (action.type === 'done') {
      await this.countRep(asker, 'accepted');
      if (helper) await this.bumpStats(helper, 'helped');
    }
    if (action.type === 'thank') {
      await this.countRep(asker, 'thanked');
      if (helper) await this.bumpStats(helper, 'thanksReceived');
    }
    await this.emit({ type: 'changed', asker, action, previous, record, ...known });
  }

  private async emit(event: HelpRequestEvent): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(event);
      } catch (error) {
        this.logger?.warn(
          { err: errorFields(error), event: event.type },
          'help request listener failed',
        );
      }
    }
  }

  private async countRep(scope: Scope, kind: RepKind): Promise<void> {
    try {
      await this.practice.logRep(scope, await this.timeZoneOf(scope), kind, {
        source: 'help-request',
      });
    } catch (error) {
      this.logger?.warn(
        { tenantId: scope.tenantId, err: errorFields(error), rep: kind },
        'help request rep not counted',
      );
    }
  }

  private async bumpStats(scope: Scope, field: keyof HelpStats): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.store.get<HelpStats>(
        scope,
        HELP_STATS_RECORD.kind,
        HELP_STATS_RECORD.id,
      );
      const stats = current?.data ?? { helped: 0, thanksReceived: 0 };
      const next = { ...stats, [field]: stats[field] + 1 };
      try {
        if (current) {
          await this.store.put(scope, HELP_STATS_RECORD.kind, HELP_STATS_RECORD.id, next, {
            ifMatch: current.etag,
          });
        } else {
          await this.store.create(scope, HELP_STATS_RECORD.kind, HELP_STATS_RECORD.id, next);
        }
        return;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= WRITE_ATTEMPTS) throw error;
      }
    }
  }

  /** Counts one more request today; the limit it would cross, if any. */
  private async countToday(
    asker: Scope,
    helperId: string,
    day: string,
  ): Promise<LimitRefusal | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.store.get<AskTally>(
        asker,
        HELP_TALLY_RECORD.kind,
        HELP_TALLY_RECORD.id,
      );
      const next = countAsk(current?.data, day, helperId, this.limits);
      if (typeof next === 'string') return next;
      try {
        if (current) {
          await this.store.put(asker, HELP_TALLY_RECORD.kind, HELP_TALLY_RECORD.id, next, {
            ifMatch: current.etag,
          });
        } else {
          await this.store.create(asker, HELP_TALLY_RECORD.kind, HELP_TALLY_RECORD.id, next);
        }
        return undefined;
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= WRITE_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * Read-modify-write of a request with retries; `change` returns undefined for "nothing to do".
   * Returns the written record, or undefined when nothing was written.
   */
  private async update(
    asker: Scope,
    requestId: string,
    change: (record: HelpRequestRecord) => HelpRequestRecord | undefined,
  ): Promise<StoredRecord<HelpRequestRecord> | undefined> {
    for (let attempt = 1; ; attempt += 1) {
      const current = await this.store.get<HelpRequestRecord>(asker, HELP_REQUEST_KIND, requestId);
      if (!current) return undefined;
      const next = change(current.data);
      if (!next) return undefined;
      try {
        return await this.store.put(asker, HELP_REQUEST_KIND, requestId, next, {
          ifMatch: current.etag,
          sortKey: current.sortKey,
        });
      } catch (error) {
        if (!(error instanceof ConflictError) || attempt >= WRITE_ATTEMPTS) throw error;
      }
    }
  }

  private async *all<T>(scope: Scope, kind: string): AsyncGenerator<StoredRecord<T>> {
    let cursor: string | undefined;
    do {
      const page = await this.store.list<T>(scope, kind, {
        limit: 100,
        ...(cursor ? { cursor } : {}),
      });
      yield* page.items;
      cursor = page.nextCursor;
    } while (cursor);
  }

  private async timeZoneOf(scope: Scope): Promise<string> {
    return (await this.practice.settings(scope)).value.timeZone;
  }
}

/**
 * The id of the request sent from one form by one asker: a UUID derived from both, so a replayed
 * form finds its request and no one can aim an id at another person's request.
 */
export function requestIdOf(asker: Scope, formId: string): string {
  const hex = createHash('sha256')
    .update(`${asker.tenantId}\n${asker.userId}\n${formId}`)
    .digest('hex');
  const variant = ((parseInt(hex.slice(16, 17), 16) & 0x3) | 0x8).toString(16);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-8${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
}

/** The conversation id a card message was posted in. */
export function conversationIdOf(card: CardMessage): string | undefined {
  const conversation = card.conversation['conversation'] as { id?: unknown } | undefined;
  return typeof conversation?.id === 'string' ? conversation.id : undefined;
}

/** What a change to a request makes of where a party saw it (undefined: nothing new). */
function seenChange(
  role: Exclude<Role, 'other'>,
  seen: Seen | undefined,
): (record: HelpRequestRecord) => HelpRequestRecord | undefined {
  return (record) => {
    if (!seen) return undefined;
    let next = (seen.card && withCard(record, seen.card)) || record;
    if (seen.teamsUserId && next.teamsUserIds[role] !== seen.teamsUserId) {
      next = { ...next, teamsUserIds: { ...next.teamsUserIds, [role]: seen.teamsUserId } };
    }
    return next === record ? undefined : next;
  };
}

function withCard(record: HelpRequestRecord, card: CardMessage): HelpRequestRecord | undefined {
  const known = record.cards.some(
    (existing) =>
      existing.activityId === card.activityId &&
      conversationIdOf(existing) === conversationIdOf(card),
  );
  if (known) return undefined;
  // The 1:1 copies matter most; when full, the oldest chat copy makes room.
  const cards = [...record.cards, card];
  while (cards.length > MAX_CARD_MESSAGES) {
    const oldestChat = cards.findIndex((existing) => existing.view === 'chat');
    cards.splice(oldestChat >= 0 ? oldestChat : 0, 1);
  }
  return { ...record, cards };
}

function viewOf(record: StoredRecord<HelpRequestRecord>, role: Role): HelpRequestView {
  return {
    request: record.data.request,
    role,
    teamsUserIds: record.data.teamsUserIds,
    etag: record.etag,
  };
}

function errorFields(error: unknown): Record<string, unknown> {
  return error instanceof Error
    ? { name: error.name, message: error.message }
    : { error: String(error) };
}
