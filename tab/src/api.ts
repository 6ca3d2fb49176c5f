/**
 * The tab's one HTTP client for Spotter's API, typed on the server's contracts. Every failure
 * becomes an `ApiError` carrying RFC 9457 problem details, so pages decide on a status and never
 * show raw server text.
 */
import { API_BASE, type MeResponse, type ProblemDetails } from '../../src/api/contracts';

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

/** Spotter's API, as the tab uses it. */
export interface ApiClient {
  /** Who the caller is. */
  getMe(): Promise<MeResponse>;
}

/**
 * Creates the client.
 *
 * @param authorization - gives the `Authorization` header value for each request; asked every
 * time so an expired SSO token is renewed by the host rather than reused
 */
export function createApiClient(authorization: () => Promise<string>): ApiClient {
  async function get<T>(path: string): Promise<T> {
    const headers = { Accept: 'application/json', Authorization: await authorization() };
    let response: Response;
    try {
      response = await fetch(`${API_BASE}${path}`, { headers });
    } catch (error) {
      throw new ApiError({
        type: 'about:blank',
        title: 'Network error',
        status: 0,
        detail: error instanceof Error ? error.message : String(error),
      });
    }
    if (!response.ok) throw new ApiError(await readProblem(response));
    return (await response.json()) as T;
  }

  return { getMe: () => get<MeResponse>('/me') };
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
