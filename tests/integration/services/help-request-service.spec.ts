/**
 * Help requests on the SQLite store: asking, answering, races, replays, kindness limits, mutes,
 * counts, tenant and user isolation, and forgetting a person.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import { HELP_REQUEST_KIND, type HelpRequestAction } from '../../../src/domain/help-request';
import { PRACTICE_WEEK_KIND, type PracticeWeek } from '../../../src/domain/practice-week';
import { countReps } from '../../../src/domain/reps';
import {
  HELP_INBOX_KIND,
  HelpRequestService,
  MAX_CARD_MESSAGES,
  requestIdOf,
  type CardMessage,
  type HelpRequestEvent,
  type HelpRequestRecord,
  type NewHelpRequest,
} from '../../../src/services/help-request-service';
import { PROFILE_RECORD } from '../../../src/domain/profile';
import { PracticeService } from '../../../src/services/practice-service';
import { SqliteStore } from '../../../src/store/sqlite-store';
import type { Store, StoredRecord } from '../../../src/store/store';

const TENANT = 'tenant-a';
const OTHER_TENANT = 'tenant-b';

function scope(tid: string, oid: string): Scope {
  const minted = scopeFromClaims({ tid, oid });
  if (!minted) throw new Error('bad test scope');
  return minted;
}

const alex = scope(TENANT, 'user-alex');
const sam = scope(TENANT, 'user-sam');
const priya = scope(TENANT, 'user-priya');
const samInB = scope(OTHER_TENANT, 'user-sam');
const alexInB = scope(OTHER_TENANT, 'user-alex');

let clock = new Date('2026-03-10T09:00:00Z');
let dir: string;
let store: SqliteStore;
let practice: PracticeService;
let service: HelpRequestService;
let events: HelpRequestEvent[];
let formCount = 0;

beforeEach(async () => {
  clock = new Date('2026-03-10T09:00:00Z');
  dir = await mkdtemp(join(tmpdir(), 'spotter-help-'));
  store = SqliteStore.open(join(dir, 'spotter.db'));
  practice = new PracticeService(store, () => clock);
  service = new HelpRequestService(store, practice, { now: () => clock });
  events = [];
  service.onEvent(async (event) => {
    events.push(event);
  });
});

afterEach(async () => {
  await store.close();
  await rm(dir, { recursive: true, force: true });
});

function draft(helper: Scope, extra: Partial<NewHelpRequest> = {}): NewHelpRequest {
  formCount += 1;
  return {
    formId: `00000000-0000-4000-8000-${String(formCount).padStart(12, '0')}`,
    helperUserId: helper.userId,
    helperName: 'Sam Okafor',
    askerName: 'Alex Rivera',
    askerTeamsUserId: '29:alex',
    what: 'Ten minutes on my plan',
    weight: 'light',
    ...extra,
  };
}

async function ask(asker = alex, helper = sam, extra: Partial<NewHelpRequest> = {}) {
  const result = await service.create(asker, draft(helper, extra));
  if (result.kind !== 'created') throw new Error(`not created: ${result.kind}`);
  return result.view.request;
}

async function reps(who: Scope) {
  const weeks = await store.list<PracticeWeek>(who, PRACTICE_WEEK_KIND);
  return countReps(weeks.items.flatMap((week) => week.data.reps));
}

async function stored(id: string): Promise<StoredRecord<HelpRequestRecord> | undefined> {
  return store.get<HelpRequestRecord>(alex, HELP_REQUEST_KIND, id);
}

/** Delays every write of a request until both racers have read it. */
function racing(inner: Store): Store {
  return new Proxy(inner, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property !== 'put' || typeof value !== 'function') return value;
      return async (...args: unknown[]) => {
        if (args[1] === HELP_REQUEST_KIND) await new Promise((resolve) => setTimeout(resolve, 20));
        return (value as (...a: unknown[]) => unknown).apply(target, args);
      };
    },
  });
}

