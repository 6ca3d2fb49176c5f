/**
 * Settings: the weekly reminder's day, time and time zone, a pause, and Spotter's language.
 * Quiet hours are kept as they are (they are set in the chat).
 */
import {
  Button,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Select,
  Switch,
  tokens,
} from '@fluentui/react-components';
import type { SettingsDto } from '../../../src/api/contracts';
import type { Versioned } from '../api';
import { ErrorState } from '../components/error-state';
import { LoadingState } from '../components/loading-state';
import { PageHeading } from '../components/page-heading';
import { ReminderFields } from '../components/reminder-fields';
import { Section } from '../components/section';
import { StatusText } from '../components/status-text';
import { useI18n } from '../i18n/i18n-context';
import { useChooseLanguage } from '../i18n/language-choice';
import { useApi } from '../session/api-context';
import { useResource } from '../session/use-resource';
import { useVersionedSave } from '../session/use-versioned-save';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  row: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(12rem, 1fr))',
    gap: tokens.spacingHorizontalL,
  },
  zone: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** Every time zone the browser knows, with the saved one even if it does not. */
function timeZones(saved: string): string[] {
  const known = Intl.supportedValuesOf('timeZone');
  return known.includes(saved) ? known : [saved, ...known];
}

function deviceTimeZone(): string {
  return Intl.DateTimeFormat().resolvedOptions().timeZone;
}

function SettingsForm({
  loaded,
  onSaved,
}: {
  loaded: Versioned<SettingsDto>;
  onSaved: (saved: Versioned<SettingsDto>) => void;
}) {
  const styles = useStyles();
  const { t } = useI18n();
  const api = useApi();
  const chooseLanguage = useChooseLanguage();
  const { draft, update, saving, status, problem, submit } = useVersionedSave({
    loaded,
    save: (settings, etag) => api.saveSettings(settings, etag),
    load: () => api.getSettings(),
    onSaved,
    afterSave: (saved) => chooseLanguage(saved.value.language),
    messages: {
      saved: 'settings.saved',
      conflict: 'settings.conflict',
      invalid: 'settings.invalid',
      failed: 'settings.failed',
    },
  });
  const device = deviceTimeZone();

  return (
    <form className={styles.form} onSubmit={submit}>
      <Section title={t('settings.reminder.title')}>
        <div className={styles.row}>
          <ReminderFields
            day={draft.reminderDay}
            time={draft.reminderTime}
            dayLabel={t('settings.day.label')}
            timeLabel={t('settings.time.label')}
            onDay={(reminderDay) => update({ reminderDay })}
            onTime={(reminderTime) => update({ reminderTime })}
          />
        </div>
        <div className={styles.zone}>
          <Field label={t('settings.zone.label')}>
            <Select
              value={draft.timeZone}
              onChange={(_event, data) => update({ timeZone: data.value })}
            >
              {timeZones(draft.timeZone).map((zone) => (
                <option key={zone} value={zone}>
                  {zone.replace(/_/g, ' ')}
                </option>
              ))}
            </Select>
          </Field>
          {device && device !== draft.timeZone && (
            <Button appearance="subtle" onClick={() => update({ timeZone: device })}>
              {t('settings.zone.useDevice', { zone: device.replace(/_/g, ' ') })}
            </Button>
          )}
        </div>
        <Switch
          checked={draft.paused}
          label={t('settings.paused.label')}
          onChange={(_event, data) => update({ paused: data.checked })}
        />
      </Section>
      <Section title={t('settings.language.title')}>
        <Field label={t('settings.language.label')} hint={t('settings.language.hint')}>
          <Select
            value={draft.language ?? 'host'}
            onChange={(_event, data) =>
              update({ language: data.value === 'en' || data.value === 'de' ? data.value : null })
            }
          >
            <option value="host">{t('settings.language.host')}</option>
            <option value="en" lang="en">
              English
            </option>
            <option value="de" lang="de">
              Deutsch
            </option>
          </Select>
        </Field>
      </Section>
      {problem && (
        <MessageBar intent="warning">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <div className={styles.actions}>
        <Button type="submit" appearance="primary" disabled={saving}>
          {t('settings.save')}
        </Button>
      </div>
      <StatusText text={status} testId="settings-status" />
    </form>
  );
}

/** The Settings page. */
export function SettingsPage() {
  const styles = useStyles();
  const { t } = useI18n();
  const api = useApi();
  const settings = useResource(() => api.getSettings(), 'settings');
  const state = settings.state;
  return (
    <div className={styles.page}>
      <PageHeading>{t('nav.settings')}</PageHeading>
      {state.status === 'loading' && <LoadingState />}
      {state.status === 'error' && <ErrorState level={3} onRetry={settings.reload} />}
      {state.status === 'ready' && <SettingsForm loaded={state.value} onSaved={settings.set} />}
    </div>
  );
}
