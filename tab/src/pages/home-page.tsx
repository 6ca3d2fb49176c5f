/** The home page: greets the user by name and says in one line what Spotter is for. */
import { Body1, Body2, makeStyles, mergeClasses, Title1, tokens } from '@fluentui/react-components';
import { useId } from 'react';
import type { MeResponse } from '../../../src/api/contracts';
import { Surface } from '../components/surface';
import { useI18n } from '../i18n/i18n-context';

const useStyles = makeStyles({
  text: { margin: 0, overflowWrap: 'anywhere' },
  note: { color: tokens.colorNeutralForeground3 },
});

/** Greets the signed-in user. */
export function HomePage({ me }: { readonly me: MeResponse }) {
  const styles = useStyles();
  const { t } = useI18n();
  const greetingId = useId();
  const name = me.givenName?.trim() || me.name;
  return (
    <Surface labelledBy={greetingId}>
      <Title1 as="h1" id={greetingId} className={styles.text}>
        {t('home.greeting', { name })}
      </Title1>
      <Body2 as="p" className={styles.text}>
        {t('home.description')}
      </Body2>
      <Body1 as="p" className={mergeClasses(styles.text, styles.note)}>
        {t('home.nextSteps')}
      </Body1>
    </Surface>
  );
}
