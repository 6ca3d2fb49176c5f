/**
 * One week in full, opened from the history: the three answers and the week's reps.
 */
import { Body1, Link, makeStyles, tokens } from '@fluentui/react-components';
import type { WeekResponse } from '../../../src/api/contracts';
import { ErrorState } from '../components/error-state';
import { LoadingState } from '../components/loading-state';
import { PageHeading } from '../components/page-heading';
import { Section } from '../components/section';
import { StatusPanel } from '../components/status-panel';
import { formatMoment, formatWeekSpan, weekNumber } from '../i18n/formats';
import { useI18n } from '../i18n/i18n-context';
import { hrefOf } from '../navigation/route';
import { useApi } from '../session/api-context';
import { useResource } from '../session/use-resource';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  text: { margin: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  muted: { margin: 0, color: tokens.colorNeutralForeground2 },
  terms: { margin: 0, display: 'grid', gap: tokens.spacingVerticalS },
  term: { fontWeight: tokens.fontWeightSemibold },
  definition: { margin: 0, overflowWrap: 'anywhere', whiteSpace: 'pre-wrap' },
  list: { margin: 0, paddingInlineStart: tokens.spacingHorizontalXL },
});

function WeekDetail({ week }: { week: WeekResponse }) {
  const styles = useStyles();
  const { t, language } = useI18n();
  const reflection = week.reflection;
  const none = t('detail.none');
  const names = (people: readonly { name: string }[]) =>
    people.length > 0 ? people.map((person) => person.name).join(', ') : none;
  return (
    <>
      <Section title={t('reflection.title')}>
        {reflection ? (
          <dl className={styles.terms}>
            <dt className={styles.term}>{t('reflect.helpedBy.label')}</dt>
            <dd className={styles.definition}>{names(reflection.helpedBy)}</dd>
            <dt className={styles.term}>{t('reflect.yesCount.label')}</dt>
            <dd className={styles.definition}>
              {reflection.yesCount === null ? none : String(reflection.yesCount)}
            </dd>
            <dt className={styles.term}>{t('reflect.holdingAlone.label')}</dt>
            <dd className={styles.definition}>{reflection.holdingAlone || none}</dd>
            <dt className={styles.term}>{t('reflect.connected.label')}</dt>
            <dd className={styles.definition}>{names(reflection.connected)}</dd>
          </dl>
        ) : (
          <Body1 as="p" className={styles.muted}>
            {t('detail.noReflection')}
          </Body1>
        )}
        {reflection?.completedAt && (
          <Body1 as="p" className={styles.muted}>
            {t('reflection.completedAt', { when: formatMoment(language, reflection.completedAt) })}
          </Body1>
        )}
      </Section>
      <Section title={t('reps.title')}>
        {week.reps.length === 0 ? (
          <Body1 as="p" className={styles.muted}>
            {t('detail.noReps')}
          </Body1>
        ) : (
          <ul className={styles.list}>
            {week.reps.map((rep) => (
              <li key={rep.id}>
                <Body1>
                  {t('detail.rep', {
                    kind: t(`reps.kind.${rep.kind}`),
                    when: formatMoment(language, rep.at),
                  })}
                  {rep.note ? ` — ${rep.note}` : ''}
                </Body1>
              </li>
            ))}
          </ul>
        )}
      </Section>
    </>
  );
}

/** The page of one week. */
export function ReflectionPage({ week }: { readonly week: string }) {
  const styles = useStyles();
  const { t, language } = useI18n();
  const api = useApi();
  const detail = useResource(() => api.getReflection(week), week);
  const state = detail.state;

  return (
    <div className={styles.page}>
      <Link href={hrefOf({ page: 'history' })}>{t('detail.back')}</Link>
      {state.status === 'ready' ? (
        <PageHeading>
          {t('history.week', {
            number: String(weekNumber(state.value.week)),
            span: formatWeekSpan(language, state.value.startsOn, state.value.endsOn),
          })}
        </PageHeading>
      ) : (
        <PageHeading>{t('detail.title')}</PageHeading>
      )}
      {state.status === 'loading' && <LoadingState />}
      {state.status === 'error' && state.httpStatus === 404 && (
        <StatusPanel
          level={3}
          title={t('detail.notFound.title')}
          body={t('detail.notFound.body')}
        />
      )}
      {state.status === 'error' && state.httpStatus !== 404 && (
        <ErrorState level={3} onRetry={detail.reload} />
      )}
      {state.status === 'ready' && <WeekDetail week={state.value} />}
    </div>
  );
}
