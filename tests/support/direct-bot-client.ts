/**
 * Talks to a running Spotter's `/api/messages` directly, as one user, with
 * `deliveryMode: 'expectReplies'`: every reply (and an invoke's response) comes back in the
 * HTTP answer, so bot tests and fuzzing need no playground and no outbound connector.
 */
import { randomUUID } from 'node:crypto';

/** Who is talking and where. */
export interface DirectUser {
  /** Tenant id (`conversation.tenantId` and `channelData.tenant.id`). */
  readonly tenantId: string;
  /** Entra object id (`from.aadObjectId`). */
  readonly userId: string;
  /** Display name. @default 'Test User' */
  readonly name?: string;
  /** Client locale. @default 'en-US' */
  readonly locale?: string;
  /** Client time zone. @default 'Europe/Berlin' */
  readonly timeZone?: string;
  /** `personal`, `groupChat` or `channel`. @default 'personal' */
  readonly conversationType?: string;
  /** Where the bot's own calls go (updates, roster, proactive). @default a closed local port */
  readonly serviceUrl?: string;
}

/** An activity the bot sent back. */
export interface ReplyActivity {
  readonly type: string;
  readonly text?: string;
  readonly attachments?: { contentType: string; content: Record<string, unknown> }[];
  readonly value?: { status?: number; body?: { type?: string; value?: unknown } };
}

/** The HTTP answer to one activity. */
export interface DirectAnswer {
  /** HTTP status. */
  readonly status: number;
  /** The bot's replies, in order. */
  readonly replies: ReplyActivity[];
  /** The invoke response body (`application/vnd.microsoft.card.adaptive` or a message). */
  readonly invoke?: { type?: string; value?: unknown };
}

/** One user's client for a Spotter server. */
export class DirectBotClient {
  constructor(
    private readonly baseUrl: string,
    readonly user: DirectUser,
  ) {}

  /** The activity skeleton: this user, their 1:1 chat, their tenant. */
  activity(fields: Record<string, unknown>): Record<string, unknown> {
    const user = this.user;
    return {
      id: randomUUID(),
      channelId: 'msteams',
      serviceUrl: user.serviceUrl ?? 'http://127.0.0.1:9/_connector',
      deliveryMode: 'expectReplies',
      timestamp: new Date().toISOString(),
      locale: user.locale ?? 'en-US',
      localTimezone: user.timeZone ?? 'Europe/Berlin',
      from: { id: `29:${user.userId}`, name: user.name ?? 'Test User', aadObjectId: user.userId },
      recipient: { id: '28:spotter-bot', name: 'Spotter' },
      conversation: {
        id: `a:${user.tenantId}:${user.userId}:${user.conversationType ?? 'personal'}`,
        tenantId: user.tenantId,
        conversationType: user.conversationType ?? 'personal',
      },
      channelData: { tenant: { id: user.tenantId } },
      ...fields,
    };
  }

  /** Sends a text message. */
  say(text: string): Promise<DirectAnswer> {
    return this.send(this.activity({ type: 'message', text }));
  }

  /** Presses an `Action.Execute` button. */
  execute(verb: string, data: unknown): Promise<DirectAnswer> {
    return this.send(
      this.activity({
        type: 'invoke',
        name: 'adaptiveCard/action',
        replyToId: randomUUID(),
        value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      }),
    );
  }

  /** Presses an `Action.Submit` button (the fallback of older clients). */
  submit(value: unknown): Promise<DirectAnswer> {
    return this.send(this.activity({ type: 'message', value, replyToId: randomUUID() }));
  }

  /** Posts any activity JSON. */
  async send(activity: unknown): Promise<DirectAnswer> {
    const response = await fetch(`${this.baseUrl}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(activity),
    });
    const text = await response.text();
    const body = (text ? JSON.parse(text) : {}) as { activities?: ReplyActivity[] };
    const all = body.activities ?? [];
    const invoke = all.find((a) => a.type === 'invokeResponse')?.value?.body;
    return {
      status: response.status,
      replies: all.filter((a) => a.type !== 'invokeResponse'),
      ...(invoke ? { invoke } : {}),
    };
  }
}

/** The Adaptive Card of a reply or an invoke answer, if it carries one. */
export function cardOf(answer: DirectAnswer): Record<string, unknown> | undefined {
  if (answer.invoke?.type === 'application/vnd.microsoft.card.adaptive') {
    return answer.invoke.value as Record<string, unknown>;
  }
  const attachment = answer.replies
    .flatMap((reply) => reply.attachments ?? [])
    .find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive');
  return attachment?.content;
}

/** Every text a card or the replies show (TextBlocks and messages), for assertions. */
export function textsOf(answer: DirectAnswer): string {
  const texts: string[] = answer.replies.flatMap((reply) => (reply.text ? [reply.text] : []));
  if (typeof answer.invoke?.value === 'string') texts.push(answer.invoke.value);
  const visit = (node: unknown): void => {
    if (Array.isArray(node)) node.forEach(visit);
    else if (node && typeof node === 'object') {
      const record = node as Record<string, unknown>;
      if (record['type'] === 'TextBlock' && typeof record['text'] === 'string') {
        texts.push(record['text']);
      }
      Object.values(record).forEach(visit);
    }
  };
  visit(cardOf(answer));
  return texts.join('\n');
}
