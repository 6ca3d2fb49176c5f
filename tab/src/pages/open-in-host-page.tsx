/**
 * Shown when a deployed Spotter is opened in a plain browser: it only knows who someone is
 * inside Teams, Outlook or the Microsoft 365 app, so it shows no data and points there.
 */
import { StatusPanel } from '../components/status-panel';
import { useI18n } from '../i18n/i18n-context';

/** Asks the user to open Spotter in a Microsoft 365 host. */
export function OpenInHostPage() {
  const { t } = useI18n();
  return <StatusPanel title={t('openInHost.title')} body={t('openInHost.body')} />;
}
