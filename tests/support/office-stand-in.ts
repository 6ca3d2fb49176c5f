/**
 * A stand-in for the few Office.js members the Outlook task pane uses (`Office.onReady`, the
 * mailbox item's subject, sender and id, `mailbox.convertToRestId`, `displayReplyForm`, the
 * compose body's `setSelectedDataAsync`, `OfficeRuntime.auth.getAccessToken`), for driving the
 * pane in Chromium without Outlook.
 *
 * @remarks
 * Kept in `tests/` only. {@link useOfficeStandIn} installs it before the page's scripts run and
 * answers the page's request for the real office.js from Microsoft's CDN with an empty script,
 * so the stand-in stays in place and the request itself is still observable.
 */
import type { Page } from 'playwright-core';

/** The Office.js URL the pane loads. */
export const OFFICE_JS_URL = 'https://appsforoffice.microsoft.com/lib/1/hosted/office.js';

/** What the stand-in pretends. */
export interface OfficeStandInOptions {
  /** `Office.onReady`'s host; `null` as outside Office. @default 'Outlook' */
  readonly host?: string | null;
  /** Office's display language. @default 'en-US' */
  readonly displayLanguage?: string;
  /** Reading a mail, composing one, or no item. @default 'read' */
  readonly mode?: 'read' | 'compose' | 'none';
  /** The item's subject. @default 'Quarterly numbers' */
  readonly subject?: string;
  /** The sender, when reading. */
  readonly from?: { readonly displayName: string; readonly emailAddress: string };
  /** The item's id. @default 'AAMkAD/stand+in=' */
  readonly itemId?: string;
  /** The SSO token; `null` leaves `OfficeRuntime` out (a host without SSO). */
  readonly token: string | null;
  /** When set, `getAccessToken` rejects with this Office error code instead. */
  readonly ssoErrorCode?: number;
  /** Leave `convertToRestId` out (an older Outlook). @default false */
  readonly withoutRestIds?: boolean;
  /** Composing, `setSelectedDataAsync` fails. @default false */
  readonly insertFails?: boolean;
}

/** What the stand-in saw the page do. */
export interface OfficeCalls {
  /** The HTML of each reply form opened. */
  readonly replyForms: string[];
  /** How many times a token was asked for. */
  readonly tokenRequests: number;
  /** The HTML put into the body of the mail being written, with the coercion type asked for. */
  readonly inserted: Array<{ readonly html: string; readonly coercionType: string }>;
}

interface Installed {
  replyForms: string[];
  tokenRequests: number;
  inserted: Array<{ html: string; coercionType: string }>;
}

type Settled = Required<
  Omit<OfficeStandInOptions, 'from' | 'ssoErrorCode' | 'withoutRestIds' | 'insertFails'>
> &
  OfficeStandInOptions;

/** Runs in the page, before its scripts: defines `Office` and `OfficeRuntime`. */
function install(options: Settled) {
  const calls: Installed = { replyForms: [], tokenRequests: 0, inserted: [] };
  const target = globalThis as unknown as Record<string, unknown>;
  target['__officeCalls'] = calls;
  const item =
    options.mode === 'none'
      ? null
      : options.mode === 'compose'
        ? {
            subject: {
              getAsync: (callback: (result: { status: string; value: string }) => void) =>
                setTimeout(() => callback({ status: 'succeeded', value: options.subject }), 0),
            },
            body: {
              setSelectedDataAsync: (
                html: string,
                settings: { coercionType: string },
                callback: (result: { status: string; error?: { message: string } }) => void,
              ) => {
                if (options.insertFails) {
                  setTimeout(() => callback({ status: 'failed', error: { message: 'no' } }), 0);
                  return;
                }
                calls.inserted.push({ html, coercionType: settings.coercionType });
                setTimeout(() => callback({ status: 'succeeded' }), 0);
              },
            },
          }
        : {
            itemId: options.itemId,
            subject: options.subject,
            from: options.from,
            displayReplyForm: (html: string) => calls.replyForms.push(html),
          };
  const mailbox: Record<string, unknown> = { item };
  if (!options.withoutRestIds) {
    // REST ids are URL-safe base64 where EWS ids are plain base64: `/` and `+` are swapped.
    mailbox['convertToRestId'] = (itemId: string, version: string) =>
      version === 'v2.0' ? itemId.replace(/\//g, '-').replace(/\+/g, '_') : 'wrong-version';
  }
  target['Office'] = {
    onReady: () => Promise.resolve({ host: options.host, platform: 'OfficeOnline' }),
    context: { displayLanguage: options.displayLanguage, mailbox },
    CoercionType: { Html: 'html', Text: 'text' },
    MailboxEnums: { RestVersion: { v1_0: 'v1.0', v2_0: 'v2.0', Beta: 'beta' } },
  };
  if (options.token !== null) {
    const token = options.token;
    target['OfficeRuntime'] = {
      auth: {
        getAccessToken: () => {
          calls.tokenRequests += 1;
          return options.ssoErrorCode === undefined
            ? Promise.resolve(token)
            : Promise.reject({ code: options.ssoErrorCode, name: 'SsoError', message: 'no' });
        },
      },
    };
  }
}

/**
 * Installs the stand-in in `page` (call before `goto`) and serves office.js as an empty script.
 *
 * @returns the Office.js requests the page made, filled in as they happen
 */
export async function useOfficeStandIn(
  page: Page,
  options: OfficeStandInOptions,
): Promise<{ officeJsRequests: string[] }> {
  const officeJsRequests: string[] = [];
  await page.route(OFFICE_JS_URL, (route) => {
    officeJsRequests.push(route.request().url());
    return route.fulfill({ contentType: 'text/javascript', body: '/* office.js stand-in */' });
  });
  const settled: Settled = {
    host: 'Outlook',
    displayLanguage: 'en-US',
    mode: 'read',
    subject: 'Quarterly numbers',
    itemId: 'AAMkAD/stand+in=',
    ...options,
  };
  await page.addInitScript(install, settled);
  return { officeJsRequests };
}

/** What the stand-in recorded so far. */
export function officeCalls(page: Page): Promise<OfficeCalls> {
  return page.evaluate(
    () => (globalThis as unknown as { __officeCalls: OfficeCalls }).__officeCalls,
  );
}
