/**
 * Errors as RFC 9457 problem details: one shape for every 4xx and 5xx answer.
 */
import type { Response } from 'express';
import type { FieldProblem, ProblemDetails } from './contracts';

const TITLES: Record<number, string> = {
  400: 'Bad request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not found',
  405: 'Method not allowed',
  409: 'Conflict',
  412: 'Precondition failed',
  413: 'Payload too large',
  415: 'Unsupported media type',
  422: 'Unprocessable content',
  500: 'Internal server error',
  502: 'Bad gateway',
  503: 'Service unavailable',
};

/** Builds a problem document for an HTTP status with a plain-words detail. */
export function problem(
  status: number,
  detail?: string,
  type = 'about:blank',
  errors?: readonly FieldProblem[],
): ProblemDetails {
  return {
    type,
    title: TITLES[status] ?? 'Error',
    status,
    ...(detail ? { detail } : {}),
    ...(errors && errors.length > 0 ? { errors } : {}),
  };
}

/** Sends a problem document with the right content type. */
export function sendProblem(
  res: Response,
  status: number,
  detail?: string,
  type?: string,
  errors?: readonly FieldProblem[],
): void {
  res
    .status(status)
    .type('application/problem+json')
    .send(JSON.stringify(problem(status, detail, type, errors)));
}
