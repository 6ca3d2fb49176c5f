/** The tab's loading state: one spinner with a spoken label while the start-up runs. */
import { makeStyles, Spinner, tokens } from '@fluentui/react-components';
import { useI18n } from '../i18n/i18n-context';

const useStyles = makeStyles({
  loading: { paddingBlock: tokens.spacingVerticalXXXL },
});

/** Shows a labelled spinner. */
export function LoadingState() {
  const styles = useStyles();
  const { t } = useI18n();
  return <Spinner className={styles.loading} label={t('loading.label')} />;
}
