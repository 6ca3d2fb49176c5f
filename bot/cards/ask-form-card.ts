/**
 * The ask form: who (people picker, or an e-mail address), what, by when, how heavy.
 *
 * @remarks
 * The same form serves the 1:1 chat (an `Action.Execute` with its `Action.Submit` fallback; the
 * answer replaces the form with the sent request) and the compose box's dialog (a plain
 * `Action.Submit`, which Teams turns into `composeExtension/submitAction`). Every form carries a
 * fresh `formId`, from which the request's id is derived, so a form sent twice asks once.
 */
import { HELP_REQUEST_LIMITS, WEIGHTS, type Weight } from '../../src/domain/help-request';
import { translate } from '../i18n';
import {
  executeAction,
  noticeBlock,
  type CardNotice,
  type ChoiceSetInput,
  type SubmitAction,
} from './card-elements';
import { helpCard, type HelpCard, type HelpCardElement } from './help-request-elements';
import { HELP_REQUEST_INPUT, HELP_REQUEST_VERB } from './help-request-verbs';

/** The Teams people-picker dataset. */
export const PEOPLE_DATASET = 'graph.microsoft.com/users';

/** What the form shows. */
export interface AskFormValues {
  /** Id of this form (a UUID). */
  readonly formId: string;
  /** The colleague already chosen (from a suggestion, or a form sent back with a problem). */
  readonly colleague?: { readonly id: string; readonly name: string } | undefined;
  /** The e-mail address typed, when sent back with a problem. */
  readonly colleagueAddress?: string | undefined;
  /** What, prefilled. */
  readonly what?: string | undefined;
  /** By when (`YYYY-MM-DD`), prefilled. */
  readonly byWhen?: string | undefined;
  /** How heavy. @default 'light' */
  readonly weight?: Weight | undefined;
}

/** Where the form is shown. */
export interface AskFormOptions {
  /** `chat`: the bot's 1:1 chat; `dialog`: the compose box's dialog. */
  readonly mode: 'chat' | 'dialog';
  /** The asker's today (`YYYY-MM-DD`): the earliest date offered. */
  readonly today?: string;
  /** A problem with the last attempt, shown on top. */
  readonly notice?: CardNotice;
}

/** The ask form. */
export function askFormCard(
  locale: string | undefined,
  values: AskFormValues,
  options: AskFormOptions,
): HelpCard {
  const t = (key: Parameters<typeof translate>[1]) => translate(locale, key);
  const picker: ChoiceSetInput = {
    type: 'Input.ChoiceSet',
    id: HELP_REQUEST_INPUT.colleague,
    label: t('ask.form.colleague'),
    placeholder: t('ask.form.colleaguePlaceholder'),
    choices: values.colleague ? [{ title: values.colleague.name, value: values.colleague.id }] : [],
    'choices.data': { type: 'Data.Query', dataset: PEOPLE_DATASET },
    ...(values.colleague ? { value: values.colleague.id } : {}),
  };
  const body: HelpCardElement[] = [
    {
      type: 'TextBlock',
      text: t('ask.form.title'),
      size: 'medium',
      weight: 'bolder',
      wrap: true,
    },
    ...(options.notice ? [noticeBlock(options.notice)] : []),
    { type: 'TextBlock', text: t('ask.form.intro'), wrap: true, isSubtle: true },
    picker,
    {
      type: 'Input.Text',
      id: HELP_REQUEST_INPUT.colleagueAddress,
      label: t('ask.form.address'),
      placeholder: t('ask.form.addressPlaceholder'),
      maxLength: 254,
      ...(values.colleagueAddress ? { value: values.colleagueAddress.slice(0, 254) } : {}),
    },
    {
      type: 'Input.Text',
      id: HELP_REQUEST_INPUT.what,
      label: t('ask.form.what'),
      placeholder: t('ask.form.whatPlaceholder'),
      isMultiline: true,
      maxLength: HELP_REQUEST_LIMITS.what,
      ...(values.what
        ? { value: Array.from(values.what).slice(0, HELP_REQUEST_LIMITS.what).join('') }
        : {}),
    },
    {
      type: 'Input.Date',
      id: HELP_REQUEST_INPUT.byWhen,
      label: t('ask.form.byWhen'),
      ...(options.today ? { min: options.today } : {}),
      ...(values.byWhen ? { value: values.byWhen } : {}),
    },
    {
      type: 'Input.ChoiceSet',
      id: HELP_REQUEST_INPUT.weight,
      label: t('ask.form.weight'),
      style: 'expanded',
      choices: WEIGHTS.map((weight) => ({ title: t(`ask.weight.${weight}`), value: weight })),
      value: values.weight ?? 'light',
    },
  ];
  const data = { formId: values.formId };
  if (options.mode === 'dialog') {
    const submit: SubmitAction = {
      type: 'Action.Submit',
      title: t('ask.form.send'),
      data: { ...data, verb: HELP_REQUEST_VERB.create },
      style: 'positive',
    };
    return helpCard(body, [submit]);
  }
  return helpCard(body, [
    executeAction(t('ask.form.send'), HELP_REQUEST_VERB.create, { data, style: 'positive' }),
  ]);
}
