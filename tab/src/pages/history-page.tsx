/**
 * History: every reflection, newest first, searchable by text and by person, a page at a time.
 */
import {
  Body1,
  Button,
  Field,
  Input,
  makeStyles,
  Tag,
  TagGroup,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { INPUT_LIMITS, type ReflectionSummary } from '../../../src/api/contracts';
import { ErrorState } from '../components/error-state';
import { HistoryList } from '../components/history-list';
import { LoadingState } from '../components/loading-state';
import { PageHeading } from '../components/page-heading';
import { StatusText } from '../components/status-text';
import { useI18n } from '../i18n/i18n-context';
import type { Route } from '../navigation/route';
import { useApi } from '../session/api-context';

/** Reflections per page. */
export const HISTORY_PAGE_SIZE = 20;

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  search: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    gap: tokens.spacingHorizontalM,
  },
  field: { flexGrow: 1, minWidth: '12rem' },
  text: { margin: 0 },
  more: { alignSelf: 'center' },
});

type Listing =
  | { readonly status: 'loading' }
  | { readonly status: 'error' }
  | {
      readonly status: 'ready';
      readonly items: readonly ReflectionSummary[];
      readonly nextCursor?: string;
      readonly loadingMore: boolean;
    };

/** The pages loaded per search, so going back from a week keeps every page shown so far. */
const loaded = new Map<string, Extract<Listing, { status: 'ready' }>>();
/** Searches remembered; more would only hold memory nobody returns to. */
const MAX_REMEMBERED = 5;

function remember(key: string, listing: Listing): void {
  if (listing.status !== 'ready') return;
  loaded.delete(key);
  loaded.set(key, { ...listing, loadingMore: false });
  for (const old of loaded.keys()) {
    if (loaded.size <= MAX_REMEMBERED) break;
    loaded.delete(old);
  }
}

/**
 * True when a fresh first page is exactly the remembered list's first page (nothing new, gone
 * or changed at the top; older pages are taken as they were).
 */
function sameStart(fresh: readonly ReflectionSummary[], known: readonly ReflectionSummary[]) {
  const knownStart = known.slice(0, HISTORY_PAGE_SIZE);
  return JSON.stringify(fresh) === JSON.stringify(knownStart);
}

/** Forgets every remembered list (after the person's data was deleted). */
export function forgetHistory(): void {
  loaded.clear();
}

/** Props of `HistoryPage`. */
export interface HistoryPageProps {
  /** The route, with the search. */
  readonly route: Extract<Route, { page: 'history' }>;
  /** Goes elsewhere (a new search is a new route, so it has an address). */
  readonly navigate: (route: Route) => void;
}

/** The History page. */
export function HistoryPage({ route, navigate }: HistoryPageProps) {
  const styles = useStyles();
  const { t, tp } = useI18n();
  const api = useApi();
  const q = route.q ?? '';
  const person = route.person ?? '';
  const [draftQ, setDraftQ] = useState(q);
  const [draftPerson, setDraftPerson] = useState(person);
  const key = JSON.stringify([q, person]);
  const [listing, setListing] = useState<Listing>(() => loaded.get(key) ?? { status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => remember(key, listing), [key, listing]);

  useEffect(() => {
    setDraftQ(q);
    setDraftPerson(person);
    let current = true;
    // A remembered list shows at once; the first page is still fetched, and replaces it only
    // when something new or changed comes first.
    const known = loaded.get(key);
    setListing(known ?? { status: 'loading' });
    api.listReflections({ q, person, limit: HISTORY_PAGE_SIZE }).then(
      (page) => {
        if (!current || (known && sameStart(page.items, known.items))) return;
        setListing({ status: 'ready', ...page, loadingMore: false });
      },
      () => {
        if (current && !known) setListing({ status: 'error' });
      },
    );
    return () => {
      current = false;
    };
  }, [api, key, q, person, attempt]);

  const loadMore = async () => {
    if (listing.status !== 'ready' || !listing.nextCursor) return;
    setListing({ ...listing, loadingMore: true });
    try {
      const page = await api.listReflections({
        q,
        person,
        cursor: listing.nextCursor,
        limit: HISTORY_PAGE_SIZE,
      });
      setListing({
        status: 'ready',
        items: [...listing.items, ...page.items],
        ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
        loadingMore: false,
      });
    } catch {
      setListing({ ...listing, loadingMore: false });
    }
  };

  const searching = Boolean(q || person);
  const summary =
    listing.status !== 'ready'
      ? ''
      : listing.items.length === 0
        ? searching
          ? t('history.noMatch')
          : t('history.empty')
        : tp(listing.nextCursor ? 'history.shownMore' : 'history.shown', listing.items.length);

  return (
    <div className={styles.page}>
      <PageHeading>{t('nav.history')}</PageHeading>
      <form
        role="search"
        aria-label={t('history.search.label')}
        className={styles.search}
        onSubmit={(event) => {
          event.preventDefault();
          navigate({
            page: 'history',
            ...(draftQ.trim() ? { q: draftQ.trim() } : {}),
            ...(draftPerson.trim() ? { person: draftPerson.trim() } : {}),
          });
        }}
      >
        <Field label={t('history.search.text')} className={styles.field}>
          <Input
            type="search"
            value={draftQ}
            maxLength={INPUT_LIMITS.search}
            onChange={(_event, data) => setDraftQ(data.value)}
          />
        </Field>
        <Field label={t('history.search.person')} className={styles.field}>
          <Input
            value={draftPerson}
            maxLength={INPUT_LIMITS.nameLength}
            onChange={(_event, data) => setDraftPerson(data.value)}
          />
        </Field>
        <Button type="submit" appearance="primary">
          {t('history.search.submit')}
        </Button>
      </form>
      {searching && (
        <TagGroup
          aria-label={t('history.filters')}
          onDismiss={(_event, data) =>
            navigate({
              page: 'history',
              ...(data.value === 'q' || !q ? {} : { q }),
              ...(data.value === 'person' || !person ? {} : { person }),
            })
          }
        >
          {q && (
            <Tag
              value="q"
              dismissible
              dismissIcon={{ 'aria-label': t('history.filter.clearText') }}
            >
              {t('history.filter.text', { q })}
            </Tag>
          )}
          {person && (
            <Tag
              value="person"
              dismissible
              dismissIcon={{ 'aria-label': t('history.filter.clearPerson') }}
            >
              {t('history.filter.person', { person })}
            </Tag>
          )}
        </TagGroup>
      )}
      <StatusText text={summary} testId="history-summary" />
      {listing.status === 'loading' && <LoadingState />}
      {listing.status === 'error' && (
        <ErrorState level={3} onRetry={() => setAttempt((n) => n + 1)} />
      )}
      {listing.status === 'ready' && listing.items.length === 0 && !searching && (
        <Body1 as="p" className={styles.text}>
          {t('history.empty.hint')}
        </Body1>
      )}
      {listing.status === 'ready' && listing.items.length > 0 && (
        <HistoryList items={listing.items} />
      )}
      {listing.status === 'ready' && listing.nextCursor && (
        <Button
          className={styles.more}
          disabled={listing.loadingMore}
          onClick={() => void loadMore()}
        >
          {listing.loadingMore ? t('history.loadingMore') : t('history.loadMore')}
        </Button>
      )}
    </div>
  );
}
