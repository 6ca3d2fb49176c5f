/**
 * The tab's shell: language, theme and the page for where the start-up stands. Later pages
 * (This week, History, Trends, People, Requests, Settings, My data) slot in beside the home page.
 */
import {
  FluentProvider,
  makeStyles,
  teamsDarkTheme,
  teamsHighContrastTheme,
  teamsLightTheme,
  tokens,
  type Theme,
} from '@fluentui/react-components';
import { useEffect } from 'react';
import { DevIdentityBanner } from './components/dev-identity-banner';
import { ErrorState } from './components/error-state';
import { LoadingState } from './components/loading-state';
import { useHostTheme, type ThemeKind } from './host/use-host-theme';
import { I18nProvider } from './i18n/i18n-context';
import { pickLanguage } from './i18n/messages';
import { HomePage } from './pages/home-page';
import { NotEnabledPage } from './pages/not-enabled-page';
import { OpenInHostPage } from './pages/open-in-host-page';
import { useSession, type SessionState } from './session/use-session';

const fluentThemes: Readonly<Record<ThemeKind, Theme>> = {
  light: teamsLightTheme,
  dark: teamsDarkTheme,
  contrast: teamsHighContrastTheme,
};

const useStyles = makeStyles({
  shell: {
    minHeight: '100dvh',
    // Teams' own canvas colour, so the tab sits in the host without a visible seam.
    backgroundColor: tokens.colorNeutralBackground3,
  },
  main: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXL,
    boxSizing: 'border-box',
    maxWidth: '48rem',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`,
    '@media (max-width: 480px)': {
      padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalL}`,
    },
  },
});

function Content({ state, retry }: { state: SessionState; retry: () => void }) {
  switch (state.status) {
    case 'loading':
      return <LoadingState />;
    case 'ready':
      return (
        <>
          {state.me.devIdentity && <DevIdentityBanner />}
          <HomePage me={state.me} />
        </>
      );
    case 'needs-host':
      return <OpenInHostPage />;
    case 'not-enabled':
      return <NotEnabledPage />;
    case 'error':
      return <ErrorState onRetry={retry} />;
  }
}

/** The whole tab. */
export function App() {
  const styles = useStyles();
  const { host, state, retry } = useSession();
  const theme = useHostTheme(host);
  const language = pickLanguage([host?.locale, ...navigator.languages, navigator.language]);

  useEffect(() => {
    // Lets the browser draw scrollbars and the overscroll area in the matching scheme.
    document.documentElement.style.colorScheme = theme === 'light' ? 'light' : 'dark';
  }, [theme]);

  return (
    <I18nProvider language={language}>
      <FluentProvider
        theme={fluentThemes[theme]}
        className={styles.shell}
        data-theme={theme}
        data-host={host?.name ?? 'none'}
      >
        <main className={styles.main}>
          <Content state={state} retry={retry} />
        </main>
      </FluentProvider>
    </I18nProvider>
  );
}
