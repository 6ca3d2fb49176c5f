/**
 * This week: where the week stands (dates, streak, challenge), one-tap reps and the reflection.
 */
import { Body1, Body2, makeStyles, tokens } from '@fluentui/react-components';
import type { ThisWeekResponse } from '../../../src/api/contracts';
import type { Versioned } from '../api';
import { ErrorState } from '../components/error-state';
import { LoadingState } from '../components/loading-state';
import { PageHeading } from '../components/page-heading';
import { ReflectionForm } from '../components/reflection-form';
import { RepsPanel } from '../components/reps-panel';
import { Section } from '../components/section';
import { formatWeekSpan } from '../i18n/formats';
import { useI18n } from '../i18n/i18n-context';
import { isMessageKey } from '../i18n/messages';
import { useApi } from '../session/api-context';
import { useResource } from '../session/use-resource';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  text: { margin: 0, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground2 },
});

function WeekOverview({ week }: { week: ThisWeekResponse }) {
  const styles = useStyles();
  const { t, tp, language } = useI18n();
  const challengeKey = `challenge.${week.challenge.id}`;
  return (
    <Section title={t('week.overview')}>
      <Body1 as="p" className={`${styles.text} ${styles.muted}`}>
        {t('week.span', { span: formatWeekSpan(language, week.startsOn, week.endsOn) })}
      </Body1>
      <Body2 as="p" className={styles.text} data-testid="streak">
        {week.streak > 0 ? tp('week.streak', week.streak) : t('week.streak.none')}
      </Body2>
      {isMessageKey(challengeKey) && (
        <Body1 as="p" className={styles.text} data-testid="challenge">
          {t('week.challenge', { challenge: t(challengeKey) })}
        </Body1>
      )}
    </Section>
  );
}

/** The This week page; without `reps` (switched off by the organization), no reps panel. */
export function ThisWeekPage({ reps = true }: { readonly reps?: boolean }) {
  const styles = useStyles();
  const { t } = useI18n();
  const api = useApi();
  const week = useResource(() => api.getWeek(), 'week');
  const state = week.state;
  const replace = (next: Versioned<ThisWeekResponse>) => week.set(next);

  return (
    <div className={styles.page}>
      <PageHeading>{t('nav.week')}</PageHeading>
      {state.status === 'loading' && <LoadingState />}
      {state.status === 'error' && <ErrorState level={3} onRetry={week.reload} />}
      {state.status === 'ready' && (
        <>
          <WeekOverview week={state.value.value} />
          {reps && <RepsPanel week={state.value.value} onChange={replace} />}
          {/* A new week (the old one ended while the page was open) starts a fresh form. */}
          <ReflectionForm key={state.value.value.week} week={state.value} onChange={replace} />
        </>
      )}
    </div>
  );
}
