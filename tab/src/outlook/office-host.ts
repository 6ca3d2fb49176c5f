/**
 * The Office.js surface the Outlook task pane uses, and nothing more: whether Outlook hosts the
 * pane, the open mail item (subject, sender, id), a reply draft and Office's SSO token.
 *
 * @remarks
 * Office.js comes from Microsoft's CDN as a classic script, so it is read from `globalThis`
 * here, typed on just the members used. Everything the rest of the pane knows about Office goes
 * through this module, which keeps the pane testable in a plain browser with a stand-in for
 * these few members, and lets it say plainly what is missing instead of failing deep inside.
 */

/** How long to wait for Office before deciding the page is not in Outlook. */
export const OFFICE_TIMEOUT_MS = 3000;

/** Whether the open item is being read or written. */
export type MailMode = 'read' | 'compose';

/** The open mail, as the pane needs it. */
export interface MailItem {
  /** Reading a received mail, or composing one. */
  readonly mode: MailMode;
  /** The subject (may be empty). */
  readonly subject: string;
  /** The sender, when reading. */
  readonly sender?: { readonly name: string; readonly email: string };
  /** The item's id, when reading. */
  readonly itemId?: string;
}

/** What the pane can do with Outlook. */
export interface OfficeHost {
  /** The user's Office display language, such as `de-DE`. */
  readonly locale: string;
  /** The open mail item, or `undefined` when none is selected. */
  item(): Promise<MailItem | undefined>;
  /** Opens a reply draft starting with `text`; Outlook sends nothing without the user. */
  openReplyDraft(text: string): void;
  /** Office's SSO token for Spotter's API; rejects with {@link OfficeSsoError} without SSO. */
  getToken(): Promise<string>;
}

/** Office could not give a token: SSO is missing in this Outlook or was refused. */
export class OfficeSsoError extends Error {
  /** Office's error code (such as 13003 for an unsupported account), when it gave one. */
  readonly code: number | undefined;

  constructor(code: number | undefined, message: string) {
    super(message);
    this.name = 'OfficeSsoError';
    this.code = code;
  }
}

interface AsyncResult<T> {
  readonly status: 'succeeded' | 'failed';
  readonly value: T;
}

interface OfficeMailItem {
  readonly itemId?: string;
  readonly subject?: string | { getAsync(callback: (result: AsyncResult<string>) => void): void };
  readonly from?: { readonly displayName: string; readonly emailAddress: string };
  displayReplyForm?(html: string): void;
}

interface OfficeGlobal {
  onReady(): Promise<{ host: string | null }>;
  readonly context?: {
    readonly displayLanguage?: string;
    readonly mailbox?: { readonly item?: OfficeMailItem | null };
  };
}

interface OfficeRuntimeGlobal {
  readonly auth?: {
    getAccessToken(options?: { allowSignInPrompt?: boolean }): Promise<string>;
  };
}

/**
 * Waits for Office; resolves to `undefined` when Office.js is absent or the page is not hosted
 * by Outlook (the pane then explains where it belongs).
 */
export async function connectToOffice(
  timeoutMs: number = OFFICE_TIMEOUT_MS,
): Promise<OfficeHost | undefined> {
  const office = (globalThis as { Office?: OfficeGlobal }).Office;
  if (!office) return undefined;
  const info = await Promise.race([
    office.onReady().catch(() => undefined),
    new Promise<undefined>((resolve) => setTimeout(() => resolve(undefined), timeoutMs)),
  ]);
  if (info?.host !== 'Outlook') return undefined;
  return {
    locale: office.context?.displayLanguage ?? 'en-US',
    item: () => readItem(office.context?.mailbox?.item ?? undefined),
    openReplyDraft(text) {
      const item = office.context?.mailbox?.item;
      if (!item?.displayReplyForm) throw new Error('This item cannot be replied to.');
      // The form takes HTML, and the text holds the sender's name as the mail gave it.
      item.displayReplyForm(`<p>${escapeHtml(text)}</p>`);
    },
    getToken,
  };
}

async function readItem(item: OfficeMailItem | undefined): Promise<MailItem | undefined> {
  if (!item) return undefined;
  // Reading, `subject` is a string; composing, it is an object read asynchronously.
  if (typeof item.subject === 'object') {
    const field = item.subject;
    const subject = await new Promise<string>((resolve) =>
      field.getAsync((result) => resolve(result.status === 'succeeded' ? result.value : '')),
    );
    return { mode: 'compose', subject };
  }
  return {
    mode: 'read',
    subject: item.subject ?? '',
    ...(item.from
      ? { sender: { name: item.from.displayName, email: item.from.emailAddress } }
      : {}),
    ...(item.itemId ? { itemId: item.itemId } : {}),
  };
}

async function getToken(): Promise<string> {
  const auth = (globalThis as { OfficeRuntime?: OfficeRuntimeGlobal }).OfficeRuntime?.auth;
  if (!auth) throw new OfficeSsoError(undefined, 'This version of Outlook offers no sign-in.');
  try {
    return await auth.getAccessToken({ allowSignInPrompt: true });
  } catch (error) {
    const code = (error as { code?: unknown } | null)?.code;
    throw new OfficeSsoError(
      typeof code === 'number' ? code : undefined,
      error instanceof Error ? error.message : String(error),
    );
  }
}

function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}
