/**
 * Light reps in one tap: the three kinds, an optional note, the week's counts and an undo of
 * the last one, the same record the chat's `log` writes.
 */
import {
  Body1,
  Button,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import {
  INPUT_LIMITS,
  PROBLEM_TYPES,
  REP_KINDS,
  type RepKind,
  type ThisWeekResponse,
} from '../../../src/api/contracts';
import { ApiError, type Versioned } from '../api';
import { useI18n } from '../i18n/i18n-context';
import { useApi } from '../session/api-context';
import { Section } from './section';
import { StatusText } from './status-text';

const useStyles = makeStyles({
  buttons: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fit, minmax(12rem, 1fr))',
    gap: tokens.spacingHorizontalS,
  },
  text: { margin: 0 },
  footer: {
    display: 'flex',
    flexWrap: 'wrap',
    alignItems: 'center',
    justifyContent: 'space-between',
    gap: tokens.spacingHorizontalM,
  },
});

/** Props of `RepsPanel`. */
export interface RepsPanelProps {
  /** This week. */
  readonly week: ThisWeekResponse;
  /** Called with the week after a rep was logged or undone. */
  readonly onChange: (week: Versioned<ThisWeekResponse>) => void;
}

/** Logs and undoes reps. */
export function RepsPanel({ week, onChange }: RepsPanelProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const api = useApi();
  const [note, setNote] = useState('');
  const [busy, setBusy] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');

  const run = async (
    change: () => Promise<Versioned<{ week: ThisWeekResponse }>>,
    done: string,
  ) => {
    setBusy(true);
    setProblem('');
    try {
      const result = await change();
      onChange({ value: result.value.week, ...(result.etag ? { etag: result.etag } : {}) });
      setStatus(done);
    } catch (error) {
      setStatus('');
      const type = error instanceof ApiError ? error.problem.type : '';
      setProblem(
        type === PROBLEM_TYPES.nothingToUndo
          ? t('reps.nothingToUndo')
          : type === PROBLEM_TYPES.tooManyReps
            ? t('reps.full')
            : t('reps.failed'),
      );
    } finally {
      setBusy(false);
    }
  };

  const log = (kind: RepKind) =>
    run(
      async () => {
        const result = await api.logRep({ kind, ...(note.trim() ? { note: note.trim() } : {}) });
        setNote('');
        return result;
      },
      t('reps.logged', { kind: t(`reps.kind.${kind}`) }),
    );

  const undo = () => {
    const last = [...week.reps].reverse().find((rep) => rep.source === 'logged');
    return run(
      () => api.undoLastRep(),
      t('reps.undone', { kind: last ? t(`reps.kind.${last.kind}`) : '' }),
    );
  };

  return (
    <Section title={t('reps.title')}>
      <Body1 as="p" className={styles.text}>
        {t('reps.card.intro')}
      </Body1>
      <Field label={t('reps.note.label')} hint={t('reps.note.hint')}>
        <Input
          value={note}
          maxLength={INPUT_LIMITS.repNote}
          onChange={(_event, data) => setNote(data.value)}
        />
      </Field>
      <div className={styles.buttons} role="group" aria-label={t('reps.title')}>
        {REP_KINDS.map((kind) => (
          <Button key={kind} appearance="primary" disabled={busy} onClick={() => void log(kind)}>
            {t(`reps.action.${kind}`)}
          </Button>
        ))}
      </div>
      <div className={styles.footer}>
        <Body1 as="p" className={styles.text} data-testid="rep-counts">
          {t('reps.counts', {
            asked: String(week.counts.asked),
            accepted: String(week.counts.accepted),
            thanked: String(week.counts.thanked),
          })}
        </Body1>
        <Button appearance="subtle" disabled={busy || !week.canUndo} onClick={() => void undo()}>
          {t('reps.action.undo')}
        </Button>
      </div>
      {problem && (
        <MessageBar intent="warning">
          <MessageBarBody>{problem}</MessageBarBody>
        </MessageBar>
      )}
      <StatusText text={status} testId="reps-status" />
    </Section>
  );
}
