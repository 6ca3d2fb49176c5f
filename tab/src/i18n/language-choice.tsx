/**
 * The language the person chose in their settings, which wins over the host's locale. The shell
 * owns it; the signed-in part sets it from the settings, and the Settings page when it saves.
 */
import { createContext, useContext } from 'react';
import type { Language } from './messages';

/** Sets the chosen language; null follows the host again. */
export type ChooseLanguage = (language: Language | null) => void;

/** Carries the setter from the shell to the pages. */
export const LanguageChoiceContext = createContext<ChooseLanguage>(() => undefined);

/** The setter of the chosen language. */
export function useChooseLanguage(): ChooseLanguage {
  return useContext(LanguageChoiceContext);
}
