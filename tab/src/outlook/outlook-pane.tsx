/**
 * The Outlook task pane: connects to Outlook, signs in with Office's SSO and shows what Spotter
 * offers beside the open mail (reading: thank the sender, note an offer, ask someone for help
 * with it; writing: ask for help and note it in the mail), in the tab's language, theme and
 * components.
 *
 * @remarks
 * Outside Outlook, or where Outlook offers no SSO, the pane says so plainly rather than trying
 * the development identity: the pane only makes sense beside a mail.
 */
import {
  Body1,
  FluentProvider,
  makeStyles,
  Subtitle1,
  teamsLightTheme,
  Title3,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import { PROBLEM_TYPES, type AppInfoResponse } from '../../../src/api/contracts';
import { ApiError, createApiClient, type ApiClient } from '../api';
import { ErrorState } from '../components/error-state';
import { LoadingState } from '../components/loading-state';
import { StatusPanel } from '../components/status-panel';
import { I18nProvider, useI18n } from '../i18n/i18n-context';
import { pickLanguage } from '../i18n/messages';
import { NotEnabledPage } from '../pages/not-enabled-page';
import { AskForHelp } from './ask-for-help';
import { MailActions } from './mail-actions';
import { connectToOffice, OfficeSsoError, type MailItem, type OfficeHost } from './office-host';

const useStyles = makeStyles({
  main: {
    minHeight: '100dvh',
    backgroundColor: tokens.colorNeutralBackground3,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalL,
    boxSizing: 'border-box',
    padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}`,
  },
  text: { margin: 0, overflowWrap: 'anywhere' },
});

type PaneState =
  | { readonly status: 'loading' }
  | { readonly status: 'no-office' }
  | { readonly status: 'no-sso' }
  | { readonly status: 'not-enabled' }
  | { readonly status: 'error' }
  | {
      readonly status: 'ready';
      readonly office: OfficeHost;
      readonly api: ApiClient;
      readonly item: MailItem | undefined;
      /** What the caller's organization has switched on. */
      readonly features: AppInfoResponse['features'];
    };

async function start(office: OfficeHost | undefined): Promise<PaneState> {
  if (!office) return { status: 'no-office' };
  const api = createApiClient(async () => `Bearer ${await office.getToken()}`);
  try {
    await api.getMe();
    const { features } = await api.getAppInfo();
    return { status: 'ready', office, api, item: await office.item(), features };
  } catch (error) {
    if (error instanceof OfficeSsoError) return { status: 'no-sso' };
    if (error instanceof ApiError && error.problem.type === PROBLEM_TYPES.tenantNotEnabled) {
      return { status: 'not-enabled' };
    }
    return { status: 'error' };
  }
}

function Content({ state, retry }: { state: PaneState; retry: () => void }) {
  const styles = useStyles();
  const { t } = useI18n();
  switch (state.status) {
    case 'loading':
      return <LoadingState />;
    case 'no-office':
      return <StatusPanel title={t('outlook.noOffice.title')} body={t('outlook.noOffice.body')} />;
    case 'no-sso':
      return <StatusPanel title={t('outlook.noSso.title')} body={t('outlook.noSso.body')} />;
    case 'not-enabled':
      return <NotEnabledPage />;
    case 'error':
      return <ErrorState onRetry={retry} />;
    case 'ready':
      return (
        <>
          <Title3 as="h1" className={styles.text}>
            {t('outlook.title')}
          </Title3>
          {state.item ? (
            <Subtitle1 as="h2" className={styles.text}>
              {state.item.subject
                ? t('outlook.mail.heading', { subject: state.item.subject })
                : t('outlook.mail.untitled')}
            </Subtitle1>
          ) : null}
          {state.item?.mode === 'read' && state.features.reps ? (
            <MailActions item={state.item} office={state.office} api={state.api} />
          ) : null}
          {state.item && state.features.helpRequests ? (
            <AskForHelp item={state.item} office={state.office} api={state.api} />
          ) : null}
          {state.item &&
          !state.features.helpRequests &&
          !(state.features.reps && state.item.mode === 'read') ? (
            <StatusPanel level={3} title={t('outlook.off.title')} body={t('outlook.off.body')} />
          ) : null}
          {state.item ? null : (
            <StatusPanel
              level={3}
              title={t('outlook.noItem.title')}
              body={t('outlook.noItem.body')}
            />
          )}
          <Body1 as="p" className={styles.text}>
            {t('outlook.privacy')}
          </Body1>
        </>
      );
  }
}

/** The whole pane. */
export function OutlookPane() {
  const styles = useStyles();
  const [office, setOffice] = useState<OfficeHost | undefined>(undefined);
  const [state, setState] = useState<PaneState>({ status: 'loading' });
  const [attempt, setAttempt] = useState(0);

  useEffect(() => {
    let current = true;
    void (async () => {
      const connected = await connectToOffice();
      const next = await start(connected);
      if (!current) return;
      setOffice(connected);
      setState(next);
    })();
    return () => {
      current = false;
    };
  }, [attempt]);

  const language = pickLanguage([office?.locale, ...navigator.languages]);
  return (
    <I18nProvider language={language}>
      <FluentProvider theme={teamsLightTheme}>
        {/* Not on the provider: Fluent copies its classes to popup portals, which would cover the pane. */}
        <main className={styles.main}>
          <Content
            state={state}
            retry={() => {
              setState({ status: 'loading' });
              setAttempt((count) => count + 1);
            }}
          />
        </main>
      </FluentProvider>
    </I18nProvider>
  );
}
