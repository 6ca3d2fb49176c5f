/**
 * Trends: reps per week and the streak, each as a chart and as a table with the same numbers.
 *
 * @remarks
 * The charts come from a lazily loaded module, so the tab's first load stays small; the tables
 * are part of the page itself, so the numbers are there for everyone even before (or without)
 * the charts.
 */
import {
  Body1,
  Body2,
  makeStyles,
  Select,
  Field,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import { lazy, Suspense, useId, useState, type ReactNode } from 'react';
import { REP_KINDS, type TrendsResponse } from '../../../src/api/contracts';
import { ErrorState } from '../components/error-state';
import { LoadingState } from '../components/loading-state';
import { PageHeading } from '../components/page-heading';
import { Section } from '../components/section';
import type { ChartWeek } from '../components/trend-chart';
import { formatShortDate, formatWeekSpan } from '../i18n/formats';
import { useI18n } from '../i18n/i18n-context';
import { useApi } from '../session/api-context';
import { useResource } from '../session/use-resource';

const TrendChart = lazy(() => import('../components/trend-chart'));

/** The spans offered, in weeks. */
export const TREND_SPANS = [12, 26, 52, 260] as const;

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  stats: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(9rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: 0,
  },
  stat: { display: 'flex', flexDirection: 'column-reverse', gap: tokens.spacingVerticalXXS },
  statValue: {
    margin: 0,
    fontSize: tokens.fontSizeHero700,
    lineHeight: tokens.lineHeightHero700,
    fontWeight: tokens.fontWeightSemibold,
  },
  statLabel: { color: tokens.colorNeutralForeground2 },
  span: { maxWidth: '16rem' },
  chart: {
    minHeight: '260px',
    minWidth: 0,
    // The chart library capitalises every legend word, which reads oddly in sentences and German.
    '& button *': { textTransform: 'none' },
  },
  details: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  summary: {
    cursor: 'pointer',
    color: tokens.colorBrandForegroundLink,
    width: 'fit-content',
    ':focus-visible': {
      outline: `${tokens.strokeWidthThick} solid ${tokens.colorStrokeFocus2}`,
      borderRadius: tokens.borderRadiusMedium,
    },
  },
  tableWrap: { overflowX: 'auto', maxHeight: '24rem', overflowY: 'auto' },
  table: { minWidth: '18rem' },
});

function TableAlternative({ title, children }: { title: string; children: ReactNode }) {
  const styles = useStyles();
  const { t } = useI18n();
  return (
    <details className={styles.details}>
      <summary className={styles.summary}>
        <Body1>{t('trends.table.show')}</Body1>
      </summary>
      {/* The wrapper scrolls a long table; it takes focus so keyboards can scroll it too. */}
      <div
        className={styles.tableWrap}
        tabIndex={0}
        role="region"
        aria-label={t('trends.table.region', { title })}
      >
        {children}
      </div>
    </details>
  );
}

function Trends({ trends }: { trends: TrendsResponse }) {
  const styles = useStyles();
  const { t, tp, language } = useI18n();
  const long = trends.weeks.length > 52;
  const label = (startsOn: string) => (long ? startsOn : formatShortDate(language, startsOn));
  const chartWeeks: ChartWeek[] = trends.weeks.map((week) => ({
    label: label(week.startsOn),
    reps: week.reps,
    streak: week.streak,
  }));
  const legends = {
    asked: t('reps.kind.asked'),
    accepted: t('reps.kind.accepted'),
    thanked: t('reps.kind.thanked'),
    streak: t('trends.streak.legend'),
  };
  const rows = [...trends.weeks].reverse();

  return (
    <>
      <dl className={styles.stats}>
        <div className={styles.stat}>
          <dt className={styles.statLabel}>{t('trends.stat.streak')}</dt>
          <dd className={styles.statValue}>{trends.streak}</dd>
        </div>
        <div className={styles.stat}>
          <dt className={styles.statLabel}>{t('trends.stat.longest')}</dt>
          <dd className={styles.statValue}>{trends.longestStreak}</dd>
        </div>
        <div className={styles.stat}>
          <dt className={styles.statLabel}>{t('trends.stat.practised')}</dt>
          <dd className={styles.statValue}>{trends.practisedWeeks}</dd>
        </div>
      </dl>
      <Section title={t('trends.reps.title')}>
        <Body2 as="p">{t('trends.reps.intro')}</Body2>
        <div className={styles.chart}>
          <Suspense fallback={<LoadingState />}>
            <TrendChart
              kind="reps"
              weeks={chartWeeks}
              title={t('trends.reps.title')}
              legends={legends}
            />
          </Suspense>
        </div>
        <TableAlternative title={t('trends.reps.title')}>
          <Table className={styles.table} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('trends.table.week')}</TableHeaderCell>
                {REP_KINDS.map((kind) => (
                  <TableHeaderCell key={kind}>{legends[kind]}</TableHeaderCell>
                ))}
                <TableHeaderCell>{t('trends.table.total')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((week) => (
                <TableRow key={week.week}>
                  <TableCell>{formatWeekSpan(language, week.startsOn, week.endsOn)}</TableCell>
                  {REP_KINDS.map((kind) => (
                    <TableCell key={kind}>{week.reps[kind]}</TableCell>
                  ))}
                  <TableCell>{week.reps.total}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableAlternative>
      </Section>
      <Section title={t('trends.streak.title')}>
        <Body2 as="p">
          {trends.streak > 0 ? tp('week.streak', trends.streak) : t('week.streak.none')}
        </Body2>
        <div className={styles.chart}>
          <Suspense fallback={<LoadingState />}>
            <TrendChart
              kind="streak"
              weeks={chartWeeks}
              title={t('trends.streak.title')}
              legends={legends}
            />
          </Suspense>
        </div>
        <TableAlternative title={t('trends.streak.title')}>
          <Table className={styles.table} size="small">
            <TableHeader>
              <TableRow>
                <TableHeaderCell>{t('trends.table.week')}</TableHeaderCell>
                <TableHeaderCell>{t('trends.table.practised')}</TableHeaderCell>
                <TableHeaderCell>{t('trends.streak.legend')}</TableHeaderCell>
              </TableRow>
            </TableHeader>
            <TableBody>
              {rows.map((week) => (
                <TableRow key={week.week}>
                  <TableCell>{formatWeekSpan(language, week.startsOn, week.endsOn)}</TableCell>
                  <TableCell>
                    {week.streak > 0 ? t('trends.table.yes') : t('trends.table.no')}
                  </TableCell>
                  <TableCell>{week.streak}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </TableAlternative>
      </Section>
    </>
  );
}

/** The Trends page. */
export function TrendsPage() {
  const styles = useStyles();
  const { t, tp } = useI18n();
  const api = useApi();
  const [span, setSpan] = useState<number>(TREND_SPANS[0]);
  const trends = useResource(() => api.getTrends(span), `trends/${span}`);
  const spanId = useId();
  const state = trends.state;

  return (
    <div className={styles.page}>
      <PageHeading>{t('nav.trends')}</PageHeading>
      <Field label={t('trends.span.label')} className={styles.span}>
        <Select
          id={spanId}
          value={String(span)}
          onChange={(_event, data) => setSpan(Number(data.value))}
        >
          {TREND_SPANS.map((weeks) => (
            <option key={weeks} value={weeks}>
              {tp('trends.span', weeks)}
            </option>
          ))}
        </Select>
      </Field>
      {state.status === 'loading' && <LoadingState />}
      {state.status === 'error' && <ErrorState level={3} onRetry={trends.reload} />}
      {state.status === 'ready' && <Trends trends={state.value} />}
    </div>
  );
}
