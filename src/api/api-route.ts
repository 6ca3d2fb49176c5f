/**
 * The shape of a tab API route: what the route table lists and what a handler gets and returns.
 *
 * @remarks
 * Handlers never touch Express. They get the caller's scope and the parsed request, and return
 * a result (or throw an {@link ApiProblem}); the router turns that into HTTP. That keeps every
 * route's checks in one place (authentication, body type and size, `If-Match` syntax, error
 * mapping) and lets a test walk the table and probe every route the same way.
 */
import type { AdminPolicy } from '../auth/admin';
import type { AuthenticatedUser } from '../auth/token-validator';
import type { Scope } from '../auth/scope';
import type { Logger } from '../logging/logger';
import type { AdminService } from '../services/admin-service';
import type { PersonForgetter } from '../services/data-rights-service';
import type { AddressBook } from '../services/address-book';
import type { HelpRequestDelivery } from '../services/help-request-delivery';
import type { HelpRequestService } from '../services/help-request-service';
import type { OrgDefaultsService } from '../services/org-defaults-service';
import type { PracticeService } from '../services/practice-service';
import type { RetentionService } from '../services/retention-service';
import type { TenantRegistry } from '../services/tenant-registry';
import type { Store } from '../store/store';
import type { FieldProblem } from './contracts';

/** The use cases and settings behind the API's routes. */
export interface ApiServices {
  /** The weekly practice (shared with the bot). */
  readonly practice: PracticeService;
  /** The store, for data export and deletion. */
  readonly store: Store;
  /** The clock (tests move it). */
  readonly now: () => Date;
  /** Root logger; requests add tenant and correlation ids. */
  readonly logger: Logger;
  /** Which organizations are served, and their self-service onboarding. */
  readonly tenants: TenantRegistry;
  /** Who is an admin besides the app role (configuration). */
  readonly adminPolicy: AdminPolicy;
  /** Audit log and anonymous figures of a tenant, for its admins. */
  readonly admin: AdminService;
  /** A tenant's retention setting. */
  readonly retention: RetentionService;
  /** A tenant's defaults and feature switches, set by its admins. */
  readonly orgDefaults: OrgDefaultsService;
  /** The bot's Microsoft App Id, for the tab's deep link to the chat. */
  readonly botAppId?: string | undefined;
  /** Help requests (the bot's own instance, so its cards follow every change); absent when off. */
  readonly helpRequests?: HelpRequestService | undefined;
  /** The bot's way to bring a request asked through the API to its helper; absent without it. */
  readonly helpRequestDelivery?: HelpRequestDelivery | undefined;
  /** Who is behind an e-mail address, within a tenant (for the Outlook pane's colleague picker). */
  readonly addressBook?: AddressBook | undefined;
  /** Removes a person from the reminder index when their data is deleted. */
  readonly reminders?: PersonForgetter | undefined;
}

/** HTTP methods the API uses. */
export type ApiMethod = 'GET' | 'PUT' | 'POST' | 'DELETE';

/** Everything a handler may know about one request. */
export interface ApiContext {
  /** The authenticated caller. */
  readonly caller: AuthenticatedUser;
  /** The caller's partition: the only scope a handler can reach. */
  readonly scope: Scope;
  /** Path parameters (`:week`), unvalidated. */
  readonly params: Readonly<Record<string, string>>;
  /** The query string as Express parsed it, unvalidated. */
  readonly query: unknown;
  /** The JSON body (undefined for routes without one), unvalidated. */
  readonly body: unknown;
  /** The store etag named by `If-Match`, when the request sent one. */
  readonly ifMatch: string | undefined;
  /** The `Idempotency-Key` header as sent, unvalidated (routes that honour it check it). */
  readonly idempotencyKey: string | undefined;
  /** The use cases. */
  readonly services: ApiServices;
  /** The clock. */
  readonly now: () => Date;
  /** Logger with the tenant and correlation id of this request. */
  readonly log: Logger;
}

/** A JSON answer. */
export interface JsonResult {
  /** HTTP status. @default 200 */
  readonly status?: number;
  /** The body, sent as JSON. */
  readonly body: unknown;
  /** Store etag of the resource, sent as the `ETag` header. */
  readonly etag?: string | undefined;
}

/** A file to download. */
export interface FileResult {
  /** The file's text. */
  readonly file: string;
  /** Its content type. */
  readonly contentType: string;
  /** The name a browser should save it under. */
  readonly filename: string;
}

/** What a handler returns. */
export type ApiResult = JsonResult | FileResult;

/** Handles one request. */
export type ApiHandler = (context: ApiContext) => Promise<ApiResult>;

/** One row of the route table. */
export interface ApiRoute {
  /** HTTP method. */
  readonly method: ApiMethod;
  /** Express path under `/api/v1`, e.g. `/reflections/:week`. */
  readonly path: string;
  /** What the route does, in one line (for the table's readers and for logs). */
  readonly summary: string;
  /**
   * Reachable by a caller whose organization is not served yet (self-service onboarding only).
   * @default false
   */
  readonly openToUnservedTenants?: boolean;
  /** Largest JSON body accepted, in bytes; absent when the route takes no body. */
  readonly maxBodyBytes?: number;
  /** The handler. */
  readonly handler: ApiHandler;
}

/** A client error a handler reports, answered as problem details. */
export class ApiProblem extends Error {
  constructor(
    /** HTTP status (4xx). */
    readonly status: number,
    /** What went wrong, in plain words. */
    readonly detail: string,
    /** RFC 9457 problem type. @default 'about:blank' */
    readonly type: string = 'about:blank',
    /** Fields that broke a rule. */
    readonly errors?: readonly FieldProblem[],
  ) {
    super(detail);
    this.name = 'ApiProblem';
  }
}

/** The 404 every lookup answers when something is missing, guessed or someone else's. */
export function notFound(): ApiProblem {
  return new ApiProblem(404, 'There is nothing here.');
}
