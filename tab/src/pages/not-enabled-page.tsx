/** Shown when the user's organization has not enabled Spotter: no data, and who can change it. */
import { StatusPanel } from '../components/status-panel';
import { useI18n } from '../i18n/i18n-context';

/** Explains that an admin needs to enable Spotter first. */
export function NotEnabledPage() {
  const { t } = useI18n();
  return <StatusPanel title={t('notEnabled.title')} body={t('notEnabled.body')} />;
}
