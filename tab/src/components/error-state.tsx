/** The friendly error state: what went wrong in plain words and a way to try again. */
import { Button } from '@fluentui/react-components';
import { useI18n } from '../i18n/i18n-context';
import { StatusPanel } from './status-panel';

/** Shows that loading failed, with a retry button. */
export function ErrorState({
  onRetry,
  level = 1,
}: {
  readonly onRetry: () => void;
  /** Heading level: 1 for the whole tab, 3 inside a page. @default 1 */
  readonly level?: 1 | 3;
}) {
  const { t } = useI18n();
  return (
    <StatusPanel title={t('error.title')} body={t('error.body')} level={level}>
      <Button appearance="primary" onClick={onRetry}>
        {t('error.retry')}
      </Button>
    </StatusPanel>
  );
}
