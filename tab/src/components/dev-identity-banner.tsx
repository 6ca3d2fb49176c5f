/**
 * Marks every page rendered for the local development identity, so test data is never mistaken
 * for a real account.
 */
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { useI18n } from '../i18n/i18n-context';

/** A warning bar saying the tab runs as the local development identity. */
export function DevIdentityBanner() {
  const { t } = useI18n();
  return (
    <MessageBar intent="warning" layout="multiline" data-testid="dev-identity-banner">
      <MessageBarBody>
        <MessageBarTitle>{t('devBanner.title')}</MessageBarTitle> {t('devBanner.body')}
      </MessageBarBody>
    </MessageBar>
  );
}
