/**
 * Admin: for the organization's Spotter admins only — this week in anonymous figures, the
 * organization's defaults and feature switches, the retention of reflections, and the audit log
 * of admin changes.
 *
 * @remarks
 * The server decides who is an admin and answers 403 to anyone else; the tab only hides the
 * page from the navigation. Figures from fewer than five people arrive as "fewer than 5" and are
 * shown that way: the page never has a name or anyone's words to show.
 */
import {
  Body1,
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { PrivateFigure, WeeklyAggregates } from '../../../src/domain/privacy';
import { ErrorState } from '../components/error-state';
import { LoadingState } from '../components/loading-state';
import { PageHeading } from '../components/page-heading';
import { Section } from '../components/section';
import { StatusText } from '../components/status-text';
import { formatMoment } from '../i18n/formats';
import { useI18n } from '../i18n/i18n-context';
import { isMessageKey, type MessageKey } from '../i18n/messages';
import { useApi } from '../session/api-context';
import { useResource } from '../session/use-resource';
import { OrgDefaults } from './admin-org-defaults';
import { saveFile } from './my-data-page';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  text: { margin: 0 },
  figures: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(12rem, 1fr))',
    gap: tokens.spacingHorizontalM,
    margin: 0,
  },
  figure: { display: 'flex', flexDirection: 'column-reverse', margin: 0 },
  value: {
    margin: 0,
    fontSize: tokens.fontSizeBase500,
    lineHeight: tokens.lineHeightBase500,
    fontWeight: tokens.fontWeightSemibold,
  },
  actions: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalS },
  log: {
    listStyleType: 'none',
    margin: 0,
    padding: 0,
    display: 'grid',
    gap: tokens.spacingVerticalS,
  },
  muted: { color: tokens.colorNeutralForeground2 },
});

const FIGURES: ReadonlyArray<[keyof WeeklyAggregates, MessageKey]> = [
  ['activePeople', 'admin.figures.activePeople'],
  ['reflectionsCompleted', 'admin.figures.reflectionsCompleted'],
  ['requestsSent', 'admin.figures.requestsSent'],
  ['requestsAccepted', 'admin.figures.requestsAccepted'],
  ['thanks', 'admin.figures.thanks'],
];

/** Retention periods offered, in months; "" keeps reflections. */
const RETENTION_CHOICES = ['', '3', '6', '12', '24', '36'] as const;

function Figures() {
  const styles = useStyles();
  const { t } = useI18n();
  const api = useApi();
  const figures = useResource(() => api.getAggregates(), 'aggregates');
  const state = figures.state;
  const shown = (figure: PrivateFigure) =>
    figure === 'fewer-than-5' ? t('admin.figures.fewerThan5') : String(figure);

  return (
    <Section title={t('admin.figures.title')}>
      <Body1 as="p" className={styles.text}>
        {t('admin.figures.body')}
      </Body1>
      {state.status === 'loading' && <LoadingState />}
      {state.status === 'error' && <ErrorState level={3} onRetry={figures.reload} />}
      {state.status === 'ready' && (
        <dl className={styles.figures} data-testid="admin-figures">
          {FIGURES.map(([name, label]) => (
            <div key={name} className={styles.figure}>
              <dt className={styles.muted}>{t(label)}</dt>
              <dd className={styles.value}>{shown(state.value[name])}</dd>
            </div>
          ))}
        </dl>
      )}
    </Section>
  );
}

function Retention({ onChanged }: { readonly onChanged: () => void }) {
  const styles = useStyles();
  const { t } = useI18n();
  const api = useApi();
  const retention = useResource(() => api.getRetention(), 'retention');
  const [choice, setChoice] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');
  const state = retention.state;

  useEffect(() => {
    if (state.status === 'ready')
      setChoice(state.value.months === null ? '' : String(state.value.months));
  }, [state]);

  const save = async () => {
    setBusy(true);
    setProblem('');
    try {
      const saved = await api.saveRetention({ months: choice === '' ? null : Number(choice) });
      retention.set(saved);
      setStatus(t('admin.retention.saved'));
      onChanged();
    } catch {
      setStatus('');
      setProblem(t('admin.retention.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('admin.retention.title')}>
      <Body1 as="p" className={styles.text}>
        {t('admin.retention.body')}
      </Body1>
      {state.status === 'loading' && <LoadingState />}
      {state.status === 'error' && <ErrorState level={3} onRetry={retention.reload} />}
      {state.status === 'ready' && (
        <div className={styles.actions}>
          <Field label={t('admin.retention.label')}>
            <Select value={choice} onChange={(_event, data) => setChoice(data.value)}>
              {RETENTION_CHOICES.map((months) => (
                <option key={months} value={months}>
                  {months === ''
                    ? t('admin.retention.off')
                    : t('admin.retention.months', { months })}
                </option>
              ))}
            </Select>
          </Field>
          <Button appearance="primary" disabled={busy} onClick={() => void save()}>
            {t('admin.retention.save')}
          </Button>
        </div>
      )}
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <StatusText text={status} testId="admin-retention-status" />
    </Section>
  );
}

function AuditLog({ version }: { readonly version: number }) {
  const styles = useStyles();
  const { t, language } = useI18n();
  const api = useApi();
  const log = useResource(() => api.listAudit(), `audit-${version}`);
  const [problem, setProblem] = useState('');
  const state = log.state;

  const download = async () => {
    setProblem('');
    try {
      const file = await api.downloadAuditLog();
      saveFile(file.blob, file.filename);
    } catch {
      setProblem(t('admin.audit.failed'));
    }
  };
  const actionOf = (action: string) => {
    const key = `admin.audit.action.${action}`;
    return isMessageKey(key) ? t(key) : action;
  };

  return (
    <Section
      title={t('admin.audit.title')}
      aside={<Button onClick={() => void download()}>{t('admin.audit.download')}</Button>}
    >
      {state.status === 'loading' && <LoadingState />}
      {state.status === 'error' && <ErrorState level={3} onRetry={log.reload} />}
      {state.status === 'ready' && state.value.items.length === 0 && (
        <Body1 as="p" className={styles.text}>
          {t('admin.audit.empty')}
        </Body1>
      )}
      {state.status === 'ready' && state.value.items.length > 0 && (
        <ul className={styles.log} data-testid="admin-audit">
          {state.value.items.map((entry, index) => (
            <li key={`${index}-${entry.at}`}>
              <Body1>
                {t('admin.audit.entry', {
                  when: formatMoment(language, entry.at),
                  what: actionOf(entry.action),
                  details: Object.entries(entry.details)
                    .map(([name, value]) => `${name}: ${String(value)}`)
                    .join(', '),
                })}
              </Body1>
            </li>
          ))}
        </ul>
      )}
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
    </Section>
  );
}

/** The Admin page. */
export function AdminPage() {
  const styles = useStyles();
  const { t } = useI18n();
  const [auditVersion, setAuditVersion] = useState(0);

  return (
    <div className={styles.page}>
      <PageHeading>{t('nav.admin')}</PageHeading>
      <Body1 as="p" className={styles.text}>
        {t('admin.intro')}
      </Body1>
      <Figures />
      <OrgDefaults onChanged={() => setAuditVersion((version) => version + 1)} />
      <Retention onChanged={() => setAuditVersion((version) => version + 1)} />
      <AuditLog version={auditVersion} />
    </div>
  );
}
