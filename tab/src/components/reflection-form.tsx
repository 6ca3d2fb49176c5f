/**
 * This week's reflection: the chat's three prompts in one form, saved as a draft or finished,
 * into the same record the bot's reflection writes.
 *
 * @remarks
 * Saves send the week's entity tag. When the week changed elsewhere meanwhile (a rep logged in
 * the chat, say), the server answers 412; if the reflection itself is still what this form
 * started from, the save simply goes again over the newer version. Only when the answers were
 * changed elsewhere too does the person choose: take the newer answers, or keep theirs.
 */
import {
  Body1,
  Button,
  Caption1,
  Field,
  Input,
  makeStyles,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import {
  INPUT_LIMITS,
  PROBLEM_TYPES,
  type ReflectionAnswersDto,
  type ReflectionDto,
  type ThisWeekResponse,
} from '../../../src/api/contracts';
import { ApiError, type Versioned } from '../api';
import { formatMoment } from '../i18n/formats';
import { useI18n } from '../i18n/i18n-context';
import { useApi } from '../session/api-context';
import { PeopleInput } from './people-input';
import { Section } from './section';
import { StatusText } from './status-text';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXL },
  group: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    margin: 0,
    padding: 0,
    border: 'none',
    minWidth: 0,
  },
  legend: {
    padding: 0,
    marginBottom: tokens.spacingVerticalS,
    fontWeight: tokens.fontWeightSemibold,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
  },
  count: { maxWidth: '8rem' },
  text: { margin: 0 },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  done: { color: tokens.colorNeutralForeground2 },
});

const EMPTY: ReflectionAnswersDto = {
  helpedBy: [],
  yesCount: null,
  holdingAlone: '',
  connected: [],
};

function answersOf(reflection: ReflectionDto | null): ReflectionAnswersDto {
  if (!reflection) return EMPTY;
  const { helpedBy, yesCount, holdingAlone, connected } = reflection;
  return { helpedBy, yesCount, holdingAlone, connected };
}

/** Answers as the server would store them, for telling real changes from none. */
function sameAnswers(a: ReflectionAnswersDto, b: ReflectionAnswersDto): boolean {
  const canonical = (answers: ReflectionAnswersDto) =>
    JSON.stringify({
      helpedBy: answers.helpedBy.map((p) => [p.id ?? '', p.name.trim()]),
      yesCount: answers.yesCount,
      holdingAlone: answers.holdingAlone.trim(),
      connected: answers.connected.map((p) => [p.id ?? '', p.name.trim()]),
    });
  return canonical(a) === canonical(b);
}

/** Props of `ReflectionForm`. */
export interface ReflectionFormProps {
  /** This week, with its entity tag. */
  readonly week: Versioned<ThisWeekResponse>;
  /** Called with the week after a save, or after loading a newer version. */
  readonly onChange: (week: Versioned<ThisWeekResponse>) => void;
}

/** A save refused because the answers changed elsewhere: the newer week and what was asked. */
type Conflict =
  { readonly latest: Versioned<ThisWeekResponse>; readonly complete: boolean } | undefined;

