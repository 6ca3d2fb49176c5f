/**
 * The tab's one HTTP client for Spotter's API, typed on the server's contracts. Every failure
 * becomes an `ApiError` carrying RFC 9457 problem details, so pages decide on a status and never
 * show raw server text.
 */
import {
  API_BASE,
  DELETE_CONFIRMATION,
  type AppInfoResponse,
  type ColleaguesResponse,
  type CreateRequestRequest,
  type CreateRequestResponse,
  type DeleteDataResponse,
  type ExportFormat,
  type LogRepRequest,
  type MeResponse,
  type PeopleResponse,
  type ProblemDetails,
  type ReflectionListResponse,
  type RepChangeResponse,
  type RequestActionRequest,
  type RequestActionResponse,
  type RequestBox,
  type RequestListResponse,
  type SaveReflectionRequest,
  type SettingsDto,
  type ThisWeekResponse,
  type TrendsResponse,
  type WeekResponse,
} from '../../src/api/contracts';
import type {
  AggregatesResponse,
  AuditResponse,
  OrgDefaultsBody,
  RetentionBody,
} from '../../src/api/admin-contracts';

/** A failed API call, described as problem details (status 0 when the server was not reached). */
export class ApiError extends Error {
  /** The problem, as the server sent it or as reconstructed from the HTTP status. */
  readonly problem: ProblemDetails;

  constructor(problem: ProblemDetails) {
    super(problem.detail ?? problem.title);
    this.name = 'ApiError';
    this.problem = problem;
  }

  /** HTTP status, or 0 when no answer arrived. */
  get status(): number {
    return this.problem.status;
  }
}

/** A value with the entity tag of the version it was read as (absent before the first save). */
export interface Versioned<T> {
  /** The value. */
  readonly value: T;
  /** The `ETag` to send back as `If-Match`. */
  readonly etag?: string;
}

/** What the history is asked for. */
export interface HistoryQuery {
  /** Words to find. */
  readonly q?: string;
  /** A person's name. */
  readonly person?: string;
  /** The cursor of the page to read. */
  readonly cursor?: string;
  /** Items per page. */
  readonly limit?: number;
}

/** A file the server handed over. */
export interface DownloadedFile {
  /** The file. */
  readonly blob: Blob;
  /** The name the server suggests. */
  readonly filename: string;
}

/** Spotter's API, as the tab uses it. */
export interface ApiClient {
  /** Who the caller is. */
  getMe(): Promise<MeResponse>;
  /** What this deployment offers. */
  getAppInfo(): Promise<AppInfoResponse>;
  /** This week. */
  getWeek(): Promise<Versioned<ThisWeekResponse>>;
  /** Saves this week's reflection over the version `etag` names. */
  saveReflection(
    request: SaveReflectionRequest,
    etag: string | undefined,
  ): Promise<Versioned<ThisWeekResponse>>;
  /** Logs a rep. */
  logRep(request: LogRepRequest): Promise<Versioned<RepChangeResponse>>;
  /** Undoes the last hand-logged rep. */
  undoLastRep(): Promise<Versioned<RepChangeResponse>>;
  /** One page of the history. */
  listReflections(query: HistoryQuery): Promise<ReflectionListResponse>;
  /** One week in full. */
  getReflection(week: string): Promise<WeekResponse>;
  /** The last `weeks` weeks of trends. */
  getTrends(weeks: number): Promise<TrendsResponse>;
  /** The support network. */
  getPeople(): Promise<PeopleResponse>;
  /** The settings. */
  getSettings(): Promise<Versioned<SettingsDto>>;
  /** Saves the settings over the version `etag` names. */
  saveSettings(settings: SettingsDto, etag: string | undefined): Promise<Versioned<SettingsDto>>;
  /** Everything of the caller's, as a file. */
  downloadExport(format: ExportFormat): Promise<DownloadedFile>;
  /** Deletes everything of the caller's. */
  deleteMyData(): Promise<DeleteDataResponse>;
  /** One page of the help requests the caller sent or received. */
  listRequests(box: RequestBox, cursor?: string): Promise<RequestListResponse>;
  /**
   * Asks a colleague for a hand; `idempotencyKey` (a UUID per form) makes a repeat of the same
   * form answer with the request made the first time.
   */
  createRequest(
    request: CreateRequestRequest,
    idempotencyKey: string,
  ): Promise<CreateRequestResponse>;
  /** Colleagues to ask: the sender behind `address` first, then people matching `query`. */
  findColleagues(query: string, address?: string): Promise<ColleaguesResponse>;
  /** Acts on a help request over the version `etag` names. */
  actOnRequest(
    id: string,
    action: RequestActionRequest,
    etag: string,
  ): Promise<RequestActionResponse>;
  /** Admins: the organization's anonymous figures of the current week. */
  getAggregates(): Promise<AggregatesResponse>;
  /** Admins: the organization's retention. */
  getRetention(): Promise<RetentionBody>;
  /** Admins: changes the organization's retention. */
  saveRetention(retention: RetentionBody): Promise<RetentionBody>;
  /** Admins: the organization's defaults and feature switches. */
  getOrgDefaults(): Promise<Versioned<OrgDefaultsBody>>;
  /** Admins: replaces the organization's defaults over the version `etag` names. */
  saveOrgDefaults(
    defaults: OrgDefaultsBody,
    etag: string | undefined,
  ): Promise<Versioned<OrgDefaultsBody>>;
  /** Admins: one page of the audit log. */
  listAudit(cursor?: string): Promise<AuditResponse>;
  /** Admins: the whole audit log, as a file. */
  downloadAuditLog(): Promise<DownloadedFile>;
}

