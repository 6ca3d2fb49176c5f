/**
 * A local stand-in for the Bot Connector service that Teams runs, for the reminder sender's
 * integration tests and benchmark.
 *
 * @remarks
 * It speaks the part of the Bot Connector REST protocol a proactive message uses
 * (`POST /v3/conversations/{id}/activities`, and `.../activities/{replyToId}` for replies),
 * answers `404 ConversationNotFound` for a conversation it does not know, and enforces Teams'
 * limits with `429` and a `Retry-After` (whole seconds, as HTTP has it): per tenant 50 requests
 * in any second, per conversation 7 in any second, 8 in any 2 and 60 in any 30. Only accepted
 * requests count towards a limit. It injects failures on demand (the next N requests, one
 * conversation, or a seeded random share), and records every activity it accepted, with the
 * time it arrived.
 */
import { randomUUID } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/** At most `limit` accepted requests in any `windowMs`. */
export interface StandInLimit {
  /** Most requests. */
  readonly limit: number;
  /** Window length. */
  readonly windowMs: number;
}

/** Options of {@link ConnectorStandIn.start}. */
export interface StandInOptions {
  /** Port on 127.0.0.1. @default 0 (a free one) */
  readonly port?: number;
  /** Per-tenant limit. @default 50 per second */
  readonly tenantLimit?: StandInLimit;
  /** Per-conversation limits. @default 7/1 s, 8/2 s, 60/30 s */
  readonly conversationLimits?: readonly StandInLimit[];
  /** A random share of requests answered with one of `statuses` (before any limit). */
  readonly faults?: StandInFaults;
  /**
   * The tenant of a conversation the stand-in was not told about; undefined means unknown (404).
   * @default none: only registered conversations exist
   */
  readonly tenantOf?: (conversationId: string) => string | undefined;
}

/** Random failures. */
export interface StandInFaults {
  /** Share of requests, 0…1. */
  readonly rate: number;
  /** Statuses to answer with, picked at random. */
  readonly statuses: readonly number[];
  /** Only requests of these tenants. @default every tenant */
  readonly tenants?: readonly string[];
  /** Seed of the random choices. @default 1 */
  readonly seed?: number;
}

/** An activity the stand-in accepted. */
export interface DeliveredActivity {
  /** Conversation it was posted to. */
  readonly conversationId: string;
  /** Tenant of that conversation. */
  readonly tenantId: string;
  /** The activity as posted. */
  readonly activity: Record<string, unknown>;
  /** The activity it replied to, when posted as a reply (`.../activities/{replyToId}`). */
  readonly replyToId?: string;
  /** Arrival, in monotonic milliseconds (`performance.now()`). */
  readonly at: number;
}

/** A failure queued for the next matching request. */
interface InjectedFailure {
  readonly status: number;
  readonly retryAfterSeconds?: number;
  readonly conversationId?: string;
}

/** Counts of what the stand-in answered. */
export interface StandInCounts {
  /** Every request received. */
  requests: number;
  /** Accepted. */
  accepted: number;
  /** 429s because a tenant's limit was reached. */
  tenantThrottled: number;
  /** 429s because a conversation's limit was reached. */
  conversationThrottled: number;
  /** Failures injected (any status). */
  injected: number;
  /** 404s for unknown conversations. */
  unknownConversation: number;
}

const TEAMS_CONVERSATION_LIMITS: readonly StandInLimit[] = [
  { limit: 7, windowMs: 1_000 },
  { limit: 8, windowMs: 2_000 },
  { limit: 60, windowMs: 30_000 },
];

/** A seeded pseudo-random generator (mulberry32), so injected faults repeat run to run. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** Accepted arrival times of one tenant or conversation, oldest first. */
class Window {
  private readonly times: number[] = [];
  private head = 0;

  constructor(private readonly longestMs: number) {}

  /** Milliseconds until `limit` allows one more, or 0 when it does now. */
  waitFor(limit: StandInLimit, now: number): number {
    this.prune(now);
    let count = 0;
    for (let i = this.times.length - 1; i >= this.head; i -= 1) {
      const time = this.times[i] as number;
      if (time <= now - limit.windowMs) break;
      count += 1;
      if (count >= limit.limit) return time + limit.windowMs - now;
    }
    return 0;
  }