/** The reflection form. */
export function ReflectionForm({ week, onChange }: ReflectionFormProps) {
  const styles = useStyles();
  const { t, language } = useI18n();
  const api = useApi();
  const [base, setBase] = useState(() => answersOf(week.value.reflection));
  const [answers, setAnswers] = useState(base);
  const [saving, setSaving] = useState(false);
  const [status, setStatus] = useState('');
  const [problem, setProblem] = useState('');
  const [conflict, setConflict] = useState<Conflict>(undefined);
  const completedAt = week.value.reflection?.completedAt;
  const countText = answers.yesCount === null ? '' : String(answers.yesCount);

  const update = (change: Partial<ReflectionAnswersDto>) => {
    setAnswers((current) => ({ ...current, ...change }));
    setStatus('');
  };

  const adopt = (latest: Versioned<ThisWeekResponse>) => {
    const loaded = answersOf(latest.value.reflection);
    setBase(loaded);
    setAnswers(loaded);
    setConflict(undefined);
    onChange(latest);
  };

  const save = async (
    complete: boolean,
    over: Versioned<ThisWeekResponse> = week,
    retry = true,
  ): Promise<void> => {
    setSaving(true);
    setProblem('');
    setConflict(undefined);
    try {
      const saved = await api.saveReflection(
        { week: over.value.week, answers, complete },
        over.etag,
      );
      setBase(answersOf(saved.value.reflection));
      onChange(saved);
      setStatus(complete ? t('reflection.saved.done') : t('reflection.saved.draft'));
    } catch (error) {
      await recover(error, complete, over, retry);
    } finally {
      setSaving(false);
    }
  };

  const recover = async (
    error: unknown,
    complete: boolean,
    over: Versioned<ThisWeekResponse>,
    retry: boolean,
  ) => {
    setStatus('');
    if (!(error instanceof ApiError)) throw error;
    if (error.status === 412) {
      const latest = await api.getWeek();
      const unchangedElsewhere = sameAnswers(answersOf(latest.value.reflection), base);
      if (unchangedElsewhere && retry) {
        await save(complete, latest, false);
        return;
      }
      setConflict({ latest, complete });
      return;
    }
    if (error.problem.type === PROBLEM_TYPES.weekClosed) {
      setProblem(t('reflection.weekClosed'));
      onChange(await api.getWeek());
      return;
    }
    setProblem(error.status === 422 ? t('reflection.invalid') : t('reflection.failed'));
  };

  return (
    <Section title={t('reflection.title')}>
      <Body1 as="p" className={styles.text}>
        {t('reflect.card.intro')}
      </Body1>
      <form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          void save(true);
        }}
      >
        <fieldset className={styles.group}>
          <legend className={styles.legend}>{t('reflect.letIn.heading')}</legend>
          <PeopleInput
            label={t('reflect.helpedBy.label')}
            people={answers.helpedBy}
            onChange={(helpedBy) => update({ helpedBy })}
            testId="helped-by-input"
          />
          <Field
            label={t('reflect.yesCount.label')}
            hint={t('reflection.count.hint', { limit: String(INPUT_LIMITS.yesCount) })}
          >
            <Input
              className={styles.count}
              type="number"
              inputMode="numeric"
              min={0}
              max={INPUT_LIMITS.yesCount}
              step={1}
              value={countText}
              onChange={(_event, data) => {
                const value = data.value.trim();
                const number = Number(value);
                update({
                  yesCount:
                    value === '' || !Number.isInteger(number)
                      ? null
                      : Math.min(Math.max(number, 0), INPUT_LIMITS.yesCount),
                });
              }}
            />
          </Field>
        </fieldset>
        <fieldset className={styles.group}>
          <legend className={styles.legend}>{t('reflect.holdingAlone.heading')}</legend>
          <Field
            label={t('reflect.holdingAlone.label')}
            hint={t('reflection.characters', {
              count: String(answers.holdingAlone.length),
              limit: String(INPUT_LIMITS.holdingAlone),
            })}
          >
            <Textarea
              resize="vertical"
              rows={4}
              maxLength={INPUT_LIMITS.holdingAlone}
              value={answers.holdingAlone}
              onChange={(_event, data) => update({ holdingAlone: data.value })}
            />
          </Field>
        </fieldset>
        <fieldset className={styles.group}>
          <legend className={styles.legend}>{t('reflect.connected.heading')}</legend>
          <PeopleInput
            label={t('reflect.connected.label')}
            people={answers.connected}
            onChange={(connected) => update({ connected })}
            testId="connected-input"
          />
        </fieldset>
        {conflict && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>{t('reflection.conflict')}</MessageBarBody>
            <MessageBarActions>
              <Button onClick={() => adopt(conflict.latest)}>
                {t('reflection.conflict.load')}
              </Button>
              <Button onClick={() => void save(conflict.complete, conflict.latest, false)}>
                {t('reflection.conflict.keep')}
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {problem && (
          <MessageBar intent="error">
            <MessageBarBody>{problem}</MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" disabled={saving}>
            {t('reflect.action.done')}
          </Button>
          <Button disabled={saving} onClick={() => void save(false)}>
            {t('reflect.action.draft')}
          </Button>
        </div>
        {completedAt && (
          <Caption1 className={styles.done}>
            {t('reflection.completedAt', { when: formatMoment(language, completedAt) })}
          </Caption1>
        )}
        <StatusText text={status} testId="reflection-status" />
      </form>
    </Section>
  );
}
