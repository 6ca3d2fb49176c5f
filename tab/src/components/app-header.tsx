/**
 * The top of every signed-in page: a greeting by name, one line on what Spotter is for, and a
 * way to the chat with Spotter where the host can open it.
 */
import { Body1, Button, makeStyles, Title2, tokens } from '@fluentui/react-components';
import type { MeResponse } from '../../../src/api/contracts';
import { useI18n } from '../i18n/i18n-context';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'flex-end',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalL,
  },
  text: { margin: 0, overflowWrap: 'anywhere' },
  intro: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  note: { color: tokens.colorNeutralForeground2 },
});

/** Props of `AppHeader`. */
export interface AppHeaderProps {
  /** The signed-in user. */
  readonly me: MeResponse;
  /** Opens the chat with Spotter; absent when the host cannot. */
  readonly onOpenChat?: (() => void) | undefined;
}

/** Greets the signed-in user. */
export function AppHeader({ me, onOpenChat }: AppHeaderProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const name = me.givenName?.trim() || me.name;
  return (
    <header className={styles.header}>
      <div className={styles.intro}>
        <Title2 as="h1" className={styles.text}>
          {t('home.greeting', { name })}
        </Title2>
        <Body1 as="p" className={`${styles.text} ${styles.note}`}>
          {t('home.description')}
        </Body1>
      </div>
      {onOpenChat && (
        <Button appearance="secondary" onClick={onOpenChat}>
          {t('header.openChat')}
        </Button>
      )}
    </header>
  );
}
