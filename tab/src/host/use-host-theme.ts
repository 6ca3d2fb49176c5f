/**
 * The theme the tab should wear right now, following the host's theme inside Teams, Outlook or
 * the Microsoft 365 app, and the operating system's colour and contrast settings outside one.
 * Both change live, without a reload.
 */
import { createContext, useContext, useEffect, useState } from 'react';
import { onHostThemeChange, type HostInfo } from './host-context';

/** The three looks the tab has. */
export type ThemeKind = 'light' | 'dark' | 'contrast';

/** The look in use, for the few parts that pick colours themselves (charts). */
export const ThemeKindContext = createContext<ThemeKind>('light');

/** The look in use. */
export function useThemeKind(): ThemeKind {
  return useContext(ThemeKindContext);
}

const darkQuery = '(prefers-color-scheme: dark)';
// Forced colours (Windows contrast themes) count as a request for high contrast too.
const contrastQuery = '(prefers-contrast: more), (forced-colors: active)';

/** Maps a host theme name to ours; names we do not know yet (such as `glass`) look light. */
export function themeFromHost(theme: string): ThemeKind {
  if (theme === 'dark') return 'dark';
  if (theme === 'contrast') return 'contrast';
  return 'light';
}

function themeFromMedia(): ThemeKind {
  if (window.matchMedia(contrastQuery).matches) return 'contrast';
  return window.matchMedia(darkQuery).matches ? 'dark' : 'light';
}

/**
 * Follows the host's theme when there is a host, the system's otherwise (also while the host
 * connection is still being made).
 */
export function useHostTheme(host: HostInfo | undefined): ThemeKind {
  const [mediaTheme, setMediaTheme] = useState(themeFromMedia);
  // Remembers which host a live change came from, so a new connection starts from its own theme.
  const [hostChange, setHostChange] = useState<{ host: HostInfo; theme: ThemeKind }>();

  useEffect(() => {
    if (host) {
      return onHostThemeChange((theme) => setHostChange({ host, theme: themeFromHost(theme) }));
    }
    const queries = [window.matchMedia(darkQuery), window.matchMedia(contrastQuery)];
    const update = () => setMediaTheme(themeFromMedia());
    update();
    for (const query of queries) query.addEventListener('change', update);
    return () => {
      for (const query of queries) query.removeEventListener('change', update);
    };
  }, [host]);

  if (!host) return mediaTheme;
  return hostChange?.host === host ? hostChange.theme : themeFromHost(host.theme);
}
