/**
 * Walks a paged store listing to its end.
 *
 * @remarks
 * For the few server-side jobs that must see every record of a kind (admin figures, retention,
 * the audit export); user-facing lists page instead.
 */
import type { Page, PageRequest, StoredRecord } from '../store/store';

/** Every record of a paged listing, in listing order. */
export async function listAll<T>(
  list: (page: PageRequest) => Promise<Page<StoredRecord<T>>>,
): Promise<StoredRecord<T>[]> {
  const records: StoredRecord<T>[] = [];
  let cursor: string | undefined;
  do {
    const page = await list({ limit: 100, ...(cursor ? { cursor } : {}) });
    records.push(...page.items);
    cursor = page.nextCursor;
  } while (cursor !== undefined);
  return records;
}
