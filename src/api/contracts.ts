/**
 * Request and response types of the tab API, shared by the server (`src/api`) and the tab
 * (`tab/src/api.ts`). Only plain types here: the tab bundles this file.
 */

/** `GET /api/v1/me`: who the caller is. */
export interface MeResponse {
  /** Display name from the token (or the development identity). */
  readonly name: string;
  /** First name, when the token carries one. */
  readonly givenName?: string;
  /** Tenant of the caller. */
  readonly tenantId: string;
  /** True when the caller is the labelled local development identity. */
  readonly devIdentity: boolean;
}

/** An error answer, as RFC 9457 problem details. */
export interface ProblemDetails {
  /** A URI naming the problem type (`about:blank` for plain HTTP statuses). */
  readonly type: string;
  /** Short, human summary. */
  readonly title: string;
  /** HTTP status. */
  readonly status: number;
  /** What went wrong with this request, in plain words. */
  readonly detail?: string;
}

/** Problem types the tab tells apart (RFC 9457 `type`); anything else is `about:blank`. */
export const PROBLEM_TYPES = {
  /** The caller's organization has not enabled Spotter (answered with 401). */
  tenantNotEnabled: 'urn:spotter:problem:tenant-not-enabled',
} as const;

/** The `Authorization` header the tab sends for the development identity (development only). */
export const DEV_AUTHORIZATION = 'Dev local';

/** Base path of the versioned tab API. */
export const API_BASE = '/api/v1';