describe('asking', () => {
  it('stores the request with the asker, a content-free inbox entry with the helper, and counts the ask', async () => {
    const request = await ask();
    expect(request).toMatchObject({
      asker: { userId: alex.userId, name: 'Alex Rivera' },
      helper: { userId: sam.userId, name: 'Sam Okafor' },
      status: 'sent',
    });
    expect(request.id).toMatch(/^[0-9a-f-]{36}$/);
    expect((await stored(request.id))?.data.teamsUserIds).toEqual({ asker: '29:alex' });
    const inbox = await store.get(sam, HELP_INBOX_KIND, request.id);
    expect(inbox?.data).toEqual({
      requestId: request.id,
      askerId: alex.userId,
      askedAt: clock.toISOString(),
    });
    expect(JSON.stringify(inbox?.data)).not.toContain('Ten minutes');
    expect(await reps(alex)).toEqual({ asked: 1, accepted: 0, thanked: 0 });
  });

  it('makes one request of a form sent twice, even at once', async () => {
    const form = draft(sam);
    const [first, second] = await Promise.all([
      service.create(alex, form),
      service.create(alex, form),
    ]);
    expect([first.kind, second.kind].sort()).toEqual(['created', 'existing']);
    expect((await service.listSent(alex)).items).toHaveLength(1);
    expect(await reps(alex)).toEqual({ asked: 1, accepted: 0, thanked: 0 });
    const again = await service.create(alex, form);
    expect(again.kind).toBe('existing');
  });

  it('derives request ids that another asker cannot aim at', () => {
    const formId = '00000000-0000-4000-8000-00000000abcd';
    expect(requestIdOf(alex, formId)).toBe(requestIdOf(alex, formId));
    expect(requestIdOf(alex, formId)).not.toBe(requestIdOf(priya, formId));
    expect(requestIdOf(alex, formId)).not.toBe(requestIdOf(alexInB, formId));
  });

  it('delivers the card, remembers where, and withdraws everything when delivery fails', async () => {
    const card: CardMessage = {
      view: 'helper',
      conversation: { conversation: { id: 'chat-sam' } },
      activityId: 'msg-1',
      locale: 'en-US',
    };
    const delivered = await service.create(alex, draft(sam), async () => card);
    if (delivered.kind !== 'created') throw new Error(delivered.kind);
    expect((await stored(delivered.view.request.id))?.data.cards).toEqual([card]);

    const form = draft(sam);
    const failed = await service.create(alex, form, async () => {
      throw new Error('403 bot blocked');
    });
    expect(failed).toEqual({ kind: 'undeliverable' });
    const id = requestIdOf(alex, form.formId);
    expect(await stored(id)).toBeUndefined();
    expect(await store.get(sam, HELP_INBOX_KIND, id)).toBeUndefined();
    expect(await reps(alex)).toEqual({ asked: 1, accepted: 0, thanked: 0 });
  });

  it('refuses bad drafts, asking yourself and unknown ids without writing anything', async () => {
    expect(await service.create(alex, draft(sam, { what: ' ' }))).toEqual({
      kind: 'invalid',
      problems: ['what-missing'],
    });
    expect(await service.create(alex, draft(alex))).toEqual({
      kind: 'invalid',
      problems: ['asking-yourself'],
    });
    expect(await service.create(alex, draft(sam, { helperUserId: '../../x' }))).toEqual({
      kind: 'unknown-colleague',
    });
    expect(await store.exportUser(alex)).toEqual([]);
  });
});

