/**
 * "Ask someone for help with this": a help request from the pane, prefilled from the mail,
 * sent to a colleague picked from the people Spotter knows, through the same API and delivery
 * as `ask` in chat. Beside a mail being read it carries a link to the mail; in a mail being
 * written it also puts a short note about the request into the mail.
 *
 * @remarks
 * Each form has its own id, sent as the `Idempotency-Key`, so a double click or a retry after a
 * lost answer makes one request; a new id follows each request that went through.
 */
import {
  Body1,
  Button,
  Checkbox,
  Combobox,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Option,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { INPUT_LIMITS, PROBLEM_TYPES, type ColleagueDto } from '../../../src/api/contracts';
import { ApiError, type ApiClient } from '../api';
import { Section } from '../components/section';
import { botChatUrl } from '../host/bot-chat-url';
import { useI18n } from '../i18n/i18n-context';
import type { MessageKey } from '../i18n/messages';
import type { MailItem, OfficeHost } from './office-host';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  text: { margin: 0, overflowWrap: 'anywhere' },
});

/** Pause after a keystroke before the colleagues are looked up. */
const TYPE_AHEAD_MS = 250;

/** Props of `AskForHelp`. */
export interface AskForHelpProps {
  /** The mail being read or written. */
  readonly item: MailItem;
  /** Outlook. */
  readonly office: OfficeHost;
  /** The signed-in API client. */
  readonly api: ApiClient;
}

type Outcome = { readonly intent: 'success' | 'error'; readonly text: string } | undefined;

/** What each refusal of `POST /requests` is called in the pane. */
const PROBLEM_KEYS: Readonly<Record<string, MessageKey>> = {
  [PROBLEM_TYPES.colleagueUnreachable]: 'outlook.ask.problem.unreachable',
  [PROBLEM_TYPES.colleagueMuted]: 'outlook.ask.problem.muted',
  [PROBLEM_TYPES.askLimit]: 'outlook.ask.problem.limit',
  [PROBLEM_TYPES.featureOff]: 'outlook.ask.problem.off',
  [PROBLEM_TYPES.validation]: 'outlook.ask.problem.invalid',
};

/** The ask form, its colleague picker and its result. */
export function AskForHelp({ item, office, api }: AskForHelpProps) {
  const styles = useStyles();
  const { t } = useI18n();
  const composing = item.mode === 'compose';
  const [what, setWhat] = useState(() =>
    (item.subject ? t('outlook.ask.prefill', { subject: item.subject }) : '').slice(
      0,
      INPUT_LIMITS.requestWhat,
    ),
  );
  const [withLink, setWithLink] = useState(true);
  const [query, setQuery] = useState('');
  const [people, setPeople] = useState<readonly ColleagueDto[]>([]);
  const [picked, setPicked] = useState<ColleagueDto | undefined>(undefined);
  const [formId, setFormId] = useState(() => crypto.randomUUID());
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(undefined);
  const senderAddress = item.sender?.email;
  const senderOffered = useRef(false);

  useEffect(() => {
    let current = true;
    const timer = setTimeout(() => {
      api
        .findColleagues(picked?.name === query ? '' : query, senderAddress)
        .then(({ people: found }) => {
          if (!current) return;
          setPeople(found);
          // The sender is the likeliest one to ask about their own mail: offer them first.
          const sender = found.find((person) => person.source === 'sender');
          if (sender && !senderOffered.current) {
            senderOffered.current = true;
            setPicked(sender);
            setQuery(sender.name);
          }
        })
        .catch(() => {
          if (current) setPeople([]);
        });
    }, TYPE_AHEAD_MS);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [api, query, senderAddress, picked]);

  const send = async () => {
    if (!picked) return;
    setBusy(true);
    setOutcome(undefined);
    try {
      const { request } = await api.createRequest(
        {
          colleagueId: picked.id,
          what,
          ...(item.link && withLink && !composing ? { link: item.link } : {}),
          source: 'outlook',
        },
        formId,
      );
      const name = request.helperName || picked.name;
      if (composing) {
        const { botId } = await api.getAppInfo();
        await office.insertIntoBody(
          t('outlook.ask.summary', { name, what: request.what }),
          botId ? { text: t('outlook.ask.summaryLink'), href: botChatUrl(botId) } : undefined,
        );
      }
      setFormId(crypto.randomUUID());
      setOutcome({
        intent: 'success',
        text: t(composing ? 'outlook.ask.sentInMail' : 'outlook.ask.sent', { name }),
      });
    } catch (error) {
      const key =
        error instanceof ApiError ? PROBLEM_KEYS[error.problem.type] : 'outlook.ask.problem.mail';
      setOutcome({ intent: 'error', text: t(key ?? 'outlook.failed', { name: picked.name }) });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Section title={t('outlook.ask.title')}>
      <form
        className={styles.form}
        onSubmit={(event) => {
          event.preventDefault();
          void send();
        }}
      >
        <Body1 as="p" className={styles.text}>
          {t(composing ? 'outlook.ask.bodyCompose' : 'outlook.ask.body')}
        </Body1>
        <Field label={t('outlook.ask.colleague')} hint={t('outlook.ask.colleagueHint')}>
          <Combobox
            freeform
            value={query}
            selectedOptions={picked ? [picked.id] : []}
            placeholder={t('outlook.ask.colleaguePlaceholder')}
            onChange={(event) => {
              setQuery(event.target.value);
              setPicked(undefined);
            }}
            onOptionSelect={(_event, data) => {
              const person = people.find((candidate) => candidate.id === data.optionValue);
              setPicked(person);
              setQuery(person?.name ?? '');
            }}
          >
            {people.map((person) => (
              <Option key={person.id} value={person.id} text={person.name}>
                {person.source === 'sender'
                  ? t('outlook.ask.senderOption', { name: person.name })
                  : person.name}
              </Option>
            ))}
          </Combobox>
        </Field>
        <Field label={t('outlook.ask.what')}>
          <Textarea
            value={what}
            maxLength={INPUT_LIMITS.requestWhat}
            resize="vertical"
            onChange={(_event, data) => setWhat(data.value)}
          />
        </Field>
        {item.link && !composing ? (
          <Checkbox
            checked={withLink}
            onChange={(_event, data) => setWithLink(data.checked === true)}
            label={t('outlook.ask.withLink')}
          />
        ) : null}
        <Button
          type="submit"
          appearance="primary"
          disabled={busy || !picked || what.trim().length === 0}
        >
          {t('outlook.ask.send')}
        </Button>
        {outcome ? (
          <MessageBar intent={outcome.intent} role="status">
            <MessageBarBody>{outcome.text}</MessageBarBody>
          </MessageBar>
        ) : null}
      </form>
    </Section>
  );
}
