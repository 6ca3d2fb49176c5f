/**
 * Everything a signed-in person sees: the header, the navigation and the current page.
 *
 * @remarks
 * After a navigation by link (a history entry, a person, the back button) focus moves to the
 * new page's heading, so keyboard and screen-reader users land where the content is; a change
 * of tab leaves focus on the tab list, where arrow keys keep working.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { AppInfoResponse, MeResponse } from '../../src/api/contracts';
import type { ApiClient } from './api';
import { AppHeader } from './components/app-header';
import { AppNav, tabIdOf } from './components/app-nav';
import { DevIdentityBanner } from './components/dev-identity-banner';
import { PAGE_HEADING_ID } from './components/page-heading';
import { openBotChat, type HostInfo } from './host/host-context';
import { useChooseLanguage } from './i18n/language-choice';
import { hrefOf, navPageOf, PAGES, type PageName, type Route } from './navigation/route';
import { useRoute } from './navigation/use-route';
import { HistoryPage } from './pages/history-page';
import { MyDataPage } from './pages/my-data-page';
import { PeoplePage } from './pages/people-page';
import { ReflectionPage } from './pages/reflection-page';
import { RequestsPage } from './pages/requests-page';
import { AdminPage } from './pages/admin-page';
import { SettingsPage } from './pages/settings-page';
import { ThisWeekPage } from './pages/this-week-page';
import { TrendsPage } from './pages/trends-page';
import { ApiProvider } from './session/api-context';

/** Props of `SignedIn`. */
export interface SignedInProps {
  /** The signed-in user. */
  readonly me: MeResponse;
  /** The API client signed in as them. */
  readonly api: ApiClient;
  /** The host, when there is one. */
  readonly host: HostInfo | undefined;
}

function PageFor({
  route,
  navigate,
  appInfo,
}: {
  route: Route;
  navigate: (route: Route) => void;
  appInfo: AppInfoResponse | undefined;
}) {
  switch (route.page) {
    case 'week':
      return <ThisWeekPage reps={appInfo?.features.reps !== false} />;
    case 'history':
      return <HistoryPage route={route} navigate={navigate} />;
    case 'reflection':
      return <ReflectionPage week={route.week} />;
    case 'trends':
      return <TrendsPage />;
    case 'people':
      return <PeoplePage />;
    case 'settings':
      return <SettingsPage />;
    case 'data':
      return <MyDataPage />;
    case 'requests':
      return <RequestsPage />;
    case 'admin':
      return <AdminPage />;
  }
}

/** The signed-in tab. */
export function SignedIn({ me, api, host }: SignedInProps) {
  const { route: requested, navigate } = useRoute();
  const chooseLanguage = useChooseLanguage();
  const [appInfo, setAppInfo] = useState<AppInfoResponse>();
  const focusHeading = useRef(false);
  const requestsOff = appInfo !== undefined && !appInfo.features.helpRequests;
  // A link to Requests on a deployment without them, or to Admin for a non-admin, lands on
  // This week.
  const route: Route =
    (requested.page === 'requests' && requestsOff) || (requested.page === 'admin' && !me.admin)
      ? { page: 'week' }
      : requested;
  const tabTarget = useRef<string | undefined>(undefined);

  useEffect(() => {
    // Both are extras: without them the tab still works, in the host's language, without links.
    api.getSettings().then(
      (settings) => chooseLanguage(settings.value.language),
      () => undefined,
    );
    api.getAppInfo().then(setAppInfo, () => undefined);
  }, [api, chooseLanguage]);

  useEffect(() => {
    const onHashChange = () => {
      focusHeading.current = window.location.hash !== tabTarget.current;
      tabTarget.current = undefined;
    };
    window.addEventListener('hashchange', onHashChange);
    return () => window.removeEventListener('hashchange', onHashChange);
  }, []);

  useEffect(() => {
    if (!focusHeading.current) return;
    focusHeading.current = false;
    document.getElementById(PAGE_HEADING_ID)?.focus({ preventScroll: true });
  }, [route]);

  const selectPage = useCallback(
    (page: PageName) => {
      // The tab list keeps focus: this change comes from it.
      tabTarget.current = hrefOf({ page });
      navigate({ page });
    },
    [navigate],
  );

  const pages = PAGES.filter(
    (page) =>
      (page !== 'requests' || appInfo?.features.helpRequests) && (page !== 'admin' || me.admin),
  );
  const current = navPageOf(route);
  const botId = appInfo?.botId;
  const openChat =
    host?.canOpenChat && botId ? () => void openBotChat(botId).catch(() => undefined) : undefined;

  return (
    <ApiProvider api={api}>
      {me.devIdentity && <DevIdentityBanner />}
      <AppHeader me={me} onOpenChat={openChat} />
      <AppNav pages={pages} current={current} onSelect={selectPage} />
      <div id="page-panel" role="tabpanel" aria-labelledby={tabIdOf(current)}>
        <PageFor route={route} navigate={navigate} appInfo={appInfo} />
      </div>
    </ApiProvider>
  );
}
