/**
 * What the pane offers beside a mail being read: thank the sender (a `thanked` rep, with an
 * optional reply draft) and note that someone offered help here (an `accepted` rep, with the
 * sender optionally added to this week's *let in*).
 *
 * @remarks
 * Both write the same records as the chat and the tab (`POST /week/reps`, `PUT
 * /week/reflection`). The reply is only ever a draft Outlook opens for the user to send.
 */
import {
  Body1,
  Button,
  Checkbox,
  makeStyles,
  MessageBar,
  MessageBarBody,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import { INPUT_LIMITS, type PersonDto } from '../../../src/api/contracts';
import type { ApiClient } from '../api';
import { Section } from '../components/section';
import { useI18n } from '../i18n/i18n-context';
import type { MailItem, OfficeHost } from './office-host';

const useStyles = makeStyles({
  text: { margin: 0, overflowWrap: 'anywhere' },
  action: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
});

/** Props of `MailActions`. */
export interface MailActionsProps {
  /** The mail being read. */
  readonly item: MailItem;
  /** Outlook. */
  readonly office: OfficeHost;
  /** The signed-in API client. */
  readonly api: ApiClient;
}

type Outcome = { readonly intent: 'success' | 'error'; readonly text: string } | undefined;

/** The two mail actions, each with its own result message. */
export function MailActions({ item, office, api }: MailActionsProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const sender = item.sender?.name || item.sender?.email || t('outlook.sender.unknown');
  const [withReply, setWithReply] = useState(true);
  const [letIn, setLetIn] = useState(true);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(undefined);

  const note = (key: 'outlook.thank.note' | 'outlook.offered.note') =>
    t(key, { name: sender, subject: item.subject }).slice(0, INPUT_LIMITS.repNote);

  const run = async (work: () => Promise<string>) => {
    setBusy(true);
    setOutcome(undefined);
    try {
      setOutcome({ intent: 'success', text: await work() });
    } catch {
      setOutcome({ intent: 'error', text: t('outlook.failed') });
    } finally {
      setBusy(false);
    }
  };

  const thank = () =>
    run(async () => {
      await api.logRep({ kind: 'thanked', note: note('outlook.thank.note') });
      if (withReply) office.openReplyDraft(t('outlook.thank.draft', { name: sender }));
      return t(withReply ? 'outlook.thank.doneWithReply' : 'outlook.thank.done');
    });

  const offered = () =>
    run(async () => {
      await api.logRep({ kind: 'accepted', note: note('outlook.offered.note') });
      if (letIn && item.sender) await addToLetIn(api, { name: sender });
      return t(letIn && item.sender ? 'outlook.offered.doneWithLetIn' : 'outlook.offered.done', {
        name: sender,
      });
    });

  return (
    <>
      <Section title={t('outlook.thank.title')}>
        <div className={styles.action}>
          <Body1 as="p" className={styles.text}>
            {t('outlook.thank.body', { name: sender })}
          </Body1>
          <Checkbox
            checked={withReply}
            onChange={(_event, data) => setWithReply(data.checked === true)}
            label={t('outlook.thank.withReply')}
          />
          <Button appearance="primary" disabled={busy} onClick={() => void thank()}>
            {t('outlook.thank.action')}
          </Button>
        </div>
      </Section>
      <Section title={t('outlook.offered.title')}>
        <div className={styles.action}>
          <Body1 as="p" className={styles.text}>
            {t('outlook.offered.body', { name: sender })}
          </Body1>
          {item.sender ? (
            <Checkbox
              checked={letIn}
              onChange={(_event, data) => setLetIn(data.checked === true)}
              label={t('outlook.offered.letIn', { name: sender })}
            />
          ) : null}
          <Button disabled={busy} onClick={() => void offered()}>
            {t('outlook.offered.action')}
          </Button>
        </div>
      </Section>
      {outcome ? (
        <MessageBar intent={outcome.intent} role="status">
          <MessageBarBody>{outcome.text}</MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}

/** Adds `person` to this week's *let in*, keeping the reflection's other answers and state. */
async function addToLetIn(api: ApiClient, person: PersonDto): Promise<void> {
  const { value: week, etag } = await api.getWeek();
  const reflection = week.reflection;
  const helpedBy = reflection?.helpedBy ?? [];
  const name = person.name.trim().slice(0, INPUT_LIMITS.nameLength);
  // Already there, or the list is full: the rep alone is the answer, not an error.
  if (helpedBy.length >= INPUT_LIMITS.people) return;
  if (helpedBy.some((known) => known.name.toLowerCase() === name.toLowerCase())) return;
  await api.saveReflection(
    {
      week: week.week,
      answers: {
        helpedBy: [...helpedBy, { ...person, name }],
        yesCount: reflection?.yesCount ?? null,
        holdingAlone: reflection?.holdingAlone ?? '',
        connected: reflection?.connected ?? [],
      },
      // A finished reflection stays finished; a draft stays a draft.
      complete: reflection?.completedAt !== undefined,
    },
    etag,
  );
}
