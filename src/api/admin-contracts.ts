/**
 * Request and response types of the admin routes (`/api/v1/admin/*`), shared with the tab.
 *
 * @remarks
 * Types only, and only from pure modules, so the tab can import them without server code.
 */
import type { OrgDefaults } from '../domain/org-defaults';
import type { WeeklyAggregates } from '../domain/privacy';

/** `POST /admin/onboarding`: the answer of a successful onboarding. */
export interface OnboardingResponse {
  /** Always true: the caller's organization is served from now on. */
  readonly tenantEnabled: true;
  /** When the organization was first enabled (ISO 8601, UTC). */
  readonly enabledAt: string;
}

/** `GET /admin/aggregates`: the week and its anonymous figures. */
export interface AggregatesResponse extends WeeklyAggregates {
  /** The ISO week counted. */
  readonly week: string;
}

/** `GET` and `PUT /admin/retention`: the organization's retention. */
export interface RetentionBody {
  /** Reflections older than this many months are deleted by a daily job; null keeps them. */
  readonly months: number | null;
}

/**
 * `GET` and `PUT /admin/org-defaults`: the organization's reminder defaults, challenge set,
 * feature switches and group overrides (first listed group a person is in wins).
 */
export type OrgDefaultsBody = OrgDefaults;

/** One admin change as the API shows it. */
export interface AuditItem {
  /** When (ISO 8601, UTC). */
  readonly at: string;
  /** Object id of the admin who made the change. */
  readonly actorId: string;
  /** What was done, e.g. `tenant.enabled`. */
  readonly action: string;
  /** The new values. */
  readonly details: Readonly<Record<string, string | number | boolean | null>>;
}

/** `GET /admin/audit`: one page of the log. */
export interface AuditResponse {
  /** Entries, newest first. */
  readonly items: readonly AuditItem[];
  /** Pass as `cursor` for the next page; absent on the last. */
  readonly nextCursor?: string;
}