describe('kindness limits', () => {
  it('allows three a day to one colleague and ten in all, then says so; a new day starts fresh', async () => {
    for (let i = 0; i < 3; i += 1) await ask();
    expect(await service.create(alex, draft(sam))).toEqual({
      kind: 'limited',
      limit: 'pair-limit',
    });
    for (let i = 0; i < 7; i += 1) await ask(alex, scope(TENANT, `user-${i}`));
    expect(await service.create(alex, draft(priya))).toEqual({
      kind: 'limited',
      limit: 'daily-limit',
    });
    expect((await service.listSent(alex, { limit: 100 })).items).toHaveLength(10);
    clock = new Date('2026-03-11T09:00:00Z');
    expect((await service.create(alex, draft(sam))).kind).toBe('created');
  });

  it('takes its limits from the configuration', async () => {
    service = new HelpRequestService(store, practice, {
      now: () => clock,
      limits: { perDay: 2, perPairPerDay: 1 },
    });
    await ask();
    expect((await service.create(alex, draft(sam))).kind).toBe('limited');
    await ask(alex, priya);
    expect(await service.create(alex, draft(scope(TENANT, 'user-x')))).toEqual({
      kind: 'limited',
      limit: 'daily-limit',
    });
  });

  it('counts days in the asker’s own time zone', async () => {
    await practice.saveSettings(alex, {
      reminderDay: 5,
      reminderTime: '16:00',
      timeZone: 'Pacific/Auckland',
      paused: false,
      quietHours: null,
      language: null,
    });
    clock = new Date('2026-03-10T10:30:00Z'); // 23:30 in Auckland
    for (let i = 0; i < 3; i += 1) await ask();
    clock = new Date('2026-03-10T11:30:00Z'); // 00:30 the next day there
    expect((await service.create(alex, draft(sam))).kind).toBe('created');
  });

  it('lets a helper mute an asker, from a request they received, and undo it', async () => {
    const request = await ask();
    expect(await service.setMuted(priya, request.id, true)).toBeUndefined();
    expect(await service.setMuted(sam, request.id, true)).toBe(alex.userId);
    expect(await service.create(alex, draft(sam))).toEqual({ kind: 'muted' });
    expect((await service.create(alex, draft(priya))).kind).toBe('created');
    await service.setMuted(sam, request.id, false);
    expect((await service.create(alex, draft(sam))).kind).toBe('created');
  });
});

