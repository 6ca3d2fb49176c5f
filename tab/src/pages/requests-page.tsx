/**
 * Requests: the help requests the person was asked and the ones they asked, where each stands,
 * and the same actions as their cards in the chat (one state machine on the server).
 */
import { Body1, Button, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import {
  PROBLEM_TYPES,
  type HelpRequestDto,
  type RequestActionRequest,
  type RequestBox,
} from '../../../src/api/contracts';
import { ApiError } from '../api';
import { ErrorState } from '../components/error-state';
import { LoadingState } from '../components/loading-state';
import { PageHeading } from '../components/page-heading';
import { RequestItem } from '../components/request-item';
import { Section } from '../components/section';
import { StatusText } from '../components/status-text';
import { useI18n } from '../i18n/i18n-context';
import { useApi } from '../session/api-context';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  list: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
  },
  text: { margin: 0 },
  more: { alignSelf: 'center' },
});

type Box =
  | { readonly status: 'loading' }
  | { readonly status: 'error' }
  | {
      readonly status: 'ready';
      readonly items: readonly HelpRequestDto[];
      readonly nextCursor?: string;
    };

function RequestBoxSection({
  box,
  title,
  empty,
  onStatus,
}: {
  box: RequestBox;
  title: string;
  empty: string;
  onStatus: (text: string) => void;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const api = useApi();
  const [state, setState] = useState<Box>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    let current = true;
    setState({ status: 'loading' });
    api.listRequests(box).then(
      (page) => current && setState({ status: 'ready', ...page }),
      () => current && setState({ status: 'error' }),
    );
    return () => {
      current = false;
    };
  }, [api, box, attempt]);

  const replace = (request: HelpRequestDto) =>
    setState((previous) =>
      previous.status === 'ready'
        ? {
            ...previous,
            items: previous.items.map((item) => (item.id === request.id ? request : item)),
          }
        : previous,
    );

  const act = async (request: HelpRequestDto, action: RequestActionRequest) => {
    setBusy(true);
    try {
      const answer = await api.actOnRequest(request.id, action, request.etag);
      replace(answer.request);
      onStatus(t(`requests.done.${action.action}`));
    } catch (error) {
      const problem = error instanceof ApiError ? error.problem : undefined;
      onStatus(
        problem?.status === 412 || problem?.type === PROBLEM_TYPES.illegalTransition
          ? t('requests.movedOn')
          : problem?.status === 404
            ? t('requests.gone')
            : t('requests.failed'),
      );
      // Whatever went wrong, show where the requests stand now.
      setAttempt((count) => count + 1);
    } finally {
      setBusy(false);
    }
  };

  const loadMore = async () => {
    if (state.status !== 'ready' || !state.nextCursor) return;
    const page = await api.listRequests(box, state.nextCursor);
    setState({
      status: 'ready',
      items: [...state.items, ...page.items],
      ...(page.nextCursor ? { nextCursor: page.nextCursor } : {}),
    });
  };

  return (
    <Section title={title}>
      {state.status === 'loading' && <LoadingState />}
      {state.status === 'error' && (
        <ErrorState level={3} onRetry={() => setAttempt((count) => count + 1)} />
      )}
      {state.status === 'ready' && state.items.length === 0 && (
        <Body1 as="p" className={styles.text}>
          {empty}
        </Body1>
      )}
      {state.status === 'ready' && state.items.length > 0 && (
        <ul className={styles.list}>
          {state.items.map((request) => (
            <RequestItem
              key={request.id}
              request={request}
              busy={busy}
              onAct={(action) => act(request, action)}
            />
          ))}
        </ul>
      )}
      {state.status === 'ready' && state.nextCursor && (
        <Button className={styles.more} onClick={() => void loadMore()}>
          {t('history.loadMore')}
        </Button>
      )}
    </Section>
  );
}

/** The Requests page. */
export function RequestsPage() {
  const styles = useStyles();
  const { t } = useI18n();
  const [status, setStatus] = useState('');
  return (
    <div className={styles.page}>
      <PageHeading>{t('nav.requests')}</PageHeading>
      <Body1 as="p" className={styles.text}>
        {t('requests.intro')}
      </Body1>
      <StatusText text={status} testId="requests-status" />
      <RequestBoxSection
        box="received"
        title={t('requests.received')}
        empty={t('requests.received.empty')}
        onStatus={setStatus}
      />
      <RequestBoxSection
        box="sent"
        title={t('requests.sent')}
        empty={t('requests.sent.empty')}
        onStatus={setStatus}
      />
    </div>
  );
}
