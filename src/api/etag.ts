/**
 * Entity tags of the tab API: the store's etag, wrapped so it is always a valid HTTP `ETag`.
 *
 * @remarks
 * Store etags are opaque and differ by adapter (a UUID in SQLite, a quoted string in Cosmos DB),
 * so they travel base64url-encoded inside the quotes. `If-Match` takes exactly one strong tag
 * from a previous answer; a weak tag, a list or `*` is refused with 400, because each would need
 * semantics no client of ours uses.
 */
import { ApiProblem } from './api-route';
import { PROBLEM_TYPES } from './contracts';

const STRONG_TAG = /^"([A-Za-z0-9_-]{1,200})"$/;

/** The `ETag` header value for a store etag. */
export function formatEtag(storeEtag: string): string {
  return `"${Buffer.from(storeEtag, 'utf8').toString('base64url')}"`;
}

/**
 * The store etag an `If-Match` header names, or undefined without the header; an
 * {@link ApiProblem} (400) when the header is not one of our tags.
 */
export function parseIfMatch(header: string | undefined): string | undefined {
  if (header === undefined) return undefined;
  const encoded = STRONG_TAG.exec(header.trim())?.[1];
  if (encoded === undefined) {
    throw new ApiProblem(
      400,
      'If-Match must be the one ETag of a previous answer, in quotes.',
      PROBLEM_TYPES.validation,
      [{ path: 'If-Match', message: 'one strong entity tag, such as "abc"' }],
    );
  }
  return Buffer.from(encoded, 'base64url').toString('utf8');
}
