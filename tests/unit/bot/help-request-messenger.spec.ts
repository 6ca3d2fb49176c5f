import type { ConversationReference, TurnContext } from 'botbuilder';
import { HelpRequestMessenger, tellText } from '../../../bot/help-request-messenger';
import { scopeFromClaims, type Scope } from '../../../src/auth/scope';
import type { HelpRequest } from '../../../src/domain/help-request';
import type { UserProfile } from '../../../src/domain/profile';
import { createLogger } from '../../../src/logging/logger';
import type {
  CardMessage,
  HelpRequestRecord,
  HelpRequestService,
} from '../../../src/services/help-request-service';

const asker = scopeFromClaims({ tid: 'tenant', oid: 'alex' }) as Scope;

const REQUEST: HelpRequest = {
  id: '0b7a3c1e-8d2f-4a6b-9c1d-2e3f4a5b6c7d',
  asker: { userId: 'alex', name: 'Alex Rivera' },
  helper: { userId: 'sam', name: 'Sam Okafor' },
  what: 'Ten minutes on my quarterly plan',
  weight: 'light',
  status: 'accepted',
  createdAt: '2026-03-10T09:00:00.000Z',
  updatedAt: '2026-03-10T10:00:00.000Z',
};

function card(view: CardMessage['view'], conversationId: string, locale = 'en-US'): CardMessage {
  return {
    view,
    conversation: { conversation: { id: conversationId } },
    activityId: `m-${conversationId}`,
    locale,
  };
}

const CARDS = [
  card('asker', 'alex-chat'),
  card('helper', 'sam-chat', 'de-DE'),
  card('chat', 'team-chat'),
];

function profile(conversationId: string, locale: string): UserProfile {
  return {
    displayName: 'x',
    givenName: 'x',
    locale,
    conversationReference: { conversation: { id: conversationId }, activityId: 'old' },
    firstSeenAt: REQUEST.createdAt,
  };
}

/** An adapter that records what each proactive turn did, per conversation. */
function fakeAdapter(failIn?: string) {
  const done: Array<{
    conversation: string;
    kind: 'send' | 'update';
    activity: Record<string, unknown>;
  }> = [];
  const references: Array<Partial<ConversationReference>> = [];
  const adapter = {
    async continueConversationAsync(
      _appId: string,
      reference: Partial<ConversationReference>,
      logic: (context: TurnContext) => Promise<void>,
    ) {
      references.push(reference);
      const conversation = String(reference.conversation?.id);
      if (conversation === failIn) throw new Error('403 the bot was blocked');
      await logic({
        sendActivity: async (activity: Record<string, unknown>) => {
          done.push({ conversation, kind: 'send', activity });
          return { id: 'new' };
        },
        updateActivity: async (activity: Record<string, unknown>) => {
          done.push({ conversation, kind: 'update', activity });
        },
      } as unknown as TurnContext);
    },
  };
  return { adapter, done, references };
}

const service = {
  colleagueProfile: async (_actor: Scope, userId: string) =>
    userId === 'alex' ? profile('alex-chat', 'en-US') : profile('sam-chat', 'de-DE'),
  isMuted: async () => false,
} as unknown as HelpRequestService;

function record(request: HelpRequest): HelpRequestRecord {
  return { request, cards: CARDS, teamsUserIds: { asker: '29:alex', helper: '29:sam' } };
}

function textOfCard(activity: Record<string, unknown>): string {
  return JSON.stringify(activity['attachments']);
}

