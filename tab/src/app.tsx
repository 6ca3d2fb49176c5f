/**
 * The tab's shell: language, theme and the page for where the start-up stands; once signed in,
 * the header, the navigation and the current page.
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
import { useEffect, useState } from 'react';
import { ErrorState } from './components/error-state';
import { LoadingState } from './components/loading-state';
import { ThemeKindContext, useHostTheme, type ThemeKind } from './host/use-host-theme';
import type { HostInfo } from './host/host-context';
import { I18nProvider } from './i18n/i18n-context';
import { LanguageChoiceContext } from './i18n/language-choice';
import { pickLanguage, type Language } from './i18n/messages';
import { NotEnabledPage } from './pages/not-enabled-page';
import { OpenInHostPage } from './pages/open-in-host-page';
import { SignedIn } from './signed-in';
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
    maxWidth: '56rem',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalXXL} ${tokens.spacingHorizontalXXL}`,
    '@media (max-width: 480px)': {
      padding: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalM}`,
    },
  },
});

function Content({
  state,
  host,
  retry,
}: {
  state: SessionState;
  host: HostInfo | undefined;
  retry: () => void;
}) {
  switch (state.status) {
    case 'loading':
      return <LoadingState />;
    case 'ready':
      return <SignedIn me={state.me} api={state.api} host={host} />;
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
  const [chosenLanguage, chooseLanguage] = useState<Language | null>(null);
  const language =
    chosenLanguage ?? pickLanguage([host?.locale, ...navigator.languages, navigator.language]);

  useEffect(() => {
    // Lets the browser draw scrollbars and the overscroll area in the matching scheme.
    document.documentElement.style.colorScheme = theme === 'light' ? 'light' : 'dark';
  }, [theme]);

  return (
    <I18nProvider language={language}>
      <LanguageChoiceContext value={chooseLanguage}>
        <FluentProvider
          theme={fluentThemes[theme]}
          className={styles.shell}
          data-theme={theme}
          data-host={host?.name ?? 'none'}
        >
          <ThemeKindContext value={theme}>
            <main className={styles.main}>
              <Content state={state} host={host} retry={retry} />
            </main>
          </ThemeKindContext>
        </FluentProvider>
      </LanguageChoiceContext>
    </I18nProvider>
  );
}
