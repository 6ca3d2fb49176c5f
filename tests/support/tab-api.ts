/**
 * A bare client for the tab API in tests: one function per HTTP call, answers kept raw so
 * tests can check statuses, headers and problem documents as well as bodies.
 */
import { API_BASE } from '../../src/api/contracts';

/** One answer of the API. */
export interface ApiAnswer<T = unknown> {
  /** HTTP status. */
  readonly status: number;
  /** Response headers. */
  readonly headers: Headers;
  /** The body, parsed as JSON when it is JSON, else the text. */
  readonly body: T;
  /** The raw text of the body. */
  readonly text: string;
}

/** Options of one call. */
export interface CallOptions {
  /** The `Authorization` header value (`Bearer …` or the development identity). */
  readonly authorization?: string | undefined;
  /** A JSON body (serialised), or a string sent as is. */
  readonly body?: unknown;
  /** Extra headers. */
  readonly headers?: Readonly<Record<string, string>>;
}

/** Calls `method path` under `/api/v1` of a Spotter at `baseUrl`. */
export async function callApi<T = unknown>(
  baseUrl: string,
  method: string,
  path: string,
  options: CallOptions = {},
): Promise<ApiAnswer<T>> {
  const headers: Record<string, string> = { ...options.headers };
  if (options.authorization) headers['authorization'] = options.authorization;
  let body: string | undefined;
  if (options.body !== undefined) {
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
    headers['content-type'] ??= 'application/json';
  }
  const response = await fetch(`${baseUrl}${API_BASE}${path}`, { method, headers, body });
  const text = await response.text();
  const json = /json/.test(response.headers.get('content-type') ?? '');
  return {
    status: response.status,
    headers: response.headers,
    body: (json && text.length > 0 ? JSON.parse(text) : text) as T,
    text,
  };
}

/** A client bound to one server and one caller. */
export function apiAs(baseUrl: string, authorization: string) {
  return {
    /** `GET path`. */
    get: <T = unknown>(path: string, headers?: Record<string, string>) =>
      callApi<T>(baseUrl, 'GET', path, { authorization, ...(headers ? { headers } : {}) }),
    /** `PUT path` with a JSON body. */
    put: <T = unknown>(path: string, body: unknown, headers?: Record<string, string>) =>
      callApi<T>(baseUrl, 'PUT', path, { authorization, body, ...(headers ? { headers } : {}) }),
    /** `POST path` with a JSON body. */
    post: <T = unknown>(path: string, body: unknown, headers?: Record<string, string>) =>
      callApi<T>(baseUrl, 'POST', path, { authorization, body, ...(headers ? { headers } : {}) }),
    /** `DELETE path`, with an optional JSON body. */
    delete: <T = unknown>(path: string, body?: unknown) =>
      callApi<T>(baseUrl, 'DELETE', path, { authorization, body }),
  };
}

/** What {@link apiAs} returns. */
export type TabApi = ReturnType<typeof apiAs>;