describe('HelpRequestMessenger', () => {
  it('updates every copy in its own view and language, and tells the asker about an accept', async () => {
    const { adapter, done } = fakeAdapter();
    const messenger = new HelpRequestMessenger(adapter, '', service, createLogger('silent'));
    await messenger.handle({
      type: 'changed',
      asker,
      action: { type: 'accept' },
      previous: { ...REQUEST, status: 'sent' },
      record: record(REQUEST),
    });
    const updates = done.filter((entry) => entry.kind === 'update');
    expect(updates.map((entry) => [entry.conversation, entry.activity['id']])).toEqual([
      ['alex-chat', 'm-alex-chat'],
      ['sam-chat', 'm-sam-chat'],
      ['team-chat', 'm-team-chat'],
    ]);
    expect(textOfCard(updates[0]?.activity ?? {})).toContain('Mark done');
    expect(textOfCard(updates[1]?.activity ?? {})).toContain('Sam Okafor kann helfen.');
    expect(textOfCard(updates[2]?.activity ?? {})).not.toContain('Mark done');
    expect(done.filter((entry) => entry.kind === 'send')).toEqual([
      {
        conversation: 'alex-chat',
        kind: 'send',
        activity: {
          type: 'message',
          text: 'Sam Okafor can help with “Ten minutes on my quarterly plan”.',
        },
      },
    ]);
  });

  it('sends the helper the thank-you card, in their language, as a new message', async () => {
    const { adapter, done, references } = fakeAdapter();
    const messenger = new HelpRequestMessenger(adapter, '', service, createLogger('silent'));
    const thanked = {
      ...REQUEST,
      status: 'done' as const,
      thanks: { at: REQUEST.updatedAt, note: 'Danke!' },
    };
    await messenger.handle({
      type: 'changed',
      asker,
      action: { type: 'thank', note: 'Danke!' },
      previous: { ...REQUEST, status: 'done' },
      record: record(thanked),
    });
    const sent = done.filter((entry) => entry.kind === 'send');
    expect(sent.map((entry) => entry.conversation)).toEqual(['sam-chat']);
    expect(textOfCard(sent[0]?.activity ?? {})).toContain('Alex Rivera sagt Danke');
    expect(references.every((reference) => !('activityId' in reference))).toBe(true);
  });

  it('replaces the cards of a forgotten person’s requests with "removed"', async () => {
    const { adapter, done } = fakeAdapter();
    const messenger = new HelpRequestMessenger(adapter, '', service, createLogger('silent'));
    await messenger.handle({ type: 'forgotten', cards: CARDS });
    expect(done.map((entry) => [entry.kind, entry.conversation])).toEqual([
      ['update', 'alex-chat'],
      ['update', 'sam-chat'],
      ['update', 'team-chat'],
    ]);
    for (const entry of done) {
      expect(textOfCard(entry.activity)).not.toContain('quarterly plan');
    }
    expect(textOfCard(done[1]?.activity ?? {})).toContain('Diese Bitte wurde entfernt.');
  });

  it('carries on past a copy it cannot reach', async () => {
    const { adapter, done } = fakeAdapter('sam-chat');
    const messenger = new HelpRequestMessenger(adapter, '', service, createLogger('silent'));
    await messenger.handle({
      type: 'changed',
      asker,
      action: { type: 'cancel' },
      previous: REQUEST,
      record: record({ ...REQUEST, status: 'cancelled' }),
    });
    expect(done.map((entry) => [entry.kind, entry.conversation])).toEqual([
      ['update', 'alex-chat'],
      ['update', 'team-chat'],
    ]);
  });

  it('delivers a new request to the helper and says where', async () => {
    const { adapter, done } = fakeAdapter();
    const messenger = new HelpRequestMessenger(adapter, '', service, createLogger('silent'));
    const deliver = messenger.deliverTo(
      { conversation: { id: 'sam-chat' }, activityId: 'x' },
      'en-US',
    );
    const delivered = await deliver(record({ ...REQUEST, status: 'sent' }));
    expect(delivered).toEqual({
      view: 'helper',
      conversation: { conversation: { id: 'sam-chat' } },
      activityId: 'new',
      locale: 'en-US',
    });
    expect(textOfCard(done[0]?.activity ?? {})).toContain('I can help');
  });

  it('quotes at most 80 characters of "what", escaped', () => {
    const text = tellText('en', { ...REQUEST, what: `*${'x'.repeat(100)}`, status: 'done' });
    expect(text).toBe(`Alex Rivera marked “\\*${'x'.repeat(79)}…” as done. Thank you for helping.`);
  });
});
