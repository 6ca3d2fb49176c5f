/**
 * One help request in the tab: what, between whom, how heavy, by when, where it stands, and the
 * buttons its card offers this person now. Actions that take words (a reason, a suggestion, a
 * note) ask for them in a small dialog.
 */
import {
  Badge,
  Body1,
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  Input,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useState } from 'react';
import type {
  HelpRequestActionType,
  HelpRequestDto,
  RequestActionRequest,
} from '../../../src/api/contracts';
import { formatLongDate } from '../i18n/formats';
import { useI18n, type I18n } from '../i18n/i18n-context';

const useStyles = makeStyles({
  item: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalL}`,
    borderRadius: tokens.borderRadiusLarge,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  what: {
    margin: 0,
    fontSize: tokens.fontSizeBase400,
    lineHeight: tokens.lineHeightBase400,
    fontWeight: tokens.fontWeightSemibold,
    overflowWrap: 'anywhere',
    whiteSpace: 'pre-wrap',
  },
  text: { margin: 0, overflowWrap: 'anywhere' },
  muted: { margin: 0, color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
});

/** The actions that need a few words first, with their field's limits. */
const WORDED: Partial<
  Record<
    HelpRequestActionType,
    { field: 'reason' | 'suggestion' | 'note'; max: number; required: boolean }
  >
> = {
  decline: { field: 'reason', max: 280, required: false },
  redirect: { field: 'suggestion', max: 120, required: true },
  thank: { field: 'note', max: 500, required: false },
};

function statusOf(request: HelpRequestDto, { t }: I18n): string {
  const names = { helper: request.helperName, asker: request.askerName };
  // The card speaks to both sides; here one person reads it, so their own turn says so.
  if (request.status === 'sent' && request.role === 'helper') return t('requests.yourTurn');
  switch (request.status) {
    case 'declined':
      return request.declineReason
        ? t('ask.status.declinedReason', { ...names, reason: request.declineReason })
        : t('ask.status.declined', names);
    case 'redirected':
      return t('ask.status.redirected', { ...names, suggestion: request.suggestion ?? '' });
    default:
      return t(`ask.status.${request.status}`, names);
  }
}

/** Props of `RequestItem`. */
export interface RequestItemProps {
  /** The request. */
  readonly request: HelpRequestDto;
  /** Runs an action; resolves once the request shows its new state. */
  readonly onAct: (action: RequestActionRequest) => Promise<void>;
  /** True while any action of the page runs. */
  readonly busy: boolean;
}

/** A help request with its actions. */
export function RequestItem({ request, onAct, busy }: RequestItemProps) {
  const styles = useStyles();
  const i18n = useI18n();
  const { t, language } = i18n;
  const [asking, setAsking] = useState<HelpRequestActionType | undefined>(undefined);
  const [words, setWords] = useState('');
  const worded = asking ? WORDED[asking] : undefined;
  const names = { helper: request.helperName, asker: request.askerName };
  const other = request.role === 'asker' ? request.helperName : request.askerName;

  const press = (action: HelpRequestActionType) => {
    if (WORDED[action]) {
      setWords('');
      setAsking(action);
      return;
    }
    void onAct({ action });
  };

  const send = async () => {
    if (!asking || !worded) return;
    const text = words.trim();
    await onAct({ action: asking, ...(text ? { [worded.field]: text } : {}) });
    setAsking(undefined);
  };

  return (
    <li className={styles.item} data-testid="request" data-status={request.status}>
      <h3 className={styles.what}>{request.what}</h3>
      <Body1 as="p" className={styles.muted}>
        {[
          t(request.role === 'asker' ? 'requests.to' : 'requests.from', { name: other }),
          t(`ask.card.weight.${request.weight}`),
          request.byWhen
            ? t('ask.card.byWhen', { date: formatLongDate(language, request.byWhen) })
            : '',
        ]
          .filter(Boolean)
          .join(' · ')}
      </Body1>
      <Body1 as="p" className={styles.text}>
        <Badge appearance="tint" color={request.status === 'done' ? 'success' : 'informative'}>
          {t(`requests.status.${request.status}`)}
        </Badge>{' '}
        {statusOf(request, i18n)}
      </Body1>
      {request.thanks && (
        <Body1 as="p" className={styles.muted}>
          {t('ask.status.thanked', names)}
          {request.thanks.note ? ` “${request.thanks.note}”` : ''}
        </Body1>
      )}
      {request.actions.length > 0 && (
        <div className={styles.actions}>
          {request.actions.map((action) => (
            <Button
              key={action}
              appearance={action === 'accept' || action === 'done' ? 'primary' : 'secondary'}
              disabled={busy}
              onClick={() => press(action)}
            >
              {t(`ask.action.${action}`)}
            </Button>
          ))}
        </div>
      )}
      <Dialog
        open={asking !== undefined}
        onOpenChange={(_event, data) => !data.open && setAsking(undefined)}
      >
        <DialogSurface>
          <form
            onSubmit={(event) => {
              event.preventDefault();
              void send();
            }}
          >
            <DialogBody>
              <DialogTitle>{asking ? t(`ask.action.${asking}`) : ''}</DialogTitle>
              <DialogContent>
                <Field
                  label={
                    asking === 'decline'
                      ? t('ask.action.declineReason')
                      : asking === 'redirect'
                        ? t('requests.suggestion.label')
                        : t('ask.action.thankNote', names)
                  }
                  required={worded?.required ?? false}
                >
                  <Input
                    value={words}
                    maxLength={worded?.max}
                    onChange={(_event, data) => setWords(data.value)}
                  />
                </Field>
              </DialogContent>
              <DialogActions>
                <Button appearance="secondary" onClick={() => setAsking(undefined)}>
                  {t('requests.dialog.cancel')}
                </Button>
                <Button
                  type="submit"
                  appearance="primary"
                  disabled={busy || (worded?.required === true && words.trim().length === 0)}
                >
                  {asking === 'decline'
                    ? t('ask.action.declineSend')
                    : asking === 'redirect'
                      ? t('ask.action.redirectSend')
                      : t('ask.action.thankSend')}
                </Button>
              </DialogActions>
            </DialogBody>
          </form>
        </DialogSurface>
      </Dialog>
    </li>
  );
}
