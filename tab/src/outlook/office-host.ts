/**
 * The Office.js surface the Outlook task pane uses, and nothing more: whether Outlook hosts the
 * pane, the open mail item (subject, sender, id and a web link to it), a reply draft, text put
 * into a mail being written, and Office's SSO token.
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
  /** A link that opens the mail in Outlook on the web, when reading. */
  readonly link?: string;
}

/** A link put into a mail. */
export interface MailLink {
  /** The words that show. */
  readonly text: string;
  /** Where it goes (`https`). */
  readonly href: string;
}

/** What the pane can do with Outlook. */
export interface OfficeHost {
  /** The user's Office display language, such as `de-DE`. */
  readonly locale: string;
  /** The open mail item, or `undefined` when none is selected. */
  item(): Promise<MailItem | undefined>;
  /** Opens a reply draft starting with `text`; Outlook sends nothing without the user. */
  openReplyDraft(text: string): void;
  /**
   * Puts a paragraph of `text` (and a `link` after it) into the mail being written, at the
   * cursor, as HTML; rejects when Outlook refuses.
   */
  insertIntoBody(text: string, link?: MailLink): Promise<void>;
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
  readonly error?: { readonly message?: string };
}

interface OfficeMailItem {
  readonly itemId?: string;
  readonly subject?: string | { getAsync(callback: (result: AsyncResult<string>) => void): void };
  readonly from?: { readonly displayName: string; readonly emailAddress: string };
  displayReplyForm?(html: string): void;
  readonly body?: {
    setSelectedDataAsync?(
      data: string,
      options: { coercionType: string },
      callback: (result: AsyncResult<void>) => void,
    ): void;
  };
}

interface OfficeMailbox {
  readonly item?: OfficeMailItem | null;
  convertToRestId?(itemId: string, restVersion: string): string;
}

interface OfficeGlobal {
  onReady(): Promise<{ host: string | null }>;
  readonly context?: {
    readonly displayLanguage?: string;
    readonly mailbox?: OfficeMailbox;
  };
  readonly CoercionType?: { readonly Html?: string };
  readonly MailboxEnums?: { readonly RestVersion?: { readonly v2_0?: string } };
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
    item: () => readItem(office.context?.mailbox?.item ?? undefined, (id) => webLink(office, id)),
    openReplyDraft(text) {
      const item = office.context?.mailbox?.item;
      if (!item?.displayReplyForm) throw new Error('This item cannot be replied to.');
      // The form takes HTML, and the text holds the sender's name as the mail gave it.
      item.displayReplyForm(`<p>${escapeHtml(text)}</p>`);
    },
    insertIntoBody(text, link) {
      const body = office.context?.mailbox?.item?.body;
      // Both come from people (a name, a request's words), so they go in as text, never markup.
      const html =
        `<p>${escapeHtml(text)}</p>` +
        (link ? `<p><a href="${escapeHtml(link.href)}">${escapeHtml(link.text)}</a></p>` : '');
      const coercionType = office.CoercionType?.Html ?? 'html';
      return new Promise<void>((resolve, reject) => {
        if (!body?.setSelectedDataAsync) {
          reject(new Error('This item has no body to write into.'));
          return;
        }
        body.setSelectedDataAsync(html, { coercionType }, (result) =>
          result.status === 'succeeded'
            ? resolve()
            : reject(new Error(result.error?.message ?? 'Outlook did not insert the text.')),
        );
      });
    },
    getToken,
  };
}

/**
 * The link that opens a mail in Outlook on the web.
 *
 * @remarks
 * Outlook on the web opens an item from its REST id (`/mail/deeplink/read/{id}`); the id the
 * item reports is in the EWS format, so it is converted with `convertToRestId` where Outlook
 * offers it. Older Outlooks without it still open the EWS id through `/owa/?ItemID=`.
 */
function webLink(office: OfficeGlobal, itemId: string): string {
  const mailbox = office.context?.mailbox;
  const restVersion = office.MailboxEnums?.RestVersion?.v2_0;
  if (mailbox?.convertToRestId && restVersion) {
    const restId = mailbox.convertToRestId(itemId, restVersion);
    return `https://outlook.office.com/mail/deeplink/read/${encodeURIComponent(restId)}`;
  }
  return `https://outlook.office.com/owa/?ItemID=${encodeURIComponent(itemId)}&exvsurl=1&viewmodel=ReadMessageItem`;
}

async function readItem(
  item: OfficeMailItem | undefined,
  linkOf: (itemId: string) => string,
): Promise<MailItem | undefined> {
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
    ...(item.itemId ? { itemId: item.itemId, link: linkOf(item.itemId) } : {}),
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
