/**
 * Opaque page cursors, shared by the store adapters.
 *
 * @remarks
 * A cursor is base64url JSON. Each adapter decides what goes inside (a position for SQLite, the
 * Cosmos DB continuation token) and checks the shape with its own schema, so a cursor that was
 * tampered with, truncated or made up is refused as invalid input instead of reaching a query.
 */
import type { z } from 'zod';
import { InvalidStoreInputError } from './errors';

/**
 * Longest cursor accepted, in characters.
 *
 * @remarks
 * Roomy enough for Cosmos DB continuation tokens of a partition-prefix query, small enough that
 * a client cannot make the store parse megabytes.
 */
const MAX_CURSOR_LENGTH = 16 * 1024;

/** Wraps an adapter's position in an opaque cursor. */
export function encodeCursor(position: unknown): string {
  return Buffer.from(JSON.stringify(position), 'utf8').toString('base64url');
}

/** Unwraps a cursor made by {@link encodeCursor}; an {@link InvalidStoreInputError} otherwise. */
export function decodeCursor<T>(cursor: string, schema: z.ZodType<T>): T {
  if (
    typeof cursor !== 'string' ||
    cursor.length > MAX_CURSOR_LENGTH ||
    !/^[A-Za-z0-9_-]+$/.test(cursor)
  ) {
    throw new InvalidStoreInputError('malformed cursor');
  }
  let position: unknown;
  try {
    position = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    throw new InvalidStoreInputError('malformed cursor');
  }
  const parsed = schema.safeParse(position);
  if (!parsed.success) throw new InvalidStoreInputError('malformed cursor');
  return parsed.data;
}
