/**
 * Drives the Agents Playground over its HTTP + WebSocket API, as the Teams client would.
 *
 * @remarks
 * Bot output arrives on the playground's conversation stream; this client collects it and lets
 * a test wait for the next message that matches.
 */
import WebSocket from 'ws';

/** One thing the bot did in a conversation, as the playground streams it. */
export interface StreamEvent {
  /** `createMessage`, `updateMessage`, … */
  readonly action: string;
  /** Conversation the event belongs to. */
  readonly actionConversationId?: string;
  /** The activity the bot sent. */
  readonly message?: {
    id?: string;
    text?: string;
    attachments?: unknown[];
    from?: { id?: string };
  };
}

/** The playground's configuration as its API reports it. */
export interface PlaygroundConfig {
  /** Personal chat id. */
  readonly personalChatId: string;
  /** The raw document. */
  readonly raw: Record<string, unknown>;
}

/** A connected playground client. */
export class PlaygroundClient {
  private readonly events: StreamEvent[] = [];
  private readonly waiters: Array<() => void> = [];

  private constructor(
    readonly baseUrl: string,
    private readonly socket: WebSocket,
  ) {
    socket.on('message', (data: WebSocket.RawData) => {
      this.events.push(JSON.parse(data.toString()) as StreamEvent);
      this.waiters.splice(0).forEach((wake) => wake());
    });
  }

  /** Connects to the playground's conversation stream. */
  static async connect(baseUrl: string): Promise<PlaygroundClient> {
    const socket = new WebSocket(
      `${baseUrl.replace(/^http/, 'ws')}/_ws_conversation/v1/conversations/stream`,
    );
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
    });
    return new PlaygroundClient(baseUrl, socket);
  }

  /** Reads the playground's configuration. */
  async config(): Promise<PlaygroundConfig> {
    const answer = (await this.request('GET', '/_internal/v1/config')) as {
      config?: Record<string, unknown>;
    };
    const raw = answer.config ?? {};
    const personalChat = raw['personalChat'] as { id?: string } | undefined;
    if (!personalChat?.id) throw new Error('the playground reports no personal chat');
    return { personalChatId: personalChat.id, raw };
  }

  /** Simulates installing the app in a conversation. */
  async install(conversationId: string): Promise<void> {
    await this.request(
      'POST',
      `/_debug/conversation/${encodeURIComponent(conversationId)}/installation`,
    );
  }

  /** Sends a text message as the current user. */
  async say(conversationId: string, text: string, fromId: string): Promise<void> {
    await this.request(
      'POST',
      `/_conversation/v1/conversations/${encodeURIComponent(conversationId)}/messages`,
      {
        type: 'text',
        text,
        textFormat: 'plain',
        from: { id: fromId },
      },
    );
  }

  /** The template of a custom activity for a conversation (to act as another user or tenant). */
  async activityTemplate(conversationId: string): Promise<Record<string, unknown>> {
    return (await this.request(
      'GET',
      `/_internal/v1/customActivities/template?conversationId=${encodeURIComponent(conversationId)}`,
    )) as Record<string, unknown>;
  }

  /** Hands the bot any activity JSON through the playground. */
  async sendCustomActivity(activity: Record<string, unknown>): Promise<void> {
    await this.request('POST', '/_internal/v1/customActivities', activity);
  }

  /** Every event received so far. */
  received(): readonly StreamEvent[] {
    return this.events;
  }

  /** Waits for the first event from index `from` on that matches, or fails after `timeoutMs`. */
  async waitFor(
    predicate: (event: StreamEvent) => boolean,
    options: { from?: number; timeoutMs?: number } = {},
  ): Promise<StreamEvent> {
    const deadline = Date.now() + (options.timeoutMs ?? 10_000);
    for (;;) {
      const found = this.events.slice(options.from ?? 0).find(predicate);
      if (found) return found;
      const remaining = deadline - Date.now();
      if (remaining <= 0) {
        throw new Error(
          `no matching event; received: ${JSON.stringify(this.events.map((e) => e.message?.text))}`,
        );
      }
      await new Promise<void>((resolve) => {
        const timer = setTimeout(resolve, remaining);
        this.waiters.push(() => {
          clearTimeout(timer);
          resolve();
        });
      });
    }
  }

  /** Closes the stream. */
  close(): void {
    this.socket.close();
  }

  private async request(method: string, path: string, body?: unknown): Promise<unknown> {
    const response = await fetch(`${this.baseUrl}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    if (!response.ok)
      throw new Error(`${method} ${path}: HTTP ${response.status} ${await response.text()}`);
    const text = await response.text();
    return text.length > 0 ? (JSON.parse(text) as unknown) : undefined;
  }
}