interface RequestOptions {
  readonly method?: 'GET' | 'PUT' | 'POST' | 'DELETE';
  readonly body?: unknown;
  readonly ifMatch?: string | undefined;
  readonly idempotencyKey?: string | undefined;
}

/**
 * Creates the client.
 *
 * @param authorization - gives the `Authorization` header value for each request; asked every
 * time so an expired SSO token is renewed by the host rather than reused
 */
export function createApiClient(authorization: () => Promise<string>): ApiClient {
  async function send(path: string, options: RequestOptions = {}): Promise<Response> {
    const headers: Record<string, string> = {
      Accept: 'application/json',
      Authorization: await authorization(),
    };
    if (options.body !== undefined) headers['Content-Type'] = 'application/json';
    if (options.ifMatch) headers['If-Match'] = options.ifMatch;
    if (options.idempotencyKey) headers['Idempotency-Key'] = options.idempotencyKey;
    let response: Response;
    try {
      response = await fetch(`${API_BASE}${path}`, {
        method: options.method ?? 'GET',
        headers,
        ...(options.body !== undefined ? { body: JSON.stringify(options.body) } : {}),
      });
    } catch (error) {
      throw new ApiError({
        type: 'about:blank',
        title: 'Network error',
        status: 0,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    if (!response.ok) throw new ApiError(await readProblem(response));
    return response;
  }

  async function json<T>(path: string, options?: RequestOptions): Promise<T> {
    return (await (await send(path, options)).json()) as T;
  }

  async function versioned<T>(path: string, options?: RequestOptions): Promise<Versioned<T>> {
    const response = await send(path, options);
    const etag = response.headers.get('ETag') ?? undefined;
    const value = (await response.json()) as T;
    return etag ? { value, etag } : { value };
  }

  return {
    getMe: () => json('/me'),
    getAppInfo: () => json('/app'),
    getWeek: () => versioned('/week'),
    saveReflection: (request, etag) =>
      versioned('/week/reflection', { method: 'PUT', body: request, ifMatch: etag }),
    logRep: (request) => versioned('/week/reps', { method: 'POST', body: request }),
    undoLastRep: () => versioned('/week/reps/last', { method: 'DELETE' }),
    listReflections: (query) => {
      const params = new URLSearchParams();
      for (const [name, value] of Object.entries(query)) {
        if (value !== undefined && value !== '') params.set(name, String(value));
      }
      const search = params.toString();
      return json(`/reflections${search ? `?${search}` : ''}`);
    },
    getReflection: (week) => json(`/reflections/${encodeURIComponent(week)}`),
    getTrends: (weeks) => json(`/trends?weeks=${weeks}`),
    getPeople: () => json('/people'),
    getSettings: () => versioned('/settings'),
    saveSettings: (settings, etag) =>
      versioned('/settings', { method: 'PUT', body: settings, ifMatch: etag }),
    downloadExport: (format) => download(`/export?format=${format}`, `spotter-export.${format}`),
    deleteMyData: () =>
      json('/me/data', { method: 'DELETE', body: { confirm: DELETE_CONFIRMATION } }),
    listRequests: (box, cursor) =>
      json(`/requests?box=${box}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`),
    createRequest: (request, idempotencyKey) =>
      json('/requests', { method: 'POST', body: request, idempotencyKey }),
    findColleagues: (query, address) => {
      const params = new URLSearchParams();
      if (query) params.set('q', query);
      if (address) params.set('address', address);
      const search = params.toString();
      return json(`/colleagues${search ? `?${search}` : ''}`);
    },
    actOnRequest: (id, action, etag) =>
      json(`/requests/${encodeURIComponent(id)}/actions`, {
        method: 'POST',
        body: action,
        ifMatch: etag,
      }),
    getAggregates: () => json('/admin/aggregates'),
    getRetention: () => json('/admin/retention'),
    saveRetention: (retention) => json('/admin/retention', { method: 'PUT', body: retention }),
    getOrgDefaults: () => versioned('/admin/org-defaults'),
    saveOrgDefaults: (defaults, etag) =>
      versioned('/admin/org-defaults', { method: 'PUT', body: defaults, ifMatch: etag }),
    listAudit: (cursor) =>
      json(`/admin/audit${cursor ? `?cursor=${encodeURIComponent(cursor)}` : ''}`),
    downloadAuditLog: () => download('/admin/audit/export', 'spotter-audit.csv'),
  };

  async function download(path: string, fallbackName: string): Promise<DownloadedFile> {
    const response = await send(path);
    const disposition = response.headers.get('Content-Disposition') ?? '';
    const filename = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
    return { blob: await response.blob(), filename };
  }
}

async function readProblem(response: Response): Promise<ProblemDetails> {
  const fallback: ProblemDetails = {
    type: 'about:blank',
    title: response.statusText || `HTTP ${response.status}`,
    status: response.status,
  };
  if (!response.headers.get('Content-Type')?.includes('json')) return fallback;
  try {
    const body: unknown = await response.json();
    if (!isRecord(body)) return fallback;
    return {
      type: typeof body.type === 'string' ? body.type : fallback.type,
      title: typeof body.title === 'string' ? body.title : fallback.title,
      status: response.status,
      ...(typeof body.detail === 'string' ? { detail: body.detail } : {}),
    };
  } catch {
    return fallback;
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}