describe('answering', () => {
  it('runs ask → accept → done → thanks with the right reps, counts and events', async () => {
    const request = await ask();
    const accepted = await service.act(sam, request.id, { type: 'accept' });
    expect(accepted).toMatchObject({ kind: 'changed', view: { role: 'helper' } });
    expect(accepted.kind === 'changed' && accepted.view.request.status).toBe('accepted');

    expect((await service.act(alex, request.id, { type: 'done' })).kind).toBe('changed');
    expect((await service.act(alex, request.id, { type: 'thank', note: 'Thank you!' })).kind).toBe(
      'changed',
    );
    expect(await reps(alex)).toEqual({ asked: 1, accepted: 1, thanked: 1 });
    expect(await reps(sam)).toEqual({ asked: 0, accepted: 0, thanked: 0 });
    expect(await service.stats(sam)).toEqual({ helped: 1, thanksReceived: 1 });
    expect(await service.stats(alex)).toEqual({ helped: 0, thanksReceived: 0 });
    expect(
      events.map((event) => (event.type === 'changed' ? event.action.type : event.type)),
    ).toEqual(['accept', 'done', 'thank']);
    const last = events[2];
    expect(last?.type === 'changed' && last.record.request.thanks?.note).toBe('Thank you!');
    expect(last?.type === 'changed' && last.asker).toEqual(alex);
  });

  it('treats replays as unchanged: no second rep, count or event', async () => {
    const request = await ask();
    await service.act(sam, request.id, { type: 'accept' });
    expect((await service.act(sam, request.id, { type: 'accept' })).kind).toBe('unchanged');
    await service.act(alex, request.id, { type: 'done' });
    expect((await service.act(alex, request.id, { type: 'done' })).kind).toBe('unchanged');
    await service.act(alex, request.id, { type: 'thank' });
    expect((await service.act(alex, request.id, { type: 'thank' })).kind).toBe('unchanged');
    expect(await reps(alex)).toEqual({ asked: 1, accepted: 1, thanked: 1 });
    expect(await service.stats(sam)).toEqual({ helped: 1, thanksReceived: 1 });
    expect(events).toHaveLength(3);
  });

  it('lets two concurrent accepts end in one: exactly one wins, the other sees the current state', async () => {
    service = new HelpRequestService(racing(store), practice, { now: () => clock });
    service.onEvent(async (event) => {
      events.push(event);
    });
    const request = await ask();
    const results = await Promise.all([
      service.act(sam, request.id, { type: 'accept' }),
      service.act(sam, request.id, { type: 'accept' }),
    ]);
    expect(results.map((result) => result.kind).sort()).toEqual(['changed', 'unchanged']);
    for (const result of results) {
      expect(result.kind !== 'not-found' && result.view.request.status).toBe('accepted');
    }
    expect(events).toHaveLength(1);
  });

  it('lets an accept and a decline race: one outcome, the loser is refused with it', async () => {
    service = new HelpRequestService(racing(store), practice, { now: () => clock });
    const request = await ask();
    const [accept, decline] = await Promise.all([
      service.act(sam, request.id, { type: 'accept' }),
      service.act(sam, request.id, { type: 'decline', reason: 'busy' }),
    ]);
    const kinds = [accept.kind, decline.kind].sort();
    expect(kinds).toEqual(['changed', 'refused']);
    const final = (await stored(request.id))?.data.request.status;
    const loser = accept.kind === 'refused' ? accept : decline;
    expect(loser.kind === 'refused' && loser.view.request.status).toBe(final);
    expect(loser.kind === 'refused' && loser.reason).toBe('illegal-transition');
  });

  it('lets a cancel and an accept race: one outcome', async () => {
    service = new HelpRequestService(racing(store), practice, { now: () => clock });
    const request = await ask();
    const results = await Promise.all([
      service.act(alex, request.id, { type: 'cancel' }),
      service.act(sam, request.id, { type: 'accept' }),
    ]);
    const changed = results.filter((result) => result.kind === 'changed');
    const final = (await stored(request.id))?.data.request.status;
    // Either the cancel won, or the accept won and the cancel then applied to it.
    expect(changed.length).toBeGreaterThanOrEqual(1);
    expect(['cancelled', 'accepted']).toContain(final);
    if (final === 'accepted') expect(results[0]?.kind).toBe('refused');
  });

  it('refuses the other side’s actions and illegal steps, with the request as it stands', async () => {
    const request = await ask();
    expect(await service.act(alex, request.id, { type: 'accept' })).toMatchObject({
      kind: 'refused',
      reason: 'wrong-party',
      view: { request: { status: 'sent' }, role: 'asker' },
    });
    expect(await service.act(alex, request.id, { type: 'done' })).toMatchObject({
      kind: 'refused',
      reason: 'illegal-transition',
    });
    await service.act(alex, request.id, { type: 'cancel' });
    expect(await service.act(sam, request.id, { type: 'accept' })).toMatchObject({
      kind: 'refused',
      view: { request: { status: 'cancelled' } },
    });
  });

  it('answers through the card’s asker id in one write that also records the card, and tells listeners the asker’s profile and the mute', async () => {
    await store.put(alex, PROFILE_RECORD.kind, PROFILE_RECORD.id, {
      displayName: 'Alex Rivera',
      givenName: 'Alex',
      locale: 'en-GB',
    });
    const first = await ask();
    const second = await ask();
    await service.setMuted(sam, first.id, true);
    const writes: string[] = [];
    const writing = new Proxy<Store>(store, {
      get(target, property, receiver) {
        const value = Reflect.get(target, property, receiver) as unknown;
        if (!['put', 'create', 'delete'].includes(String(property))) return value;
        return (...args: unknown[]) => {
          writes.push(`${String(property)} ${String(args[1])}`);
          return (value as (...a: unknown[]) => unknown).apply(target, args);
        };
      },
    });
    const answering = new HelpRequestService(writing, practice, { now: () => clock });
    const told: HelpRequestEvent[] = [];
    answering.onEvent(async (event) => {
      told.push(event);
    });
    const card: CardMessage = {
      view: 'chat',
      conversation: { conversation: { id: 'team-chat' } },
      activityId: 'm-9',
      locale: 'en',
    };
    const result = await answering.act(
      sam,
      second.id,
      { type: 'accept' },
      { askerHint: alex.userId, seen: { card, teamsUserId: '29:sam' } },
    );
    expect(result).toMatchObject({ kind: 'changed', helperMuted: true });
    expect(writes).toEqual([`put ${HELP_REQUEST_KIND}`]);
    const after = (await stored(second.id))?.data;
    expect(after?.request.status).toBe('accepted');
    expect(after?.cards).toContainEqual(card);
    expect(after?.teamsUserIds.helper).toBe('29:sam');
    expect(told).toEqual([
      expect.objectContaining({
        type: 'changed',
        askerProfile: expect.objectContaining({ displayName: 'Alex Rivera' }),
        helperMuted: true,
      }),
    ]);
    // A replay writes nothing, not even the card it already knows.
    writes.length = 0;
    const again = await answering.act(
      sam,
      second.id,
      { type: 'accept' },
      { askerHint: alex.userId, seen: { card, teamsUserId: '29:sam' } },
    );
    expect(again.kind).toBe('unchanged');
    expect(writes).toEqual([]);
  });

  it('honours If-Match', async () => {
    const request = await ask();
    const before = await stored(request.id);
    expect(
      (await service.act(sam, request.id, { type: 'accept' }, { ifMatch: 'not-the-etag' })).kind,
    ).toBe('stale');
    expect((await stored(request.id))?.etag).toBe(before?.etag);
    const ok = await service.act(sam, request.id, { type: 'accept' }, { ifMatch: before?.etag });
    expect(ok.kind).toBe('changed');
  });
});