  /** Records an arrival; bodies are read concurrently, so arrivals may come in a little late. */
  add(now: number): void {
    let index = this.times.length;
    while (index > this.head && (this.times[index - 1] as number) > now) index -= 1;
    this.times.splice(index, 0, now);
  }

  private prune(now: number): void {
    while (
      this.head < this.times.length &&
      (this.times[this.head] as number) <= now - this.longestMs
    ) {
      this.head += 1;
    }
    if (this.head > 4096) {
      this.times.splice(0, this.head);
      this.head = 0;
    }
  }
}

function send(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
) {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

function errorBody(code: string, message: string) {
  return { error: { code, message } };
}

async function readJson(req: IncomingMessage): Promise<Record<string, unknown> | undefined> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  try {
    const parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown;
    return parsed && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

const ACTIVITIES_PATH = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/;

/** The running stand-in. */
export class ConnectorStandIn {
  /** Every activity accepted, in arrival order. */
  readonly delivered: DeliveredActivity[] = [];
  /** What it answered. */
  readonly counts: StandInCounts = {
    requests: 0,
    accepted: 0,
    tenantThrottled: 0,
    conversationThrottled: 0,
    injected: 0,
    unknownConversation: 0,
  };
  /** Every request's conversation, in arrival order (accepted or not). */
  readonly attempts: Array<{ conversationId: string; status: number; at: number }> = [];

  private readonly conversations = new Map<string, string>();
  private readonly tenantWindows = new Map<string, Window>();
  private readonly conversationWindows = new Map<string, Window>();
  private readonly injected: InjectedFailure[] = [];
  private readonly random: () => number;
  private faults: StandInFaults | undefined;
  private readonly tenantLimit: StandInLimit;
  private readonly conversationLimits: readonly StandInLimit[];

  private constructor(
    private readonly server: Server,
    /** Base URL to use as `serviceUrl` (with the trailing slash Teams gives it). */
    readonly serviceUrl: string,
    private readonly options: StandInOptions,
  ) {
    this.random = seeded(options.faults?.seed ?? 1);
    this.faults = options.faults;
    this.tenantLimit = options.tenantLimit ?? { limit: 50, windowMs: 1_000 };
    this.conversationLimits = options.conversationLimits ?? TEAMS_CONVERSATION_LIMITS;
  }

  /** Starts a stand-in on 127.0.0.1. */
  static async start(options: StandInOptions = {}): Promise<ConnectorStandIn> {
    const server = createServer();
    server.keepAliveTimeout = 30_000;
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(options.port ?? 0, '127.0.0.1', () => resolve());
    });
    const { port } = server.address() as AddressInfo;
    const standIn = new ConnectorStandIn(server, `http://127.0.0.1:${port}/`, options);
    server.on('request', (req: IncomingMessage, res: ServerResponse) => {
      standIn
        .handle(req, res)
        .catch(() => send(res, 500, errorBody('InternalError', 'stand-in failed')));
    });
    return standIn;
  }

  /** Registers a 1:1 conversation of a tenant and answers its id. */
  conversation(tenantId: string, id = `a:${randomUUID()}`): string {
    this.conversations.set(id, tenantId);
    return id;
  }

  /** A conversation reference to this stand-in, as the bot stores it from an activity. */
  referenceFor(tenantId: string, userId: string, conversationId: string): Record<string, unknown> {
    return {
      activityId: `act-${randomUUID()}`,
      user: { id: `29:${userId}`, aadObjectId: userId, name: 'Test Person' },
      bot: { id: '28:spotter-bot', name: 'Spotter' },
      conversation: { id: conversationId, tenantId, conversationType: 'personal' },
      channelId: 'msteams',
      locale: 'en-US',
      serviceUrl: this.serviceUrl,
    };
  }

  /** Answers the next `count` requests (to `conversationId`, or to any) with `status`. */
  failNext(
    count: number,
    status: number,
    options: { retryAfterSeconds?: number; conversationId?: string } = {},
  ): void {
    for (let i = 0; i < count; i += 1) this.injected.push({ status, ...options });
  }

  /** Replaces the random failures (undefined: none from now on). */
  setFaults(faults: StandInFaults | undefined): void {
    this.faults = faults;
  }

  /** Activities accepted for one conversation. */
  deliveredTo(conversationId: string): DeliveredActivity[] {
    return this.delivered.filter((entry) => entry.conversationId === conversationId);
  }

  /** Stops listening and drops open connections. */
  async stop(): Promise<void> {
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const match = ACTIVITIES_PATH.exec((req.url ?? '').split('?')[0] ?? '');
    if (req.method !== 'POST' || !match) {
      send(
        res,
        404,
        errorBody('NotFound', 'the stand-in serves POST /v3/conversations/{id}/activities'),
      );
      return;
    }
    // Arrival is when the request came in, not when its body was read.
    const now = performance.now();
    const activity = await readJson(req);
    this.counts.requests += 1;
    const conversationId = decodeURIComponent(match[1] ?? '');
    const answer = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      this.attempts.push({ conversationId, status, at: now });
      send(res, status, body, headers);
    };
    if (!activity) {
      answer(400, errorBody('BadSyntax', 'the body is not an activity'));
      return;
    }
    const tenantId =
      this.conversations.get(conversationId) ?? this.options.tenantOf?.(conversationId);
    if (tenantId === undefined) {
      this.counts.unknownConversation += 1;
      answer(404, errorBody('ConversationNotFound', 'Conversation not found.'));
      return;
    }
    const injectedIndex = this.injected.findIndex(
      (failure) =>
        failure.conversationId === undefined || failure.conversationId === conversationId,
    );
    const injected =
      injectedIndex >= 0 ? this.injected.splice(injectedIndex, 1)[0] : this.randomFault(tenantId);
    if (injected) {
      this.counts.injected += 1;
      const retryAfter: Record<string, string> =
        injected.status === 429 ? { 'retry-after': String(injected.retryAfterSeconds ?? 1) } : {};
      answer(injected.status, errorBody('Injected', `injected ${injected.status}`), retryAfter);
      return;
    }
    const tenantWindow = this.windowOf(this.tenantWindows, tenantId, this.tenantLimit.windowMs);
    const conversationWindow = this.windowOf(
      this.conversationWindows,
      conversationId,
      Math.max(...this.conversationLimits.map((limit) => limit.windowMs)),
    );
    const tenantWait = tenantWindow.waitFor(this.tenantLimit, now);
    const conversationWait = Math.max(
      0,
      ...this.conversationLimits.map((limit) => conversationWindow.waitFor(limit, now)),
    );
    if (tenantWait > 0 || conversationWait > 0) {
      if (tenantWait > 0) this.counts.tenantThrottled += 1;
      else this.counts.conversationThrottled += 1;
      const seconds = Math.max(1, Math.ceil(Math.max(tenantWait, conversationWait) / 1000));
      answer(429, errorBody('TooManyRequests', 'Too many requests.'), {
        'retry-after': String(seconds),
      });
      return;
    }
    tenantWindow.add(now);
    conversationWindow.add(now);
    this.counts.accepted += 1;
    const replyToId = match[2] === undefined ? {} : { replyToId: decodeURIComponent(match[2]) };
    this.delivered.push({ conversationId, tenantId, activity, at: now, ...replyToId });
    const id = typeof activity['id'] === 'string' ? activity['id'] : randomUUID();
    answer(200, { id });
  }

  private randomFault(tenantId: string): InjectedFailure | undefined {
    const faults = this.faults;
    if (!faults || faults.statuses.length === 0) return undefined;
    if (faults.tenants && !faults.tenants.includes(tenantId)) return undefined;
    if (this.random() >= faults.rate) return undefined;
    const status = faults.statuses[Math.floor(this.random() * faults.statuses.length)] as number;
    return { status };
  }

  private windowOf(windows: Map<string, Window>, key: string, longestMs: number): Window {
    let window = windows.get(key);
    if (!window) {
      window = new Window(longestMs);
      windows.set(key, window);
    }
    return window;
  }
}
