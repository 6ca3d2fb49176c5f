/**
 * Typed store errors, the same for every adapter.
 */

/** Why a write was refused: the record exists already, or the caller's etag is stale. */
export type ConflictReason = 'exists' | 'stale';

/** A write lost an optimistic-concurrency race or would overwrite an existing record. */
export class ConflictError extends Error {
  /** Why the write was refused. */
  readonly reason: ConflictReason;

  constructor(reason: ConflictReason, message?: string) {
    super(message ?? (reason === 'exists' ? 'record exists already' : 'record changed meanwhile'));
    this.name = 'ConflictError';
    this.reason = reason;
  }
}

/** The store did not answer (throttled, down, timed out): the caller may retry later. */
export class StoreUnavailableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * True when `error`, or an error it was raised from, is a {@link StoreUnavailableError}: the
 * bot framework wraps what a route throws, and the user should hear "try again", not "broken".
 */
export function isStoreUnavailable(error: unknown): boolean {
  for (let current = error; current instanceof Error; current = current.cause) {
    if (current instanceof StoreUnavailableError) return true;
  }
  return false;
}

/** A caller passed an id, kind or cursor the store cannot accept. */
export class InvalidStoreInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InvalidStoreInputError';
  }
}