describe('isolation', () => {
  const everything: HelpRequestAction[] = [
    { type: 'accept' },
    { type: 'decline', reason: 'x' },
    { type: 'redirect', suggestion: { name: 'Mallory' } },
    { type: 'cancel' },
    { type: 'done' },
    { type: 'thank', note: 'x' },
  ];

  it('does not find a request from another tenant, even for the same user ids', async () => {
    const request = await ask();
    const before = await stored(request.id);
    for (const who of [samInB, alexInB]) {
      for (const action of everything) {
        expect(await service.act(who, request.id, action)).toEqual({ kind: 'not-found' });
      }
      expect(await service.view(who, request.id)).toBeUndefined();
      expect(
        await service.view(who, request.id, { askerHint: alex.userId, conversationId: 'chat' }),
      ).toBeUndefined();
      expect(await service.setMuted(who, request.id, true)).toBeUndefined();
      await service.noteCard(who, request.id, { teamsUserId: '29:mallory' });
    }
    expect(await stored(request.id)).toEqual(before);
    expect(await store.exportUser(samInB)).toEqual([]);
  });

  it('refuses a third person of the same tenant as if the request did not exist', async () => {
    const request = await ask();
    const before = await stored(request.id);
    for (const action of everything) {
      expect(await service.act(priya, request.id, action)).toEqual({ kind: 'not-found' });
    }
    expect(await service.view(priya, request.id)).toBeUndefined();
    expect(await service.view(priya, request.id, { askerHint: alex.userId })).toBeUndefined();
    await service.noteCard(priya, request.id, {
      card: { view: 'chat', conversation: {}, activityId: 'x', locale: 'en' },
    });
    expect(await stored(request.id)).toEqual(before);
    expect(events).toEqual([]);
    expect(await service.act(priya, 'not-a-uuid', { type: 'accept' })).toEqual({
      kind: 'not-found',
    });
  });

  it('takes a card’s asker id only as where to look: the stored request still decides who may act', async () => {
    const request = await ask();
    const before = await stored(request.id);
    const seen = { teamsUserId: '29:mallory' };
    for (const who of [priya, samInB, alexInB]) {
      for (const action of everything) {
        expect(
          await service.act(who, request.id, action, { askerHint: alex.userId, seen }),
        ).toEqual({ kind: 'not-found' });
      }
    }
    expect(await stored(request.id)).toEqual(before);
    expect(events).toEqual([]);
    // A wrong asker id on the card: the helper's own inbox still finds the request.
    const answered = await service.act(
      sam,
      request.id,
      { type: 'accept' },
      { askerHint: priya.userId },
    );
    expect(answered.kind).toBe('changed');
  });

  it('shows a third person the read-only view only in a chat the card was posted in', async () => {
    const request = await ask();
    const chatCard: CardMessage = {
      view: 'chat',
      conversation: { conversation: { id: 'team-chat' } },
      activityId: 'm-1',
      locale: 'en',
    };
    await service.noteCard(sam, request.id, { card: chatCard, teamsUserId: '29:sam' });
    const view = await service.view(priya, request.id, {
      askerHint: alex.userId,
      conversationId: 'team-chat',
    });
    expect(view).toMatchObject({ role: 'other', request: { id: request.id } });
    expect(
      await service.view(priya, request.id, {
        askerHint: alex.userId,
        conversationId: 'elsewhere',
      }),
    ).toBeUndefined();
    expect((await stored(request.id))?.data.teamsUserIds).toEqual({
      asker: '29:alex',
      helper: '29:sam',
    });
  });

  it('remembers each posted copy once, and at most a handful', async () => {
    const request = await ask();
    for (let i = 0; i < MAX_CARD_MESSAGES + 3; i += 1) {
      const card: CardMessage = {
        view: 'chat',
        conversation: { conversation: { id: `chat-${i}` } },
        activityId: `m-${i}`,
        locale: 'en',
      };
      await service.noteCard(sam, request.id, { card });
      await service.noteCard(sam, request.id, { card });
    }
    const cards = (await stored(request.id))?.data.cards ?? [];
    expect(cards).toHaveLength(MAX_CARD_MESSAGES);
    expect(cards.at(-1)?.activityId).toBe(`m-${MAX_CARD_MESSAGES + 2}`);
  });
});

