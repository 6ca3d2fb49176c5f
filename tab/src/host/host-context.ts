/**
 * The connection to the host (Teams, Outlook or the Microsoft 365 app): whether there is one,
 * what it says about the user's locale and theme, and the SSO token for Spotter's API.
 *
 * @remarks
 * teams-js never says plainly that there is no host: at top level `app.initialize()` rejects at
 * once, but inside a foreign iframe it never settles. So the start is raced against a timeout,
 * and a successful answer is kept, because waiting for that timeout twice helps no one.
 */
import { app, authentication, chat } from '@microsoft/teams-js';
import { botChatUrl } from './bot-chat-url';

/** How long to wait for a host before deciding there is none. */
export const HOST_TIMEOUT_MS = 2500;

/** What the host tells the tab about itself and the user. */
export interface HostInfo {
  /** Host application, such as `Teams`, `Outlook` or `Office`. */
  readonly name: string;
  /** The user's locale in the host, such as `de-de`. */
  readonly locale: string;
  /** Host theme: `default`, `dark`, `contrast` or a newer one (treated as light). */
  readonly theme: string;
  /** True when the host can open a chat (Teams does; Outlook and the Microsoft 365 app may not). */
  readonly canOpenChat: boolean;
}

let connection: Promise<HostInfo | undefined> | undefined;

/** Connects to the host once; resolves to `undefined` when the tab runs outside any host. */
export function connectToHost(timeoutMs: number = HOST_TIMEOUT_MS): Promise<HostInfo | undefined> {
  connection ??= connect(timeoutMs).catch((error: unknown) => {
    // A host that answered once but failed on the context may do better on a retry.
    connection = undefined;
    throw error;
  });
  return connection;
}

async function connect(timeoutMs: number): Promise<HostInfo | undefined> {
  const initialized = await withTimeout(
    app.initialize().then(
      () => true,
      () => false,
    ),
    timeoutMs,
    false,
  );
  if (!initialized) return undefined;
  const context = await app.getContext();
  return {
    name: context.app.host.name,
    locale: context.app.locale,
    theme: context.app.theme,
    canOpenChat: chatSupported(),
  };
}

/** Asks teams-js whether the host supports chats; an older host may throw instead of answering. */
function chatSupported(): boolean {
  try {
    return chat.isSupported();
  } catch {
    return false;
  }
}

/**
 * Opens the user's 1:1 chat with Spotter's bot through a Teams deep link; only call it when
 * {@link HostInfo.canOpenChat} is true.
 */
export function openBotChat(botId: string): Promise<void> {
  return app.openLink(botChatUrl(botId));
}

function withTimeout<T>(promise: Promise<T>, timeoutMs: number, fallback: T): Promise<T> {
  return new Promise((resolve) => {
    const timer = setTimeout(() => resolve(fallback), timeoutMs);
    void promise.then((value) => {
      clearTimeout(timer);
      resolve(value);
    });
  });
}

/** Asks the host for the user's SSO token for Spotter's API (teams-js caches and renews it). */
export function getHostToken(): Promise<string> {
  return authentication.getAuthToken();
}

/**
 * Calls `handler` whenever the user switches the host's theme.
 *
 * @returns a function that stops the calls (teams-js keeps one handler and cannot remove it, so
 * the registered handler is silenced instead)
 */
export function onHostThemeChange(handler: (theme: string) => void): () => void {
  let active = true;
  app.registerOnThemeChangeHandler((theme) => {
    if (active) handler(theme);
  });
  return () => {
    active = false;
  };
}

/** Tells the host, if there is one, that the tab is ready, so it hides its loading indicator. */
export function notifyHostReady(): void {
  if (!app.isInitialized()) return;
  // A host that did not ask for this may refuse it; the tab already shows its own state.
  app.notifySuccess().catch(() => undefined);
}
