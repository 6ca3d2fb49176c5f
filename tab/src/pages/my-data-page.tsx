/**
 * My data: everything Spotter keeps about the person as a JSON or CSV download, and deleting
 * all of it after a confirmation.
 */
import {
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type { ExportFormat } from '../../../src/api/contracts';
import { PageHeading } from '../components/page-heading';
import { Section } from '../components/section';
import { StatusText } from '../components/status-text';
import { useI18n } from '../i18n/i18n-context';
import { useApi } from '../session/api-context';
import { forgetHistory } from './history-page';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  text: { margin: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  danger: {
    backgroundColor: tokens.colorStatusDangerBackground3,
    color: tokens.colorNeutralForegroundOnBrand,
    ':hover': {
      backgroundColor: tokens.colorStatusDangerBackground3Hover,
      color: tokens.colorNeutralForegroundOnBrand,
    },
    ':hover:active': {
      backgroundColor: tokens.colorStatusDangerBackground3Pressed,
      color: tokens.colorNeutralForegroundOnBrand,
    },
  },
});

/** Hands a downloaded file to the browser as a file to save. */
export function saveFile(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const link = document.createElement('a');
  link.href = url;
  link.download = filename;
  document.body.append(link);
  link.click();
  link.remove();
  // The browser has taken the file by the next task; the URL is then no longer needed.
  setTimeout(() => URL.revokeObjectURL(url), 0);
}

/** The My data page. */
export function MyDataPage() {
  const styles = useStyles();
  const { t } = useI18n();
  const api = useApi();
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');
  const [confirming, setConfirming] = useState(false);
  const [deleted, setDeleted] = useState(false);

  const download = async (format: ExportFormat) => {
    setBusy(true);
    setProblem('');
    try {
      const file = await api.downloadExport(format);
      saveFile(file.blob, file.filename);
      setStatus(t('myData.export.done', { filename: file.filename }));
    } catch {
      setStatus('');
      setProblem(t('myData.export.failed'));
    } finally {
      setBusy(false);
    }
  };

  const deleteEverything = async () => {
    setBusy(true);
    setProblem('');
    try {
      await api.deleteMyData();
      forgetHistory();
      setConfirming(false);
      setDeleted(true);
      setStatus(t('myData.delete.done'));
    } catch {
      setConfirming(false);
      setStatus('');
      setProblem(t('myData.delete.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <div className={styles.page}>
      <PageHeading>{t('nav.data')}</PageHeading>
      <Body1 as="p" className={styles.text}>
        {t('myData.intro')}
      </Body1>
      <Section title={t('myData.export.title')}>
        <Body1 as="p" className={styles.text}>
          {t('myData.export.body')}
        </Body1>
        <div className={styles.actions}>
          <Button appearance="primary" disabled={busy} onClick={() => void download('json')}>
            {t('myData.export.json')}
          </Button>
          <Button disabled={busy} onClick={() => void download('csv')}>
            {t('myData.export.csv')}
          </Button>
        </div>
      </Section>
      <Section title={t('myData.delete.title')}>
        <Body1 as="p" className={styles.text}>
          {t('myData.delete.body')}
        </Body1>
        <Dialog
          modalType="alert"
          open={confirming}
          onOpenChange={(_event, data) => setConfirming(data.open)}
        >
          <DialogTrigger disableButtonEnhancement>
            <Button className={styles.danger} disabled={busy || deleted}>
              {t('myData.delete.start')}
            </Button>
          </DialogTrigger>
          <DialogSurface>
            <DialogBody>
              <DialogTitle>{t('myData.delete.confirm.title')}</DialogTitle>
              <DialogContent>{t('myData.delete.confirm.body')}</DialogContent>
              <DialogActions>
                <DialogTrigger disableButtonEnhancement>
                  <Button appearance="secondary">{t('myData.delete.cancel')}</Button>
                </DialogTrigger>
                <Button
                  className={styles.danger}
                  disabled={busy}
                  onClick={() => void deleteEverything()}
                >
                  {t('myData.delete.confirm')}
                </Button>
              </DialogActions>
            </DialogBody>
          </DialogSurface>
        </Dialog>
      </Section>
      {problem && (
        <MessageBar intent="error">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <StatusText text={status} testId="data-status" />
    </div>
  );
}