describe('lists', () => {
  it('pages sent and received requests, newest first, each with its own role', async () => {
    for (let i = 0; i < 5; i += 1) {
      clock = new Date(Date.UTC(2026, 2, 10, 9, i));
      await ask(alex, i % 2 === 0 ? sam : priya, { what: `ask ${i}` });
    }
    const first = await service.listSent(alex, { limit: 3 });
    expect(first.items.map((view) => view.request.what)).toEqual(['ask 4', 'ask 3', 'ask 2']);
    const second = await service.listSent(alex, { limit: 3, cursor: first.nextCursor });
    expect(second.items.map((view) => view.request.what)).toEqual(['ask 1', 'ask 0']);
    const received = await service.listReceived(sam);
    expect(received.items.map((view) => [view.request.what, view.role])).toEqual([
      ['ask 4', 'helper'],
      ['ask 2', 'helper'],
      ['ask 0', 'helper'],
    ]);
    expect((await service.listReceived(samInB)).items).toEqual([]);
  });
});

describe('forgetting a person', () => {
  it('removes an asker’s traces from helpers’ partitions and hands over the cards to clear', async () => {
    const card: CardMessage = {
      view: 'helper',
      conversation: { conversation: { id: 'chat-sam' } },
      activityId: 'msg-1',
      locale: 'en',
    };
    const delivered = await service.create(alex, draft(sam), async () => card);
    if (delivered.kind !== 'created') throw new Error(delivered.kind);
    await ask(alex, priya);
    expect(await service.forgetUser(alex)).toEqual({ requestsAsked: 2, requestsAnswered: 0 });
    await store.deleteUser(alex);
    expect(await store.exportUser(sam)).toEqual([]);
    expect((await service.listReceived(priya)).items).toEqual([]);
    expect(events.at(-1)).toEqual({ type: 'forgotten', cards: [card] });
    expect(await service.view(sam, delivered.view.request.id)).toBeUndefined();
  });

  it('removes a helper’s name and words from requests they answered, keeping the asker’s record', async () => {
    const request = await ask();
    await service.act(sam, request.id, { type: 'decline', reason: 'On leave, sorry' });
    await service.noteCard(sam, request.id, { teamsUserId: '29:sam' });
    expect(await service.forgetUser(sam)).toEqual({ requestsAsked: 0, requestsAnswered: 1 });
    await store.deleteUser(sam);
    const kept = (await stored(request.id))?.data;
    expect(kept?.request).toMatchObject({ status: 'declined', helper: { name: '' } });
    expect(kept?.request).not.toHaveProperty('declineReason');
    expect(kept?.teamsUserIds).toEqual({ asker: '29:alex' });
    expect(JSON.stringify(kept)).not.toContain('On leave');
    expect(JSON.stringify(kept)).not.toContain('Sam Okafor');
  });
});
